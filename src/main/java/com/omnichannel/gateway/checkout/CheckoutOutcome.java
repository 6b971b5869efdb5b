package com.omnichannel.gateway.checkout;

import java.util.List;

import com.omnichannel.gateway.order.Order;
import com.omnichannel.gateway.platform.errors.UserError;

/** Every way a checkout can end, and what the shopper is answered with. */
public sealed interface CheckoutOutcome {

    CheckoutPayload payload();

    /** The order was placed now. */
    record Placed(Order order) implements CheckoutOutcome {
        @Override
        public CheckoutPayload payload() {
            return CheckoutPayload.of(order);
        }
    }

    /** A retry of a checkout that placed this order (the same idempotency key and request). */
    record Replayed(Order order) implements CheckoutOutcome {
        @Override
        public CheckoutPayload payload() {
            return CheckoutPayload.of(order);
        }
    }

    /** A rule refused the checkout; nothing was placed and no payment is held. */
    record Refused(UserError error) implements CheckoutOutcome {
        @Override
        public CheckoutPayload payload() {
            return CheckoutPayload.failed(error);
        }
    }

    /** The cart's units are not all available; each shortage with its INSUFFICIENT_STOCK error. */
    record Short(List<CheckoutPayload.StockShortage> shortages, List<UserError> errors) implements CheckoutOutcome {
        @Override
        public CheckoutPayload payload() {
            return new CheckoutPayload(null, shortages, errors);
        }
    }
}
