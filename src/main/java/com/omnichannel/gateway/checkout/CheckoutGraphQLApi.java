package com.omnichannel.gateway.checkout;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.security.CallerResolver;

import io.smallrye.mutiny.Uni;

@GraphQLApi
public class CheckoutGraphQLApi {

    private final CheckoutService checkout;
    private final CallerResolver callers;

    public CheckoutGraphQLApi(CheckoutService checkout, CallerResolver callers) {
        this.checkout = checkout;
        this.callers = callers;
    }

    @Mutation("checkoutComplete")
    @Description("Turn a cart into an order: prices frozen from the catalog, stock reserved, payment taken, cart cleared. "
            + "Retrying with the same idempotencyKey returns the same order.")
    public Uni<@NonNull CheckoutPayload> checkoutComplete(
            @Description("What to do; see the input type's fields.") @NonNull CheckoutInputs.CheckoutComplete input) {
        return checkout.checkout(callers.current(), callers.cartToken(), callers.clientAddressKey(), input);
    }
}
