package com.omnichannel.gateway.cart;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** The inputs of the cart mutations. */
final class CartInputs {

    private CartInputs() {
    }

    @Description("What a new cart starts with.")
    @Input("CartCreateInput")
    public record Create(
            @Description("Lines to start with; leave out for an empty cart.") List<CartLineInput> lines) {
    }

    @Description("Lines to add to a cart.")
    @Input("CartLinesAddInput")
    public record LinesAdd(
            @Description("The cart (Cart.id).") @NonNull @Id String cartId,
            @Description("Variants and quantities; a variant already in the cart has its quantity increased.") @NonNull List<CartLineInput> lines,
            @Description("Refuse the change (CART_VERSION_CONFLICT) unless the cart is at this version.") Long expectedVersion) {
    }

    @Description("New quantities for cart lines.")
    @Input("CartLinesUpdateInput")
    public record LinesUpdate(
            @Description("The cart (Cart.id).") @NonNull @Id String cartId,
            @Description("The lines and their new quantities.") @NonNull List<CartLineUpdateInput> lines,
            @Description("The cart version the shopper last saw (Cart.version): the change is refused with CART_VERSION_CONFLICT when the cart changed since. Leave out to apply it anyway.") Long expectedVersion) {
    }

    @Description("Lines to remove from a cart.")
    @Input("CartLinesRemoveInput")
    public record LinesRemove(
            @Description("The cart (Cart.id).") @NonNull @Id String cartId,
            @Description("The lines (CartLine.id); a line not in the cart is refused (LINE_NOT_FOUND) and nothing is removed.") @NonNull @Id List<String> lineIds,
            @Description("The cart version the shopper last saw (Cart.version): the change is refused with CART_VERSION_CONFLICT when the cart changed since. Leave out to apply it anyway.") Long expectedVersion) {
    }

    @Description("How a cart's order should be fulfilled.")
    @Input("CartFulfilmentSetInput")
    public record FulfilmentSet(
            @Description("The cart (Cart.id).") @NonNull @Id String cartId,
            @Description("SHIP, PICKUP or CURBSIDE.") @NonNull FulfilmentType type,
            @Description("The store; required for PICKUP and CURBSIDE.") @Id String storeId,
            @Description("A pickup slot of that store (see pickupSlots), booked when the order is placed; none when left out.") @Id String slotId,
            @Description("The cart version the shopper last saw (Cart.version): the change is refused with CART_VERSION_CONFLICT when the cart changed since. Leave out to apply it anyway.") Long expectedVersion) {
    }

    @Description("Which anonymous cart to give the signed-in customer, and how.")
    @Input("CartAttachToCustomerInput")
    public record AttachToCustomer(
            @Description("The anonymous cart (send its token as X-Cart-Token too).") @NonNull @Id String cartId,
            @Description("Defaults to MERGE.") CartAttachMode mode) {
    }

    @Description("The cart to hand to another device.")
    @Input("CartHandoffCreateInput")
    public record HandoffCreate(@Description("The cart (Cart.id).") @NonNull @Id String cartId,
            @Description("The channel that will claim the cart, for the price warnings; defaults to MOBILE.")
            com.omnichannel.gateway.platform.security.Channel receivingChannel) {
    }

    @Description("The code from the other device.")
    @Input("CartHandoffClaimInput")
    public record HandoffClaim(@NonNull @Description("The code as typed or scanned; case, spaces and dashes do not matter.") String code) {
    }
}
