package com.omnichannel.gateway.order;

import java.util.List;

import io.smallrye.mutiny.Uni;

/**
 * The hook through which promotions reduce an order at checkout. The default applies nothing; the promotions
 * domain provides the real one. Called before the order transaction, with the frozen line prices.
 */
public interface CheckoutDiscounts {

    record Line(long variantKey, long productKey, int quantity, long unitPriceMinor) {
    }

    record Context(String cartId, String customerId, String channel, List<Line> lines) {
    }

    /** Discount per line (same order as the context's lines) and whether shipping is waived. */
    record Applied(List<Long> lineDiscountsMinor, boolean freeShipping, List<String> descriptions) {
        public static Applied none(int lines) {
            return new Applied(java.util.Collections.nCopies(lines, 0L), false, List.of());
        }
    }

    Uni<Applied> apply(Context context);
}
