package com.omnichannel.gateway.returns;

import org.eclipse.microprofile.graphql.Description;

@Description("Where a refund goes.")
public enum RefundDestination {
    @Description("Back to the payment the order was paid with, through its payment provider (partial refunds).") ORIGINAL_PAYMENT,
    @Description("To the customer's store credit (signed-in customers only).") STORE_CREDIT,
    @Description("Cash paid out at the counter; recorded only.") CASH
}
