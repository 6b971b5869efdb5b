package com.omnichannel.gateway.checkout;

import java.util.List;

import com.omnichannel.gateway.platform.errors.Refusal;

import io.smallrye.mutiny.Uni;

/**
 * The hook through which tenders other than the payment method (store credit, gift cards) pay part of an order. Called
 * before payment with the amount due; the card or the till takes what the tenders leave. It may fail with
 * {@link Refusal} (unknown gift card, too little credit, a tender above the amount due): checkout then answers with
 * that user error before any payment is taken. The tenders are handed to the checkout participants with the placed
 * order, which debit them inside the order transaction.
 */
public interface CheckoutTenders {

    /**
     * @param customerId       the signed-in customer, or null for guests
     * @param amountDueMinor   the order's total
     * @param storeCreditAmount the decimal amount of store credit the shopper asked to spend, or null
     * @param giftCardCodes    the gift card codes the shopper gave, or an empty list
     */
    record Context(String customerId, String channel, long amountDueMinor, String currency, String storeCreditAmount,
            List<String> giftCardCodes) {
    }

    /**
     * One tender of an order.
     *
     * @param kind        STORE_CREDIT or GIFT_CARD
     * @param sourceKey   the gift card's key; null for store credit
     * @param amountMinor what it pays, more than 0
     */
    record Tender(String kind, Long sourceKey, long amountMinor) {
    }

    /** The tenders in the order they apply; together never more than the amount due. */
    record Applied(List<Tender> tenders) {
        public static final Applied NONE = new Applied(List.of());

        public long totalMinor() {
            return tenders.stream().mapToLong(Tender::amountMinor).sum();
        }
    }

    Uni<Applied> apply(Context context);
}
