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

    @Input("CartCreateInput")
    public record Create(List<CartLineInput> lines) {
    }

    @Input("CartLinesAddInput")
    public record LinesAdd(@NonNull @Id String cartId, @NonNull List<CartLineInput> lines,
            @Description("Refuse the change (CART_VERSION_CONFLICT) unless the cart is at this version.") Long expectedVersion) {
    }

    @Input("CartLinesUpdateInput")
    public record LinesUpdate(@NonNull @Id String cartId, @NonNull List<CartLineUpdateInput> lines, Long expectedVersion) {
    }

    @Input("CartLinesRemoveInput")
    public record LinesRemove(@NonNull @Id String cartId, @NonNull @Id List<String> lineIds, Long expectedVersion) {
    }

    @Input("CartFulfilmentSetInput")
    public record FulfilmentSet(@NonNull @Id String cartId, @NonNull FulfilmentType type,
            @Description("The store; required for PICKUP and CURBSIDE.") @Id String storeId,
            @Description("A pickup slot of that store (see pickupSlots), booked when the order is placed; none when left out.") @Id String slotId,
            Long expectedVersion) {
    }

    @Input("CartAttachToCustomerInput")
    public record AttachToCustomer(@NonNull @Id String cartId,
            @Description("Defaults to MERGE.") CartAttachMode mode) {
    }

    @Input("CartHandoffCreateInput")
    public record HandoffCreate(@NonNull @Id String cartId,
            @Description("The channel that will claim the cart, for the price warnings; defaults to MOBILE.")
            com.omnichannel.gateway.platform.security.Channel receivingChannel) {
    }

    @Input("CartHandoffClaimInput")
    public record HandoffClaim(@NonNull @Description("The code as typed or scanned; case, spaces and dashes do not matter.") String code) {
    }
}
