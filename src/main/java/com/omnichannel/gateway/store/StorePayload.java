package com.omnichannel.gateway.store;

import org.eclipse.microprofile.graphql.Description;
import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.errors.UserError;

@Description("The answer of a store mutation: the store as changed, or userErrors.")
public record StorePayload(@Description("The store as changed; null when userErrors say why nothing was.") Location store,
        @Description("Expected failures (invalid hours, an unknown zone or store); empty on success. When not empty, nothing was changed.") @NonNull List<@NonNull UserError> userErrors) {

    public static StorePayload failed(List<UserError> errors) {
        return new StorePayload(null, List.copyOf(errors));
    }

    public static StorePayload failed(UserError error) {
        return failed(List.of(error));
    }
}
