package com.omnichannel.gateway.store;

import org.eclipse.microprofile.graphql.NonNull;

public record Address(@NonNull String line1, String line2, @NonNull String city, @NonNull String postalCode,
        String region, @NonNull String countryCode) {
}
