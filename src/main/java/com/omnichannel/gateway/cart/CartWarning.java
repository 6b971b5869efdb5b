package com.omnichannel.gateway.cart;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

/** Something the shopper should know before checkout; the cart keeps the line, checkout enforces. */
@Description("Something about the cart the shopper should know before checkout; the cart is still usable.")
public record CartWarning(
        @Description("Stable code for the client's own text: NOT_ENOUGH_STOCK, VARIANT_UNAVAILABLE, PICKUP_STORE_UNAVAILABLE.") @NonNull String code,
        @Description("The warning in plain English, for display when the client has no text of its own.") @NonNull String message) {
}
