package com.omnichannel.gateway.cart;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.errors.UserError;

@Description("The answer of cartHandoffClaim: the cart now on this device, or userErrors.")
public record CartHandoffClaimPayload(@Description("The cart now on this device; null when userErrors say why not.") Cart cart,
        @Description("For callers who are not signed in: the new cart token (send it as X-Cart-Token).") String cartToken,
        @Description("What the move did to the handed cart's price: discounts limited to the channel it came from, and the "
                + "subtotal after discounts before and after.") CartPriceChange priceChange,
        @Description("Expected failures (an unknown, expired or used code; too many attempts); empty on success.") @NonNull List<@NonNull UserError> userErrors) {
}
