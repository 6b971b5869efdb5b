package com.omnichannel.gateway.cart;

import org.eclipse.microprofile.graphql.Description;

/** Every code a {@link CartPriceChange.Warning} can carry; a new code is one line here (in alphabetical order). */
@Description("Why a discount does not hold when a cart moves to another channel.")
public enum PriceChangeWarningCode {
    @Description("A coupon on the cart is limited to channels the receiving one is not among; it takes less or nothing there.")
    COUPON_NOT_VALID_ON_CHANNEL,
    @Description("An automatic promotion is limited to channels the receiving one is not among; it takes less or nothing there.")
    PROMOTION_NOT_VALID_ON_CHANNEL
}
