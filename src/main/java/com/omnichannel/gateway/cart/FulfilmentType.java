package com.omnichannel.gateway.cart;

import org.eclipse.microprofile.graphql.Description;

@Description("How an order reaches the customer.")
public enum FulfilmentType {
    /** Delivered to an address; stock counts from anywhere in the network. */
    @Description("Delivered to an address.") SHIP,
    /** Collected at a store; stock counts at that store. */
    @Description("Collected at a store's counter.") PICKUP,
    /** Brought out to the shopper's car at a store; stock counts at that store. */
    @Description("Collected at a store, brought out to the car.") CURBSIDE
}
