package com.omnichannel.gateway.platform.errors;

/**
 * A business rule refused by a plug-in (a checkout participant, an order status listener) inside the transaction
 * of the change it takes part in: it rolls that transaction back, and the change answers with its user error.
 */
public class Refusal extends RuntimeException {

    private final UserError error;

    public Refusal(UserError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    public UserError error() {
        return error;
    }
}
