package com.omnichannel.gateway.store;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A postal address of a store or warehouse.")
public record Address(
        @Description("Street and house number.") @NonNull String line1,
        @Description("Second address line (building, floor); null when there is none.") String line2,
        @Description("City or town.") @NonNull String city,
        @Description("Postal code as written in that country.") @NonNull String postalCode,
        @Description("State, province or region; null where the country uses none.") String region,
        @Description("Country, ISO 3166-1 alpha-2 (e.g. DE).") @NonNull String countryCode) {
}
