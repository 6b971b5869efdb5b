package com.omnichannel.gateway.loyalty;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.platform.security.Caller;
import com.omnichannel.gateway.checkout.CheckoutParticipant;
import com.omnichannel.gateway.order.OrderStatusListener;

import io.smallrye.mutiny.Uni;

/**
 * Loyalty's part in the order transactions: points redeemed and pending points recorded when an order is placed;
 * pending points earned when it is delivered or picked up, and reversed when it is cancelled.
 */
@ApplicationScoped
public class LoyaltyCheckout implements CheckoutParticipant, OrderStatusListener {

    private final LoyaltyService loyalty;

    public LoyaltyCheckout(LoyaltyService loyalty) {
        this.loyalty = loyalty;
    }

    @Override
    public Uni<Void> orderPlaced(Db.Tx tx, Caller caller, PlacedOrder order) {
        return loyalty.orderPlaced(tx, caller, order);
    }

    @Override
    public Uni<Void> statusChanged(Db.Tx tx, Caller caller, StatusChange change) {
        return loyalty.statusChanged(tx, caller, change);
    }
}
