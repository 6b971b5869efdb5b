package com.omnichannel.gateway.customer;

/** What a customer did, on any channel. */
public enum CustomerEventKind {
    PRODUCT_VIEWED,
    CART_UPDATED,
    ORDER_PLACED,
    STORE_VISIT,
    SIGNED_IN
}
