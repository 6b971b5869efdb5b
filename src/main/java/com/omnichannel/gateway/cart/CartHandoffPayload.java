package com.omnichannel.gateway.cart;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.errors.UserError;

public record CartHandoffPayload(CartHandoff handoff,
        @Description("What the cart's price will do on the receiving channel: a warning for every coupon or promotion that "
                + "will not hold there.") CartPriceChange priceChange,
        @NonNull List<@NonNull UserError> userErrors) {
}
