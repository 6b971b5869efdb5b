package com.omnichannel.gateway.order.payment;

import com.omnichannel.gateway.order.PaymentMethod;

import io.smallrye.mutiny.Uni;

/**
 * Takes payment for an order. Checkout authorizes before it reserves stock and creates the order, so a decline
 * leaves nothing behind; when the order then cannot be placed, the authorization is voided. Goods leaving the
 * location capture the amount; cancellation voids or refunds it.
 */
public interface PaymentProvider {

    PaymentMethod method();

    /** Checks the payment details without contacting anyone; null when they are usable, else the problem. */
    PaymentProblem validate(PaymentRequest request);

    Uni<PaymentResult> authorize(PaymentRequest request);

    Uni<Void> capture(String reference, long amountMinor, String currency);

    /** Releases an authorization that was never captured. */
    Uni<Void> voidAuthorization(String reference);

    Uni<Void> refund(String reference, long amountMinor, String currency);

    /** A problem with the payment details, reported as a user error on the given input field. */
    record PaymentProblem(String code, String field, String message) {
    }
}
