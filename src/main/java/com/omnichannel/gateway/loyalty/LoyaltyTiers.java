package com.omnichannel.gateway.loyalty;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

/** The configured tiers, lowest threshold first, and the arithmetic of tiers and points. */
@ApplicationScoped
public class LoyaltyTiers {

    /** A tier with its threshold in minor units. */
    public record Tier(String name, long thresholdMinor, BigDecimal earnRate) {
    }

    private final List<Tier> tiers;
    private final int digits;

    public LoyaltyTiers(LoyaltyConfig config,
            com.omnichannel.gateway.catalog.CatalogConfig catalogConfig) {
        this.digits = catalogConfig.currencyDigits();
        this.tiers = config.tiers().entrySet().stream()
                .map(e -> new Tier(e.getKey(), e.getValue().threshold().movePointRight(digits).setScale(0, RoundingMode.HALF_UP).longValueExact(),
                        e.getValue().earnRate()))
                .sorted(Comparator.comparingLong(Tier::thresholdMinor)).toList();
        if (tiers.isEmpty() || tiers.get(0).thresholdMinor() != 0) {
            throw new IllegalStateException("app.loyalty.tiers needs a tier with threshold 0");
        }
    }

    public List<Tier> all() {
        return tiers;
    }

    public Tier tierFor(long qualifyingSpendMinor) {
        Tier result = tiers.get(0);
        for (Tier tier : tiers) {
            if (qualifyingSpendMinor >= tier.thresholdMinor()) {
                result = tier;
            }
        }
        return result;
    }

    /** The tier above the one this spend reaches, or null at the top. */
    public Tier nextTier(long qualifyingSpendMinor) {
        for (Tier tier : tiers) {
            if (tier.thresholdMinor() > qualifyingSpendMinor) {
                return tier;
            }
        }
        return null;
    }

    /** Points earned on an amount (minor units) at a tier: whole points, rounded down. */
    public long pointsFor(long amountMinor, Tier tier) {
        if (amountMinor <= 0) {
            return 0;
        }
        return BigDecimal.valueOf(amountMinor, digits).multiply(tier.earnRate()).setScale(0, RoundingMode.DOWN).longValueExact();
    }
}
