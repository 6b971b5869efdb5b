package com.omnichannel.gateway.customer;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A customer's profile: the same one on the web, in the app and at a kiosk.")
public record Customer(
        @NonNull @Id @Description("The customer's id; also the subject (sub) of their tokens.") String id,
        @Description("Sign-in email, lower-case.") @NonNull String email,
        @Description("First name as the customer entered it.") @NonNull String firstName,
        @Description("Last name as the customer entered it.") @NonNull String lastName,
        @Description("Phone number in international format (+49 30 ...); null when not given.") String phone,
        @NonNull @Description("Preferred language, e.g. 'de' or 'en-GB'.") String language,
        @Description("Preferred channel and store.") @NonNull CustomerPreferences preferences,
        @NonNull OffsetDateTime createdAt) {

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
