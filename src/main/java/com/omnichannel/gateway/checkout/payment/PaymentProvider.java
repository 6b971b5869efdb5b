package com.omnichannel.gateway.checkout.payment;

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

    /** Takes the authorized amount. Providers that settle elsewhere (the till, a sandbox) have nothing to send. */
    default Uni<Void> capture(String reference, long amountMinor, String currency) {
        return Uni.createFrom().voidItem();
    }

    /** Releases an authorization that was never captured. */
    default Uni<Void> voidAuthorization(String reference) {
        return Uni.createFrom().voidItem();
    }

    default Uni<Void> refund(String reference, long amountMinor, String currency) {
        return Uni.createFrom().voidItem();
    }

    /** A problem with the payment details, reported as a user error on the given input field. */
    record PaymentProblem(String code, String field, String message) {
    }
}
