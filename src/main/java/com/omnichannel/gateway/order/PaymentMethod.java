package com.omnichannel.gateway.order;

import org.eclipse.microprofile.graphql.Description;

@Description("How an order is paid.")
public enum PaymentMethod {
    /** A card, charged through the card payment provider. */
    @Description("By card at checkout: authorized then, captured when the goods leave.") CARD,
    /** Paid at the store when the order is collected (pickup and curbside only). */
    @Description("At the store's counter on collection (pickup and curbside only).") PAY_IN_STORE
}
