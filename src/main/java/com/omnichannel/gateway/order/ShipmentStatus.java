package com.omnichannel.gateway.order;

import org.eclipse.microprofile.graphql.Description;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import com.omnichannel.gateway.cart.FulfilmentType;

/**
 * A shipment's lifecycle: PENDING → READY_FOR_PICKUP → PICKED_UP for pickup and curbside, PENDING → SHIPPED →
 * DELIVERED for delivery; PENDING and READY_FOR_PICKUP may be CANCELLED. Stock leaves the location (reserved →
 * fulfilled) on SHIPPED and PICKED_UP.
 */
@Description("Where a shipment is; moves like the order.")
public enum ShipmentStatus {
    @Description("Not yet prepared.") PENDING,
    @Description("Waiting at the store.") READY_FOR_PICKUP,
    @Description("Collected by the customer.") PICKED_UP,
    @Description("Handed to the carrier.") SHIPPED,
    @Description("Delivered to the address.") DELIVERED,
    @Description("Cancelled; its stock was released.") CANCELLED;

    public List<ShipmentStatus> next(FulfilmentType type) {
        boolean collected = type != FulfilmentType.SHIP;
        Set<ShipmentStatus> next = switch (this) {
            case PENDING -> collected ? EnumSet.of(READY_FOR_PICKUP, CANCELLED) : EnumSet.of(SHIPPED, CANCELLED);
            case READY_FOR_PICKUP -> EnumSet.of(PICKED_UP, CANCELLED);
            case SHIPPED -> EnumSet.of(DELIVERED);
            case PICKED_UP, DELIVERED, CANCELLED -> EnumSet.noneOf(ShipmentStatus.class);
        };
        return List.copyOf(next);
    }

    /** Goods have left the location: the reservation became a fulfilment. */
    public boolean goodsLeft() {
        return this == SHIPPED || this == DELIVERED || this == PICKED_UP;
    }

    /** Still holds reserved stock. */
    public boolean holdsReservation() {
        return this == PENDING || this == READY_FOR_PICKUP;
    }

    /**
     * The status an order's shipments put it in, cancelled shipments aside: all delivered, all gone out for delivery,
     * all picked up, or all at least ready for pickup. Null when they do not agree (or none is left).
     */
    public static OrderStatus orderStatusOf(List<ShipmentStatus> shipments) {
        List<ShipmentStatus> live = shipments.stream().filter(s -> s != CANCELLED).toList();
        if (live.isEmpty()) {
            return null;
        }
        if (live.stream().allMatch(s -> s == DELIVERED)) {
            return OrderStatus.DELIVERED;
        }
        if (live.stream().allMatch(s -> s == SHIPPED || s == DELIVERED)) {
            return OrderStatus.SHIPPED;
        }
        if (live.stream().allMatch(s -> s == PICKED_UP)) {
            return OrderStatus.PICKED_UP;
        }
        if (live.stream().allMatch(s -> s == READY_FOR_PICKUP || s == PICKED_UP)) {
            return OrderStatus.READY_FOR_PICKUP;
        }
        return null;
    }
}
