package com.omnichannel.gateway.order;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import io.vertx.core.json.JsonObject;

@Description("The delivery address frozen on an order.")
public record OrderAddress(
        @Description("Recipient's first name.") @NonNull String firstName,
        @Description("Recipient's last name.") @NonNull String lastName,
        @Description("Street and house number.") @NonNull String line1,
        @Description("Second address line; null when none.") String line2,
        @Description("City or town.") @NonNull String city,
        @Description("Postal code.") @NonNull String postalCode,
        @Description("State or region; null when none.") String region,
        @Description("Country, ISO 3166-1 alpha-2.") @NonNull String countryCode,
        @Description("Recipient's phone number; null when not given.") String phone) {

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
