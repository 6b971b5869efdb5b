package com.omnichannel.gateway.returns;

/** When the shipping an order paid is part of a return's suggested refund. */
public enum ShippingRefundRule {
    /** With the return that brings back the order's last units: the order was, in the end, not wanted at all. */
    WHEN_ALL_RETURNED,
    /** Never: shipping was a service rendered. */
    NEVER;

    /**
     * The shipping a return refunds under this rule.
     *
     * @param shippingPaidMinor what the order paid for shipping
     * @param lastUnitsBack     whether this return brings back the order's last units
     * @param refundedBefore    whether an earlier return refunded the shipping already
     */
    long refundOf(long shippingPaidMinor, boolean lastUnitsBack, boolean refundedBefore) {
        return this == WHEN_ALL_RETURNED && lastUnitsBack && !refundedBefore ? Math.max(0, shippingPaidMinor) : 0;
    }
}
