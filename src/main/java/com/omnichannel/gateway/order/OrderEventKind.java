package com.omnichannel.gateway.order;

public enum OrderEventKind {
    PLACED,
    STATUS_CHANGED,
    SHIPMENT_STATUS_CHANGED,
    SHIPMENT_SPLIT,
    SHIPMENTS_MERGED,
    TRACKING_SET,
    PAYMENT_CHANGED,
    /** Staff handed a pickup over with its collection code. */
    PICKUP_HANDED_OVER
}
