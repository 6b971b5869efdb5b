package com.omnichannel.gateway.cart;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.store.Location;
import com.omnichannel.gateway.store.PickupWindow;

/** How a cart, and then its order, reaches the shopper; one type for both, so carts and orders read alike. */
@Name("Fulfilment")
@Description("How a cart or an order reaches the shopper: shipped, or picked up (or collected at the curb) at a store.")
public record CartFulfilment(
        @Description("SHIP, PICKUP or CURBSIDE.") @NonNull FulfilmentType type,
        @Description("The store, for PICKUP and CURBSIDE; null for SHIP.") Location store,
        @Description("For pickup and curbside: when an order placed now could be collected at the store (its "
                + "preparation time and opening hours), in the store's time zone; null when the store's hours are not set, and "
                + "on orders.") OffsetDateTime pickupReadyBy,
        @Description("On carts: the pickup slot chosen, if any; null on orders (see Order.pickupSlot).") PickupWindow pickupSlot) {
}
