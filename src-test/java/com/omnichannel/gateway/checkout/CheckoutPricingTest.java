package com.omnichannel.gateway.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.cart.FulfilmentType;

/** Tax, rounding and shipping rates, without Quarkus: the rules the order totals come from. */
class CheckoutPricingTest {

    private static CheckoutConfig config(boolean inclusive) {
        return new CheckoutConfig() {
            @Override
            public boolean pricesIncludeTax() {
                return inclusive;
            }

            @Override
            public Tax tax() {
                return new Tax() {
                    @Override
                    public BigDecimal defaultRate() {
                        return BigDecimal.ZERO;
                    }

                    @Override
                    public Map<String, BigDecimal> rates() {
                        return Map.of("DE", new BigDecimal("19"), "US-CA", new BigDecimal("7.25"), "US", new BigDecimal("5"));
                    }
                };
            }

            @Override
            public Map<String, ShippingRate> shipping() {
                return Map.of("DE", rate("4.95", "50.00"), "US", rate("9.95", null));
            }
        };
    }

    private static CheckoutConfig.ShippingRate rate(String flat, String freeOver) {
        return new CheckoutConfig.ShippingRate() {
            @Override
            public BigDecimal flatRate() {
                return new BigDecimal(flat);
            }

            @Override
            public Optional<BigDecimal> freeOver() {
                return Optional.ofNullable(freeOver).map(BigDecimal::new);
            }
        };
    }

    @Test
    void tax_included_in_a_price_is_taken_out_and_rounded_half_up() {
        // 19 % in 10.00: 1000 * 19 / 119 = 159.66 -> 160
        assertThat(CheckoutPricing.taxOf(1000, new BigDecimal("19"), true)).isEqualTo(160);
        // 19 % in 1.19: exactly 0.19
        assertThat(CheckoutPricing.taxOf(119, new BigDecimal("19"), true)).isEqualTo(19);
    }

    @Test
    void tax_added_on_top_is_rounded_half_up() {
        // 7.25 % on 10.00 = 72.5 -> 73
        assertThat(CheckoutPricing.taxOf(1000, new BigDecimal("7.25"), false)).isEqualTo(73);
        assertThat(CheckoutPricing.taxOf(0, new BigDecimal("19"), false)).isZero();
        assertThat(CheckoutPricing.taxOf(1000, BigDecimal.ZERO, true)).isZero();
    }

    @Test
    void the_most_specific_tax_rate_wins() {
        CheckoutPricing pricing = new CheckoutPricing(config(false));
        assertThat(pricing.taxRate("US", "CA")).isEqualByComparingTo("7.25");
        assertThat(pricing.taxRate("US", "NY")).isEqualByComparingTo("5");
        assertThat(pricing.taxRate("US", null)).isEqualByComparingTo("5");
        assertThat(pricing.taxRate("FR", null)).isEqualByComparingTo("0");
    }

    @Test
    void inclusive_prices_keep_the_total_and_state_the_tax_per_line_and_on_shipping() {
        CheckoutPricing pricing = new CheckoutPricing(config(true));
        CheckoutPricing.Totals totals = pricing.price(List.of(new CheckoutPricing.PricedLine(1190, 2, 0),
                new CheckoutPricing.PricedLine(500, 1, 100)), FulfilmentType.SHIP, "DE", null, false, 2);

        assertThat(totals.subtotalMinor()).isEqualTo(2880);
        assertThat(totals.discountMinor()).isEqualTo(100);
        assertThat(totals.shippingMinor()).isEqualTo(495);
        // 2380 -> 380, 400 -> 64 (63.87), shipping 495 -> 79 (79.03)
        assertThat(totals.lines()).containsExactly(new CheckoutPricing.LineTotals(0, 380, 2380),
                new CheckoutPricing.LineTotals(100, 64, 400));
        assertThat(totals.taxMinor()).isEqualTo(380 + 64 + 79);
        assertThat(totals.totalMinor()).isEqualTo(2380 + 400 + 495);
        assertThat(totals.pricesIncludeTax()).isTrue();
    }

    @Test
    void exclusive_prices_add_the_tax_to_each_line_and_the_total() {
        CheckoutPricing pricing = new CheckoutPricing(config(false));
        CheckoutPricing.Totals totals = pricing.price(List.of(new CheckoutPricing.PricedLine(1000, 1, 0)), FulfilmentType.SHIP,
                "US", "CA", false, 2);

        assertThat(totals.lines()).containsExactly(new CheckoutPricing.LineTotals(0, 73, 1073));
        // shipping 9.95 at 7.25 % = 72.14 -> 72
        assertThat(totals.shippingMinor()).isEqualTo(995);
        assertThat(totals.taxMinor()).isEqualTo(73 + 72);
        assertThat(totals.totalMinor()).isEqualTo(1000 + 995 + 73 + 72);
    }

    @Test
    void shipping_is_free_from_the_discounted_subtotal_set_for_the_country() {
        CheckoutPricing pricing = new CheckoutPricing(config(true));
        assertThat(pricing.price(List.of(new CheckoutPricing.PricedLine(5000, 1, 0)), FulfilmentType.SHIP, "DE", null, false, 2)
                .shippingMinor()).isZero();
        // 50.00 before the discount, 49.99 after it: the flat rate applies
        assertThat(pricing.price(List.of(new CheckoutPricing.PricedLine(5000, 1, 1)), FulfilmentType.SHIP, "DE", null, false, 2)
                .shippingMinor()).isEqualTo(495);
        // never free where no threshold is set
        assertThat(new CheckoutPricing(config(false)).price(List.of(new CheckoutPricing.PricedLine(100000, 1, 0)), FulfilmentType.SHIP,
                "US", null, false, 2).shippingMinor()).isEqualTo(995);
    }

    @Test
    void pickup_and_curbside_and_waived_shipping_cost_nothing() {
        CheckoutPricing pricing = new CheckoutPricing(config(true));
        List<CheckoutPricing.PricedLine> lines = List.of(new CheckoutPricing.PricedLine(1000, 1, 0));
        assertThat(pricing.price(lines, FulfilmentType.PICKUP, "DE", null, false, 2).shippingMinor()).isZero();
        assertThat(pricing.price(lines, FulfilmentType.CURBSIDE, "DE", null, false, 2).shippingMinor()).isZero();
        assertThat(pricing.price(lines, FulfilmentType.SHIP, "DE", null, true, 2).shippingMinor()).isZero();
    }

    @Test
    void only_countries_with_a_shipping_rate_are_shipped_to() {
        CheckoutPricing pricing = new CheckoutPricing(config(true));
        assertThat(pricing.shipsTo("DE")).isTrue();
        assertThat(pricing.shipsTo("FR")).isFalse();
    }
}
