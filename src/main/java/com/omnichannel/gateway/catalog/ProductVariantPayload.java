package com.omnichannel.gateway.catalog;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.errors.UserError;

public record ProductVariantPayload(ProductVariant productVariant, @NonNull List<@NonNull UserError> userErrors) {
    public static ProductVariantPayload failed(List<UserError> errors) {
        return new ProductVariantPayload(null, errors);
    }
}
