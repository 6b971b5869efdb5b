package com.omnichannel.gateway.store;

import org.eclipse.microprofile.graphql.Description;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.errors.UserError;

@Description("The result of changing a store's settings.")
public record StorePayload(@Description("The store as changed; null when the change failed.") Location store,
        @NonNull @Description("Why the change failed; empty on success.") List<@NonNull UserError> userErrors) {

    public static StorePayload failed(List<UserError> errors) {
        return new StorePayload(null, List.copyOf(errors));
    }

    public static StorePayload failed(UserError error) {
        return failed(List.of(error));
    }
}
