package com.omnichannel.gateway.checkout.payment;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.cart.FulfilmentType;
import com.omnichannel.gateway.order.PaymentMethod;
import com.omnichannel.gateway.order.PaymentStatus;

import io.smallrye.mutiny.Uni;

/**
 * Pay at the store when collecting: nothing is taken at checkout; the payment counts as made when the order is
 * picked up (the till takes the money). Only for pickup and curbside orders.
 */
@ApplicationScoped
public class PayInStoreProvider implements PaymentProvider {

    @Override
    public PaymentMethod method() {
        return PaymentMethod.PAY_IN_STORE;
    }

    @Override
    public PaymentProblem validate(PaymentRequest request) {
        if (request.fulfilment() == FulfilmentType.SHIP) {
            return new PaymentProblem("PAYMENT_METHOD_UNAVAILABLE", "method",
                    "Paying in store is only possible for pickup and curbside orders");
        }
        if (request.card() != null) {
            return new PaymentProblem("INVALID_PAYMENT", "card", "Card details are not used when paying in store");
        }
        return null;
    }

    @Override
    public Uni<PaymentResult> authorize(PaymentRequest request) {
        return Uni.createFrom().item(new PaymentResult(true, PaymentStatus.PENDING, "in-store:" + request.idempotencyKey(), null, null));
    }
}
