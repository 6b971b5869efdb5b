package com.omnichannel.gateway.promotion;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;

/** A promotion as the engine evaluates it (amounts in minor units). */
record PromotionRule(long key, String name, String code, PromotionKind kind, BigDecimal percentOff, Long amountOffMinor,
        Long minSubtotalMinor, Set<Long> productKeys, Set<Long> categoryKeys, Set<String> customerTiers, Set<String> channels,
        Instant startsAt, Instant endsAt, Integer usageLimit, Integer perCustomerLimit, int usedCount, boolean paused) {

    boolean automatic() {
        return code == null;
    }

    boolean inScope(PromotionEngine.Line line) {
        if (productKeys.isEmpty() && categoryKeys.isEmpty()) {
            return true;
        }
        if (productKeys.contains(line.productKey())) {
            return true;
        }
        for (Long category : line.categoryKeys()) {
            if (categoryKeys.contains(category)) {
                return true;
            }
        }
        return false;
    }

    String describe() {
        return switch (kind) {
            case PERCENTAGE -> name + " (" + percentOff.stripTrailingZeros().toPlainString() + "% off)";
            case FIXED_AMOUNT, FREE_SHIPPING -> name;
        };
    }
}
