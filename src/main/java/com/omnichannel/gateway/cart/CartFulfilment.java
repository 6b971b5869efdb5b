package com.omnichannel.gateway.cart;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.store.Location;

/** How a cart, and then its order, reaches the shopper; one type for both, so carts and orders read alike. */
@Name("Fulfilment")
@Description("How a cart or an order reaches the shopper: shipped, or picked up (or collected at the curb) at a store.")
public record CartFulfilment(
        @Description("SHIP, PICKUP or CURBSIDE.") @NonNull FulfilmentType type,
        @Description("The store, for PICKUP and CURBSIDE; null for SHIP.") Location store) {
}
