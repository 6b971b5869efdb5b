package com.omnichannel.gateway.loyalty;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Loyalty settings: tiers (qualifying spend threshold and earn rate), what a point is worth when redeemed, the
 * redemption bounds and expiry after inactivity.
 */
@ConfigMapping(prefix = "app.loyalty")
public interface LoyaltyConfig {

    /** Tiers by name; a customer is in the highest tier whose threshold their qualifying spend reaches. */
    Map<String, Tier> tiers();

    /** Months of delivered and picked-up orders that count towards the tier (rolling). */
    @WithDefault("12")
    int qualifyingMonths();

    /** Value of one point in the catalog currency when redeemed, e.g. 0.01. */
    @WithDefault("0.01")
    BigDecimal pointValue();

    /** Fewest points redeemable on one order. */
    @WithDefault("100")
    int minRedeemPoints();

    /** Largest share of an order (after promotions) that points may pay, e.g. 0.5. */
    @WithDefault("0.5")
    BigDecimal maxRedeemShare();

    /** Points expire after this long without an earn, redemption or adjustment. */
    @WithDefault("P365D")
    Duration expireAfterInactivity();

    /** How often the expiry job runs. */
    @WithDefault("PT1H")
    Duration expiryCheckInterval();

    interface Tier {
        /** Qualifying spend (decimal, catalog currency) from which the tier applies. */
        BigDecimal threshold();

        /** Points per currency unit spent. */
        BigDecimal earnRate();
    }
}
