package com.omnichannel.gateway.cart;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.errors.UserError;

@Description("The answer of the cart mutations: the cart after the change, or userErrors.")
public record CartPayload(
        @Description("The cart after the change (also with userErrors, as it is now); null when the cart cannot be read.") Cart cart,
        @Description("Only from cartCreate for anonymous callers: send it as the X-Cart-Token header to use the cart.") String cartToken,
        @Description("Expected failures (invalid input, a rule of the shop); empty on success. When not empty, nothing was changed.") @NonNull List<@NonNull UserError> userErrors) {

    static CartPayload failed(UserError error) {
        return new CartPayload(null, null, List.of(error));
    }
}
