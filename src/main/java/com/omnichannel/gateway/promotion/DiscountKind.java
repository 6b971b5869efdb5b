package com.omnichannel.gateway.promotion;

import org.eclipse.microprofile.graphql.Description;

/** What a discount on a cart or an order is; stored by name with the order's discounts. */
@Description("What a discount on a cart or an order is.")
public enum DiscountKind {
    @Description("Loyalty points redeemed at checkout.")
    LOYALTY_POINTS,
    @Description("A promotion: a coupon (code set) or an automatic promotion.")
    PROMOTION
}
