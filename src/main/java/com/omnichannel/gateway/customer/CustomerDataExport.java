package com.omnichannel.gateway.customer;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("Everything held about the signed-in customer, as one JSON document.")
public record CustomerDataExport(@NonNull OffsetDateTime generatedAt,
        @NonNull @Description("The sections of the document, e.g. profile, addresses, consents, consentHistory, events, "
                + "sessions, orders, cart, cartActivity.") List<@NonNull String> sections,
        @NonNull @Description("A JSON object: generatedAt, customerId and one member per section, rows with all their "
                + "stored fields (secrets such as password and token hashes left out).") String document) {
}
