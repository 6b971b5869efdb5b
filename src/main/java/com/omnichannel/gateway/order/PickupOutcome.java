package com.omnichannel.gateway.order;

import org.eclipse.microprofile.graphql.Description;

/** How a pickup closed. */
@Description("How a pickup closed.")
public enum PickupOutcome {
    /** Staff handed it over with the collection code (or marked it picked up). */
    @Description("Staff handed it over with the collection code (or marked it picked up).")
    HANDED_OVER,
    /** Not collected within the hold period and grace: cancelled by the expiry job. */
    @Description("Not collected within the hold period and grace: cancelled by the expiry job.")
    NOT_COLLECTED,
    /** Its order was cancelled while it waited. */
    @Description("Its order was cancelled while it waited.")
    CANCELLED
}
