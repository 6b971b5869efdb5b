package com.omnichannel.gateway.inventory;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.security.CallerResolver;

import io.smallrye.mutiny.Uni;

/** Bulk stock changes from the systems around the shop (POS, WMS): staff or integration tokens. */
@GraphQLApi
public class StockSyncGraphQLApi {

    private final StockSync sync;
    private final CallerResolver callers;

    public StockSyncGraphQLApi(StockSync sync, CallerResolver callers) {
        this.sync = sync;
        this.callers = callers;
    }

    @Mutation("inventorySetQuantities")
    @Description("Staff or integration: counted on-hand quantities from a POS or WMS, up to 250 items, each applied on its "
            + "own with compare-and-swap (compareQuantity), never below what is reserved; every change in the stock ledger "
            + "(kind COUNT) with the reason and reference document. Refused items are left as they were while the others apply.")
    public Uni<@NonNull StockSyncPayload> inventorySetQuantities(
            @Description("What to do; see the input type's fields.") @NonNull StockSyncInputs.SetQuantities input) {
        return sync.setQuantities(callers.current(), input);
    }

    @Mutation("inventoryAdjustQuantities")
    @Description("Staff or integration: on-hand changes by a delta from a POS or WMS (goods received, shrinkage), up to 250 "
            + "items, each applied on its own, never below zero or what is reserved; every change in the stock ledger (kind "
            + "ADJUSTMENT) with the reason and reference document.")
    public Uni<@NonNull StockSyncPayload> inventoryAdjustQuantities(
            @Description("What to do; see the input type's fields.") @NonNull StockSyncInputs.AdjustQuantities input) {
        return sync.adjustQuantities(callers.current(), input);
    }
}
