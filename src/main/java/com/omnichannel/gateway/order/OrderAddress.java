package com.omnichannel.gateway.order;

import org.eclipse.microprofile.graphql.NonNull;

import io.vertx.core.json.JsonObject;

public record OrderAddress(@NonNull String firstName, @NonNull String lastName, @NonNull String line1, String line2,
        @NonNull String city, @NonNull String postalCode, String region, @NonNull String countryCode, String phone) {

    JsonObject toJson() {
        return new JsonObject().put("firstName", firstName).put("lastName", lastName).put("line1", line1)
                .put("line2", line2).put("city", city).put("postalCode", postalCode).put("region", region)
                .put("countryCode", countryCode).put("phone", phone);
    }

    static OrderAddress fromJson(JsonObject o) {
        return o == null ? null : new OrderAddress(o.getString("firstName"), o.getString("lastName"), o.getString("line1"),
                o.getString("line2"), o.getString("city"), o.getString("postalCode"), o.getString("region"),
                o.getString("countryCode"), o.getString("phone"));
    }
}
