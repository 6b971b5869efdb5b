package com.omnichannel.gateway.returns;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.graphql.Description;

/**
 * The one lifecycle of every return: REQUESTED → APPROVED or DECLINED; APPROVED → RECEIVED (fully or partly) →
 * CLOSED once refunded; REQUESTED and APPROVED may be CANCELED, nothing after receipt.
 */
@Description("Where a return is: REQUESTED, then APPROVED or DECLINED; APPROVED, then RECEIVED (fully or partly) and CLOSED once refunded; CANCELED before receipt.")
public enum ReturnStatus {
    @Description("Asked for by the customer (or staff); waiting for the shop's decision.") REQUESTED,
    @Description("Accepted: the units may be sent back or brought to any store.") APPROVED,
    @Description("Refused by the shop.") DECLINED,
    @Description("The units arrived at a location (all or part of them); a refund is due.") RECEIVED,
    @Description("Refunded; nothing more happens.") CLOSED,
    @Description("Withdrawn before the units were received.") CANCELED;

    /** The statuses a return may move to from this one. */
    public List<ReturnStatus> next() {
        Set<ReturnStatus> next = switch (this) {
            case REQUESTED -> EnumSet.of(APPROVED, DECLINED, CANCELED);
            case APPROVED -> EnumSet.of(RECEIVED, CANCELED);
            case RECEIVED -> EnumSet.of(CLOSED);
            case DECLINED, CLOSED, CANCELED -> EnumSet.noneOf(ReturnStatus.class);
        };
        return List.copyOf(next);
    }

    public boolean canMoveTo(ReturnStatus target) {
        return next().contains(target);
    }

    /** Whether the return's units count against what may still be returned of its order lines. */
    boolean holdsUnits() {
        return this == REQUESTED || this == APPROVED || this == RECEIVED || this == CLOSED;
    }
}
