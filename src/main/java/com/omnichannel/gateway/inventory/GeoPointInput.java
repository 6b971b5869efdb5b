package com.omnichannel.gateway.inventory;

import org.eclipse.microprofile.graphql.NonNull;

public record GeoPointInput(@NonNull Double lat, @NonNull Double lng) {
}
