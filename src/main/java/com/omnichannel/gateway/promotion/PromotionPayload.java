package com.omnichannel.gateway.promotion;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.errors.UserError;

@Description("The answer of the promotion mutations.")
public record PromotionPayload(
        @Description("The promotion after the change; null with userErrors.") Promotion promotion,
        @Description("Expected failures (invalid input, a rule of the shop); empty on success. When not empty, nothing was changed.") @NonNull List<@NonNull UserError> userErrors) {

    static PromotionPayload failed(UserError error) {
        return new PromotionPayload(null, List.of(error));
    }
}
