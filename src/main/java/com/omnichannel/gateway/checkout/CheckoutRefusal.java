package com.omnichannel.gateway.checkout;

import com.omnichannel.gateway.order.OrderStatusListener;
import com.omnichannel.gateway.platform.errors.UserError;

/** Thrown by a {@link CheckoutParticipant} or {@link OrderStatusListener} to roll back and answer with a user error. */
public class CheckoutRefusal extends RuntimeException {

    private final UserError error;

    public CheckoutRefusal(UserError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    public UserError error() {
        return error;
    }
}
