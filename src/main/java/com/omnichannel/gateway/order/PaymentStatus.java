package com.omnichannel.gateway.order;

import org.eclipse.microprofile.graphql.Description;

@Description("Where an order's payment is.")
public enum PaymentStatus {
    /** Nothing taken yet: pay in store. */
    @Description("Nothing taken yet (pay in store).") PENDING,
    /** The card amount is held; it is captured when goods leave the location. */
    @Description("The card amount is held, not yet taken.") AUTHORIZED,
    @Description("The money is taken (card captured, or paid at the counter).") PAID,
    /** The authorization was released (cancelled before any capture). */
    @Description("The card hold was released; nothing was taken.") VOIDED,
    @Description("The money was given back.") REFUNDED
}
