package com.omnichannel.gateway.store;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.errors.UserError;

public record StorePayload(Location store, @NonNull List<@NonNull UserError> userErrors) {

    public static StorePayload failed(List<UserError> errors) {
        return new StorePayload(null, List.copyOf(errors));
    }

    public static StorePayload failed(UserError error) {
        return failed(List.of(error));
    }
}
