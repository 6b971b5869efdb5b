package com.omnichannel.gateway.store;

import org.eclipse.microprofile.graphql.NonNull;

public record NearbyStore(@NonNull Location store, double distanceKm) {
}
