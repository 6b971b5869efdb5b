package com.omnichannel.gateway.cart;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.errors.UserError;

@Description("The answer of cartHandoffCreate: the code to show, or userErrors.")
public record CartHandoffPayload(
        @Description("The code and QR payload; null when userErrors say why none was made.") CartHandoff handoff,
        @Description("What the cart's price will do on the receiving channel: a warning for every coupon or promotion that "
                + "will not hold there.") CartPriceChange priceChange,
        @Description("Expected failures (invalid input, a rule of the shop); empty on success. When not empty, nothing was changed.") @NonNull List<@NonNull UserError> userErrors) {
}
