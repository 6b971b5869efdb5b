package com.omnichannel.gateway.inventory;

import org.eclipse.microprofile.graphql.Description;

@Description("What moved stock.")
public enum StockMovementKind {
    /** On-hand changed by a delta (goods received, damaged, found). */
    @Description("Staff added or removed units (delivery, damage).") ADJUSTMENT,
    /** On-hand set to a counted quantity. */
    @Description("A stock count set units on hand.") COUNT,
    /** Units reserved for an order. */
    @Description("Units were reserved for a placed order.") RESERVATION,
    /** A reservation released (order cancelled). */
    @Description("A reservation was released (cancellation).") RELEASE,
    /** Reserved units left the location (shipped or picked up). */
    @Description("Reserved units left with a shipment.") FULFILMENT,
    /** Units sold over the counter at a store's POS: they leave on-hand at once, without a reservation. */
    @Description("Units sold over the counter at a store's point of sale.") SALE,
    /** Returned units put back on the shelf of the location that received them. */
    @Description("Returned units were received and put back into stock.") RETURN,
    /** Returned units received damaged: recorded, not stocked. */
    @Description("Returned units were received damaged; recorded without changing on-hand.") RETURN_DAMAGED
}
