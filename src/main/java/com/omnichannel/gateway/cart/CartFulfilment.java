package com.omnichannel.gateway.cart;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.store.Location;

@Description("How a cart's order would be fulfilled.")
public record CartFulfilment(
        @Description("SHIP, PICKUP or CURBSIDE.") @NonNull FulfilmentType type,
        @Description("The store for PICKUP and CURBSIDE; null for SHIP.") Location store) {
}
