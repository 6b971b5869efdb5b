package com.omnichannel.gateway.order;

import io.smallrye.mutiny.Uni;

/**
 * Tells whoever took an order's payment that its status moved (captured when goods leave, voided or refunded on
 * cancellation). Checkout's payment providers implement it; order/ knows only this interface. Called inside the
 * order's transaction, so a failure rolls the status change back.
 */
public interface PaymentSettlement {

    /** An order's payment: how it was taken and the provider's reference for it. */
    record Payment(PaymentMethod method, String reference, long amountMinor, String currency) {
    }

    Uni<Void> settle(Payment payment, PaymentStatus status);

    /** Refunds part of a captured payment (returned units), through the provider that took it. */
    Uni<Void> refund(Payment payment, long amountMinor);
}
