package com.omnichannel.gateway.order;

import org.eclipse.microprofile.graphql.Description;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import com.omnichannel.gateway.cart.FulfilmentType;

/**
 * The one lifecycle of every order, whatever its channel:
 * PLACED → CONFIRMED → (READY_FOR_PICKUP → PICKED_UP) for pickup and curbside, or (SHIPPED → DELIVERED) for
 * delivery; PLACED, CONFIRMED and READY_FOR_PICKUP may be CANCELLED.
 */
@Description("Where an order is: PLACED, CONFIRMED, then READY_FOR_PICKUP and PICKED_UP (pickup, curbside) or SHIPPED and DELIVERED.")
public enum OrderStatus {
    @Description("Placed at checkout; stock reserved.") PLACED,
    @Description("Accepted by the store or warehouse; being prepared.") CONFIRMED,
    @Description("Waiting at the store to be collected.") READY_FOR_PICKUP,
    @Description("Collected by the customer.") PICKED_UP,
    @Description("Handed to the carrier.") SHIPPED,
    @Description("Delivered to the address.") DELIVERED,
    @Description("Cancelled; its reserved stock was released.") CANCELLED;

    /** The statuses an order of this fulfilment type may move to from this one. */
    public List<OrderStatus> next(FulfilmentType type) {
        boolean collected = type != FulfilmentType.SHIP;
        Set<OrderStatus> next = switch (this) {
            case PLACED -> EnumSet.of(CONFIRMED, CANCELLED);
            case CONFIRMED -> collected ? EnumSet.of(READY_FOR_PICKUP, CANCELLED) : EnumSet.of(SHIPPED, CANCELLED);
            case READY_FOR_PICKUP -> EnumSet.of(PICKED_UP, CANCELLED);
            case SHIPPED -> EnumSet.of(DELIVERED);
            case PICKED_UP, DELIVERED, CANCELLED -> EnumSet.noneOf(OrderStatus.class);
        };
        return List.copyOf(next);
    }

    public boolean canMoveTo(OrderStatus target, FulfilmentType type) {
        return next(type).contains(target);
    }

    /** True once goods have left a location for this order: from then on it cannot be cancelled or split. */
    public boolean fulfilmentStarted() {
        return this == SHIPPED || this == DELIVERED || this == PICKED_UP;
    }
}
