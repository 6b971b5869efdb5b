package com.omnichannel.gateway.inventory;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.store.Location;

@Description("How many units of a variant a store has available now, and how far away it is.")
public record StoreAvailability(
        @Description("The store.") @NonNull Location store,
        @Description("Units available to sell at that store.") int available,
        @Description("Distance from the reference point in km; null when no reference point applies.") Double distanceKm) {
}
