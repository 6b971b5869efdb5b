package com.omnichannel.gateway.inventory;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A point on earth (WGS 84).")
@Input("GeoPointInput")
public record GeoPointInput(
        @Description("Latitude, degrees north.") @NonNull Double lat,
        @Description("Longitude, degrees east.") @NonNull Double lng) {
}
