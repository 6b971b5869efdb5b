package com.omnichannel.gateway.store;

import org.eclipse.microprofile.graphql.Description;

/** A point on Earth in decimal degrees (WGS 84). */
@Description("A point on earth (WGS 84).")
public record GeoPoint(
        @Description("Degrees north, -90 to 90.") double latitude,
        @Description("Degrees east, -180 to 180.") double longitude) {

    private static final double EARTH_RADIUS_KM = 6371.0088;

    public static boolean isValid(double latitude, double longitude) {
        return latitude >= -90 && latitude <= 90 && longitude >= -180 && longitude <= 180
                && !Double.isNaN(latitude) && !Double.isNaN(longitude);
    }

    /** Great-circle distance (haversine). */
    public double distanceKmTo(GeoPoint other) {
        double dLat = Math.toRadians(other.latitude - latitude);
        double dLng = Math.toRadians(other.longitude - longitude);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(latitude)) * Math.cos(Math.toRadians(other.latitude))
                        * Math.sin(dLng / 2) * Math.sin(dLng / 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
