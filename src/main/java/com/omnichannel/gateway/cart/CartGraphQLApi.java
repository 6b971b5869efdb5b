package com.omnichannel.gateway.cart;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;

import com.omnichannel.gateway.platform.errors.Lookups;
import com.omnichannel.gateway.platform.security.CallerResolver;

import io.smallrye.mutiny.Uni;

@GraphQLApi
public class CartGraphQLApi {

    private final CartService carts;
    private final CartHandoffs handoffs;
    private final CallerResolver callers;

    public CartGraphQLApi(CartService carts, CartHandoffs handoffs, CallerResolver callers) {
        this.carts = carts;
        this.handoffs = handoffs;
        this.callers = callers;
    }

    @Query("cart")
    @Description("A cart by id: for its owner (signed in), the holder of its cart token (X-Cart-Token header), or staff; "
            + "null when there is none (or it expired), FORBIDDEN for anyone else's.")
    public Uni<Cart> cart(@Description("The cart's id (Cart.id).") @NonNull @Id String id) {
        return Lookups.nullWhenNotFound(() -> carts.cart(callers.current(), callers.cartToken(), id));
    }

    @Query("myCart")
    @Description("The signed-in customer's active cart, from any device; null when there is none.")
    public Uni<Cart> myCart() {
        return carts.myCart(callers.current());
    }

    @Mutation("cartCreate")
    @Description("Create a cart. Signed-in customers get it as their active cart; anonymous callers get a cart token.")
    public Uni<@NonNull CartPayload> cartCreate(
            @Description("What to do; see the input type's fields.") CartInputs.Create input) {
        return carts.create(callers.current(), input);
    }

    @Mutation("cartLinesAdd")
    @Description("Add variants; a variant already in the cart has its quantity increased.")
    public Uni<@NonNull CartPayload> cartLinesAdd(
            @Description("What to do; see the input type's fields.") @NonNull CartInputs.LinesAdd input) {
        return carts.addLines(callers.current(), callers.cartToken(), input);
    }

    @Mutation("cartLinesUpdate")
    @Description("Set line quantities; 0 removes a line.")
    public Uni<@NonNull CartPayload> cartLinesUpdate(
            @Description("What to do; see the input type's fields.") @NonNull CartInputs.LinesUpdate input) {
        return carts.updateLines(callers.current(), callers.cartToken(), input);
    }

    @Description("Remove lines from the cart.")
    @Mutation("cartLinesRemove")
    public Uni<@NonNull CartPayload> cartLinesRemove(
            @Description("What to do; see the input type's fields.") @NonNull CartInputs.LinesRemove input) {
        return carts.removeLines(callers.current(), callers.cartToken(), input);
    }

    @Mutation("cartFulfilmentSet")
    @Description("Ship, or pick up at a store; line availability then counts at that store.")
    public Uni<@NonNull CartPayload> cartFulfilmentSet(
            @Description("What to do; see the input type's fields.") @NonNull CartInputs.FulfilmentSet input) {
        return carts.setFulfilment(callers.current(), callers.cartToken(), input);
    }

    @Mutation("cartAttachToCustomer")
    @Description("After sign-in: combine the anonymous cart (its token in X-Cart-Token) with the customer's active cart.")
    public Uni<@NonNull CartPayload> cartAttachToCustomer(
            @Description("What to do; see the input type's fields.") @NonNull CartInputs.AttachToCustomer input) {
        return carts.attachToCustomer(callers.current(), callers.cartToken(), input);
    }

    @Mutation("cartHandoffCreate")
    @Description("A short code (and a QR link) that hands this cart to another device; valid a few minutes, once. Warns of "
            + "coupons and promotions that will not hold on the receiving channel.")
    public Uni<@NonNull CartHandoffPayload> cartHandoffCreate(
            @Description("What to do; see the input type's fields.") @NonNull CartInputs.HandoffCreate input) {
        return handoffs.create(callers.current(), callers.cartToken(), input);
    }

    @Mutation("cartHandoffClaim")
    @Description("Take over a handed-off cart: merged into a signed-in customer's cart, or with a new cart token; says what "
            + "the move did to its price.")
    public Uni<@NonNull CartHandoffClaimPayload> cartHandoffClaim(
            @Description("What to do; see the input type's fields.") @NonNull CartInputs.HandoffClaim input) {
        return handoffs.claim(callers.current(), callers.clientKey(), input);
    }

    @Subscription("cartUpdated")
    @Description("The cart after every change, from any device and any service instance (graphql-transport-ws). "
            + "Needs the same rights as reading it; anonymous carts pass their token as 'cartToken'.")
    public Multi<Cart> cartUpdated(
            @Description("The cart to follow (Cart.id).") @NonNull @Id String cartId,
            @Description("The cart token, for anonymous carts (WebSockets from browsers cannot send the X-Cart-Token header).") String cartToken) {
        String token = cartToken != null ? cartToken : callers.cartToken();
        return carts.updates(callers.current(), token, cartId);
    }
}
