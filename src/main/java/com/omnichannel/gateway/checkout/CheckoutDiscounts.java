package com.omnichannel.gateway.checkout;

import com.omnichannel.gateway.platform.errors.Refusal;

import java.util.List;

import io.smallrye.mutiny.Uni;

/**
 * The hook through which promotions reduce an order at checkout. The default applies nothing; the promotions
 * domain provides the real one. Called before the order transaction, with the frozen line prices. It may fail
 * with {@link Refusal} (e.g. the cart's coupon expired, too many loyalty points asked for): checkout then
 * answers with that user error before any payment is taken.
 */
public interface CheckoutDiscounts {

    record Line(long variantKey, long productKey, int quantity, long unitPriceMinor) {
    }

    /**
     * @param couponCode    the coupon applied to the cart, or null
     * @param loyaltyPoints points the shopper asked to redeem on this order, or null
     */
    record Context(String cartId, String customerId, String channel, List<Line> lines, String couponCode,
            Integer loyaltyPoints) {
    }

    /**
     * One discount as it is frozen on the order: a promotion (with its key, for usage counting) or loyalty points.
     *
     * @param amountMinor the part of the line discounts that comes from this adjustment (0 for free shipping)
     */
    record Adjustment(String kind, Long promotionKey, String code, String description, long amountMinor,
            boolean freeShipping, long points) {
    }

    /**
     * Discount per line (same order as the context's lines), whether shipping is waived, and the adjustments that
     * make up those discounts (handed to the checkout participants with the placed order).
     */
    record Applied(List<Long> lineDiscountsMinor, boolean freeShipping, List<String> descriptions,
            List<Adjustment> adjustments) {
        public static Applied none(int lines) {
            return new Applied(java.util.Collections.nCopies(lines, 0L), false, List.of(), List.of());
        }
    }

    Uni<Applied> apply(Context context);
}
