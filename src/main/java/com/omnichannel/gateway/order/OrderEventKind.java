package com.omnichannel.gateway.order;

public enum OrderEventKind {
    PLACED,
    STATUS_CHANGED,
    SHIPMENT_STATUS_CHANGED,
    SHIPMENT_SPLIT,
    SHIPMENTS_MERGED,
    TRACKING_SET,
    PAYMENT_CHANGED
}
