package com.omnichannel.gateway.cart;

public enum FulfilmentType {
    /** Delivered to an address; stock counts from anywhere in the network. */
    SHIP,
    /** Collected at a store; stock counts at that store. */
    PICKUP,
    /** Brought out to the shopper's car at a store; stock counts at that store. */
    CURBSIDE
}
