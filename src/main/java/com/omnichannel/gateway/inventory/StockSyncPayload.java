package com.omnichannel.gateway.inventory;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.errors.UserError;

@Description("The answer of inventorySetQuantities and inventoryAdjustQuantities. Each item stands alone: the items "
        + "without a user error were applied, those with one (its field names the item, e.g. [\"input\", \"quantities\", "
        + "\"3\", \"compareQuantity\"]) were left as they were. An error about the whole input (field [\"input\", ...] "
        + "without an item index, e.g. the reason or idempotency key) means nothing was applied.")
public record StockSyncPayload(
        @Description("The stock level of every applied item after the change, in input order (an item that asked for "
                + "the quantity the level already had is applied without a ledger entry).")
        @NonNull List<@NonNull StockLevel> stockLevels,
        @Description("How many stock levels changed (each with one ledger entry).") int changedCount,
        @Description("Expected failures, per item or for the whole input; see the type's description.")
        @NonNull List<@NonNull UserError> userErrors) {

    static StockSyncPayload failed(UserError error) {
        return new StockSyncPayload(List.of(), 0, List.of(error));
    }
}
