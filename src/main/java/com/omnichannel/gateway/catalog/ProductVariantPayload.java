package com.omnichannel.gateway.catalog;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.errors.UserError;

@Description("The answer of productVariantCreate and productVariantUpdate.")
public record ProductVariantPayload(
        @Description("The variant after the change; null with userErrors.") ProductVariant productVariant,
        @Description("Expected failures (invalid input, a rule of the shop); empty on success. When not empty, nothing was changed.") @NonNull List<@NonNull UserError> userErrors) {
    public static ProductVariantPayload failed(List<UserError> errors) {
        return new ProductVariantPayload(null, errors);
    }
}
