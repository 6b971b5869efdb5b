package com.omnichannel.gateway.inventory;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.errors.UserError;

public record StockLevelPayload(StockLevel stockLevel, StockMovement movement,
        @NonNull List<@NonNull UserError> userErrors) {
    public static StockLevelPayload failed(UserError error) {
        return new StockLevelPayload(null, null, List.of(error));
    }
}
