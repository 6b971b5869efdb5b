package com.omnichannel.gateway.checkout;

import com.omnichannel.gateway.order.OrderPlacement;
import com.omnichannel.gateway.platform.errors.UserError;

/** How one order transaction of a checkout ended. Only {@link Placed} committed anything. */
sealed interface OrderAttempt {

    /** The order, its stock reservation and the participants' part are committed. */
    record Placed(OrderPlacement.Placed order) implements OrderAttempt {
    }

    /** A checkout participant refused the order (e.g. points no longer there). */
    record Refused(UserError error) implements OrderAttempt {
    }

    /**
     * Something a concurrent request with the same idempotency key may have caused: its key taken, its cart turned
     * into an order, or the stock it needed taken. Answered as a retry when such a request placed the order, else
     * with {@code otherwise}.
     */
    record Contended(CheckoutOutcome otherwise) implements OrderAttempt {
    }

    /** The levels planned from (as last seen) no longer had the units: the order is placed again from locked levels. */
    record LevelsChanged() implements OrderAttempt {
    }
}
