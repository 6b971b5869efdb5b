package com.omnichannel.gateway.integration;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.security.CallerResolver;

import io.smallrye.mutiny.Uni;

@GraphQLApi
public class PosSaleGraphQLApi {

    private final PosSales sales;
    private final CallerResolver callers;

    public PosSaleGraphQLApi(PosSales sales, CallerResolver callers) {
        this.sales = sales;
        this.callers = callers;
    }

    @Mutation("posSaleRecord")
    @Description("Staff or integration: records an over-the-counter sale from a store's POS: an order with channel POS that "
            + "is picked up and paid at once, its units taken from the store's on-hand (no reservation; ledger kind SALE), "
            + "loyalty points earned for an identified customer. A replay with the same idempotency key and input answers "
            + "with the same order.")
    public Uni<@NonNull PosSalePayload> posSaleRecord(
            @Description("What to do; see the input type's fields.") @NonNull PosSaleInputs.Record input) {
        return sales.record(callers.current(), input);
    }
}
