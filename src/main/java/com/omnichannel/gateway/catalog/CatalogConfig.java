package com.omnichannel.gateway.catalog;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Catalog settings. The currency is the one every price of the catalog is in, so every domain that states an
 * amount (carts, orders, loyalty, promotions, insights) reads it from here.
 */
@ConfigMapping(prefix = "app.catalog")
public interface CatalogConfig {

    /** ISO 4217 code of the catalog's prices, e.g. EUR. */
    @WithDefault("EUR")
    String currency();

    /** Digits after the decimal point of the currency (2 for EUR). */
    default int currencyDigits() {
        return Math.max(java.util.Currency.getInstance(currency()).getDefaultFractionDigits(), 0);
    }

    VariantCache variantCache();

    /** The local cache of variants that carts resolve (see {@code CatalogRowCache}). */
    interface VariantCache {
        /** How long an entry lives at most (only bounds a lost invalidation message). */
        @WithDefault("PT30S")
        Duration ttl();

        @WithDefault("200000")
        int maxEntries();
    }

    ProductCache productCache();

    /** The local cache of products that recommendations and variants' {@code product} resolve (CatalogRowCache). */
    interface ProductCache {
        /** How long an entry lives at most (only bounds a lost invalidation message). */
        @WithDefault("PT30S")
        Duration ttl();

        @WithDefault("20000")
        int maxEntries();
    }
}
