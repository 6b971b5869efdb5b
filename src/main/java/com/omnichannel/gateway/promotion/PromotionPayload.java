package com.omnichannel.gateway.promotion;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.errors.UserError;

public record PromotionPayload(Promotion promotion, @NonNull List<@NonNull UserError> userErrors) {

    static PromotionPayload failed(UserError error) {
        return new PromotionPayload(null, List.of(error));
    }
}
