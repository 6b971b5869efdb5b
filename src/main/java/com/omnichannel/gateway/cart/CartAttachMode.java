package com.omnichannel.gateway.cart;

import org.eclipse.microprofile.graphql.Description;

@Description("What cartAttachToCustomer does when the customer already has an active cart.")
public enum CartAttachMode {
    /** Add the anonymous cart's lines to the customer's active cart (quantities summed, capped at the maximum). */
    @Description("Add the anonymous cart's lines to the customer's cart (quantities add up).") MERGE,
    /** The anonymous cart becomes the customer's active cart. */
    @Description("The anonymous cart becomes the customer's cart; the old one is dropped.") REPLACE,
    /** Keep the customer's active cart; the anonymous cart is discarded. */
    @Description("Keep the customer's cart and drop the anonymous one.") KEEP_EXISTING
}
