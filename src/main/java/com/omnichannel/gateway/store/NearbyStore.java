package com.omnichannel.gateway.store;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A store and how far it is from the point asked about.")
public record NearbyStore(
        @Description("The store.") @NonNull Location store,
        @Description("Great-circle distance in kilometres.") double distanceKm) {
}
