package com.omnichannel.gateway.promotion;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.omnichannel.gateway.platform.errors.UserError;

/**
 * Which promotions a cart gets and what they take off; the same for a cart read on any channel and for checkout.
 *
 * <p>Stacking: every eligible automatic promotion plus at most one coupon. They apply in the order that is best
 * for the customer: percentages first (each on what earlier percentages left, so 20% and 10% make 28%), then fixed
 * amounts (a percentage taken before a fixed amount is taken of the larger amount), then free shipping. No line
 * goes below zero. Conditions (minimum subtotal) are checked against the subtotal before any discount.
 */
final class PromotionEngine {

    private PromotionEngine() {
    }

    /** A cart line: its product and the product's category with every parent category. */
    record Line(long productKey, Set<Long> categoryKeys, int quantity, long unitPriceMinor) {
        long grossMinor() {
            return unitPriceMinor * quantity;
        }
    }

    /**
     * Who and where: the customer's tier, the channel, the moment, and uses of per-customer-limited promotions
     * by this customer (promotion key to count).
     */
    record Shopper(String tier, String channel, Instant now, Map<Long, Integer> customerUses, boolean knownCustomer) {
    }

    record Applied(PromotionRule rule, long amountMinor) {
    }

    record Result(long[] lineDiscounts, boolean freeShipping, List<Applied> applied, UserError couponProblem) {
        long total() {
            long sum = 0;
            for (long d : lineDiscounts) {
                sum += d;
            }
            return sum;
        }
    }

    /**
     * @param automatic automatic promotions (any; ineligible ones are skipped)
     * @param coupon    the cart's coupon, or null; {@code couponCode} is what the cart holds (for the error)
     */
    static Result evaluate(List<Line> lines, List<PromotionRule> automatic, PromotionRule coupon, String couponCode, Shopper shopper) {
        long subtotal = 0;
        for (Line line : lines) {
            subtotal += line.grossMinor();
        }
        List<PromotionRule> rules = new ArrayList<>();
        for (PromotionRule rule : automatic) {
            if (problem(rule, lines, subtotal, shopper) == null) {
                rules.add(rule);
            }
        }
        UserError couponProblem = null;
        if (couponCode != null) {
            couponProblem = coupon == null ? UserError.of("COUPON_UNKNOWN", "No coupon with this code", "input", "code")
                    : problem(coupon, lines, subtotal, shopper);
            if (couponProblem == null) {
                rules.add(coupon);
            }
        }
        long[] remaining = new long[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            remaining[i] = lines.get(i).grossMinor();
        }
        long[] discounts = new long[lines.size()];
        List<Applied> applied = new ArrayList<>();
        boolean freeShipping = false;
        rules.sort(Comparator.comparing((PromotionRule r) -> r.kind().ordinal()).thenComparing(PromotionRule::key));
        for (PromotionRule rule : rules) {
            long taken = 0;
            switch (rule.kind()) {
                case PERCENTAGE -> {
                    for (int i = 0; i < lines.size(); i++) {
                        if (rule.inScope(lines.get(i))) {
                            long off = BigDecimal.valueOf(remaining[i]).multiply(rule.percentOff())
                                    .divide(BigDecimal.valueOf(100), 0, RoundingMode.HALF_UP).longValueExact();
                            off = Math.min(off, remaining[i]);
                            remaining[i] -= off;
                            discounts[i] += off;
                            taken += off;
                        }
                    }
                }
                case FIXED_AMOUNT -> {
                    long[] share = spread(rule.amountOffMinor(), remaining, i -> rule.inScope(lines.get(i)));
                    for (int i = 0; i < lines.size(); i++) {
                        remaining[i] -= share[i];
                        discounts[i] += share[i];
                        taken += share[i];
                    }
                }
                case FREE_SHIPPING -> freeShipping = true;
            }
            if (taken > 0 || rule.kind() == PromotionKind.FREE_SHIPPING) {
                applied.add(new Applied(rule, taken));
            }
        }
        return new Result(discounts, freeShipping, applied, couponProblem);
    }

    /**
     * Spreads an amount over the lines that qualify, in proportion to what remains of each (largest remainder, so
     * the shares add up exactly); never more than what remains in total.
     */
    static long[] spread(long amount, long[] remaining, java.util.function.IntPredicate qualifies) {
        long[] share = new long[remaining.length];
        long base = 0;
        for (int i = 0; i < remaining.length; i++) {
            if (qualifies.test(i)) {
                base += remaining[i];
            }
        }
        long total = Math.min(amount, base);
        if (total <= 0) {
            return share;
        }
        long given = 0;
        long[] rest = new long[remaining.length];
        for (int i = 0; i < remaining.length; i++) {
            if (qualifies.test(i) && remaining[i] > 0) {
                BigDecimal exact = BigDecimal.valueOf(total).multiply(BigDecimal.valueOf(remaining[i]));
                BigDecimal[] qr = exact.divideAndRemainder(BigDecimal.valueOf(base));
                share[i] = qr[0].longValueExact();
                rest[i] = qr[1].longValueExact();
                given += share[i];
            }
        }
        while (given < total) {
            int best = -1;
            for (int i = 0; i < remaining.length; i++) {
                if (qualifies.test(i) && share[i] < remaining[i] && (best < 0 || rest[i] > rest[best])) {
                    best = i;
                }
            }
            share[best]++;
            rest[best] = -1;
            given++;
        }
        return share;
    }

    /** Why a promotion does not apply to this cart and shopper, or null when it does. */
    static UserError problem(PromotionRule rule, List<Line> lines, long subtotal, Shopper shopper) {
        if (rule.paused()) {
            return couponError("COUPON_INACTIVE", "This coupon is not active");
        }
        if (rule.startsAt() != null && shopper.now().isBefore(rule.startsAt())) {
            return couponError("COUPON_NOT_YET_VALID", "This coupon is valid from " + rule.startsAt());
        }
        if (rule.endsAt() != null && !shopper.now().isBefore(rule.endsAt())) {
            return couponError("COUPON_EXPIRED", "This coupon has expired");
        }
        if (rule.usageLimit() != null && rule.usedCount() >= rule.usageLimit()) {
            return couponError("COUPON_EXHAUSTED", "This coupon has been used up");
        }
        if (!rule.channels().isEmpty() && !rule.channels().contains(shopper.channel())) {
            return couponError("COUPON_WRONG_CHANNEL", "This coupon is not valid on this channel");
        }
        if (!rule.customerTiers().isEmpty() && (!shopper.knownCustomer() || !rule.customerTiers().contains(shopper.tier()))) {
            return couponError("COUPON_NOT_ELIGIBLE", "This coupon is for " + String.join(", ", rule.customerTiers()) + " members");
        }
        if (rule.perCustomerLimit() != null && shopper.customerUses().getOrDefault(rule.key(), 0) >= rule.perCustomerLimit()) {
            return couponError("COUPON_CUSTOMER_LIMIT", "You have already used this coupon");
        }
        if (rule.minSubtotalMinor() != null && subtotal < rule.minSubtotalMinor()) {
            return couponError("COUPON_MINIMUM_NOT_MET", "This coupon needs a larger order");
        }
        if (lines.stream().noneMatch(rule::inScope)) {
            return couponError("COUPON_NOT_APPLICABLE", "No item in the cart qualifies for this coupon");
        }
        return null;
    }

    private static UserError couponError(String code, String message) {
        return UserError.of(code, message, "input", "code");
    }
}
