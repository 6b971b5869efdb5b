package com.omnichannel.gateway.inventory;

import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("GeoPointInput")
public record GeoPointInput(@NonNull Double lat, @NonNull Double lng) {
}
