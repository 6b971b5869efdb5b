package com.omnichannel.gateway.inventory;

public enum StockMovementKind {
    /** On-hand changed by a delta (goods received, damaged, found). */
    ADJUSTMENT,
    /** On-hand set to a counted quantity. */
    COUNT,
    /** Units reserved for an order. */
    RESERVATION,
    /** A reservation released (order cancelled). */
    RELEASE,
    /** Reserved units left the location (shipped or picked up). */
    FULFILMENT
}
