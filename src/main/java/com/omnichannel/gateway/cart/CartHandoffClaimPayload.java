package com.omnichannel.gateway.cart;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.errors.UserError;

@Description("The result of claiming a handed-off cart.")
public record CartHandoffClaimPayload(@Description("The claimed cart; null when the claim failed.") Cart cart,
        @Description("For callers who are not signed in: the new cart token (send it as X-Cart-Token).") String cartToken,
        @Description("What the move did to the handed cart's price: discounts limited to the channel it came from, and the "
                + "subtotal after discounts before and after.") CartPriceChange priceChange,
        @NonNull @Description("Why the claim failed; empty on success.") List<@NonNull UserError> userErrors) {
}
