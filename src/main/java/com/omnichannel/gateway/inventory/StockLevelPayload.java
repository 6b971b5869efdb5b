package com.omnichannel.gateway.inventory;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.errors.UserError;

@Description("The answer of stockAdjust and lowStockThresholdSet.")
public record StockLevelPayload(
        @Description("The stock level after the change; null with userErrors.") StockLevel stockLevel,
        @Description("The ledger entry written (stockAdjust only); null otherwise.") StockMovement movement,
        @Description("Expected failures (invalid input, a rule of the shop); empty on success. When not empty, nothing was changed.") @NonNull List<@NonNull UserError> userErrors) {
    public static StockLevelPayload failed(UserError error) {
        return new StockLevelPayload(null, null, List.of(error));
    }
}
