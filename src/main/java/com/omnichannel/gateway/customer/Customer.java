package com.omnichannel.gateway.customer;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A customer's profile: the same one on the web, in the app and at a kiosk.")
public record Customer(@NonNull @Id @Description("The customer's id; also the subject (sub) of their tokens.") String id,
        @NonNull String email, @NonNull String firstName, @NonNull String lastName, String phone,
        @NonNull @Description("Preferred language, e.g. 'de' or 'en-GB'.") String language,
        @NonNull CustomerPreferences preferences, @NonNull OffsetDateTime createdAt) {

    // Identity is the id: batch resolvers hash their sources.
    @Override
    public boolean equals(Object other) {
        return other instanceof Customer that && id.equals(that.id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }
}
