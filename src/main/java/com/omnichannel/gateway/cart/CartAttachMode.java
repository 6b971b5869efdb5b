package com.omnichannel.gateway.cart;

public enum CartAttachMode {
    /** Add the anonymous cart's lines to the customer's active cart (quantities summed, capped at the maximum). */
    MERGE,
    /** The anonymous cart becomes the customer's active cart. */
    REPLACE,
    /** Keep the customer's active cart; the anonymous cart is discarded. */
    KEEP_EXISTING
}
