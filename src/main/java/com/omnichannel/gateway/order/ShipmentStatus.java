package com.omnichannel.gateway.order;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import com.omnichannel.gateway.cart.FulfilmentType;

/**
 * A shipment's lifecycle: PENDING → READY_FOR_PICKUP → PICKED_UP for pickup and curbside, PENDING → SHIPPED →
 * DELIVERED for delivery; PENDING and READY_FOR_PICKUP may be CANCELLED. Stock leaves the location (reserved →
 * fulfilled) on SHIPPED and PICKED_UP.
 */
public enum ShipmentStatus {
    PENDING,
    READY_FOR_PICKUP,
    PICKED_UP,
    SHIPPED,
    DELIVERED,
    CANCELLED;

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
}
