package com.omnichannel.gateway.cart;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.errors.UserError;

public record CartPayload(Cart cart,
        @Description("Only from cartCreate for anonymous callers: send it as the X-Cart-Token header to use the cart.") String cartToken,
        @NonNull List<@NonNull UserError> userErrors) {

    static CartPayload failed(UserError error) {
        return new CartPayload(null, null, List.of(error));
    }
}
