package com.omnichannel.gateway.returns;

/** When the shipping an order paid is part of a return's suggested refund. */
public enum ShippingRefundRule {
    /** With the return that brings back the order's last units: the order was, in the end, not wanted at all. */
    WHEN_ALL_RETURNED,
    /** Never: shipping was a service rendered. */
    NEVER
}
