package com.omnichannel.gateway.catalog;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.errors.UserError;

@Description("The answer of productCreate and productUpdate.")
public record ProductPayload(
        @Description("The product after the change; null with userErrors.") Product product,
        @Description("Expected failures (invalid input, a rule of the shop); empty on success. When not empty, nothing was changed.") @NonNull List<@NonNull UserError> userErrors) {
    public static ProductPayload failed(List<UserError> errors) {
        return new ProductPayload(null, errors);
    }
}
