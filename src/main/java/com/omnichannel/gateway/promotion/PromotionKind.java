package com.omnichannel.gateway.promotion;

import org.eclipse.microprofile.graphql.Description;

@Description("What a promotion takes off.")
public enum PromotionKind {
    @Description("A percentage off the lines in scope.")
    PERCENTAGE,
    @Description("A fixed amount off the order, spread over the lines in scope.")
    FIXED_AMOUNT,
    @Description("No shipping cost.")
    FREE_SHIPPING
}
