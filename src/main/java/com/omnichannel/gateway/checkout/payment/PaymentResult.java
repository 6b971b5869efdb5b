package com.omnichannel.gateway.checkout.payment;

import com.omnichannel.gateway.order.PaymentStatus;

/**
 * @param approved    whether the order may be placed
 * @param status      the order's payment status when approved
 * @param reference   the provider's reference for capture, void and refund
 * @param cardLast4   last four digits of the card, if any
 * @param declineCode why it was declined (e.g. card_declined, insufficient_funds)
 */
public record PaymentResult(boolean approved, PaymentStatus status, String reference, String cardLast4,
        String declineCode) {

    public static PaymentResult declined(String declineCode, String cardLast4) {
        return new PaymentResult(false, null, null, cardLast4, declineCode);
    }
}
