package com.omnichannel.gateway.catalog;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.errors.UserError;

public record ProductPayload(Product product, @NonNull List<@NonNull UserError> userErrors) {
    public static ProductPayload failed(List<UserError> errors) {
        return new ProductPayload(null, errors);
    }
}
