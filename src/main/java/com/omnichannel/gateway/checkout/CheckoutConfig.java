package com.omnichannel.gateway.checkout;

import java.math.BigDecimal;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Checkout settings: how prices are stated, the tax rate table and the shipping rate table.
 * Tax rates are keyed by country ({@code DE}) or country and region ({@code US-CA}); the most specific wins.
 * Shipping rates are keyed by destination country; countries without a rate are not shipped to.
 */
@ConfigMapping(prefix = "app.checkout")
public interface CheckoutConfig {

    /** True when catalog prices include tax (EU retail), false when tax is added on top (US retail). */
    @WithDefault("true")
    boolean pricesIncludeTax();

    Tax tax();

    Map<String, ShippingRate> shipping();

    interface Tax {
        /** Percent applied where the table has no entry for the destination. */
        @WithDefault("0")
        BigDecimal defaultRate();

        Map<String, BigDecimal> rates();
    }

    interface ShippingRate {
        /** Decimal amount in the catalog currency. */
        BigDecimal flatRate();

        /** Shipping is free when the discounted subtotal reaches this amount; absent means never free. */
        java.util.Optional<BigDecimal> freeOver();
    }
}
