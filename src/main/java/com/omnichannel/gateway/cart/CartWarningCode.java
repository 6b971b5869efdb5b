package com.omnichannel.gateway.cart;

import org.eclipse.microprofile.graphql.Description;

/** Every code a {@link CartWarning} can carry; a new code is one line here (in alphabetical order). */
@Description("Why a cart or one of its lines needs the shopper's attention before checkout.")
public enum CartWarningCode {
    @Description("The line wants more units than are available for the cart's fulfilment (at the pickup store, or anywhere for shipping).")
    NOT_ENOUGH_STOCK,
    @Description("The cart's pickup store no longer takes orders.")
    PICKUP_STORE_UNAVAILABLE,
    @Description("The line's variant is no longer sold.")
    VARIANT_UNAVAILABLE
}
