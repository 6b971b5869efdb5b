package com.omnichannel.gateway.customer;

import org.eclipse.microprofile.graphql.Description;

/** What a customer did, on any channel. */
@Description("What a customer event records.")
public enum CustomerEventKind {
    @Description("The customer looked at a product (subjectId is the product).") PRODUCT_VIEWED,
    @Description("The customer's cart changed.") CART_UPDATED,
    @Description("The customer placed an order.") ORDER_PLACED,
    @Description("The customer signed in at a kiosk (subjectId is the store).") STORE_VISIT,
    @Description("The customer signed in.") SIGNED_IN
}
