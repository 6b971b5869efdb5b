package com.omnichannel.gateway.promotion;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.money.Money;

@Description("A discount on a cart or an order: a promotion, or loyalty points redeemed.")
public record AppliedDiscount(
        @Description("Where the discount comes from: a promotion (or coupon) or redeemed loyalty points.") @NonNull DiscountKind kind,
        @Description("The coupon code, for coupons.") String code,
        @Description("What the shopper sees for this discount, e.g. the promotion's name.") @NonNull String description,
        @NonNull @Description("What it takes off the lines (0 for free shipping).") Money amount,
        @Description("Whether this discount makes shipping free (then amount is 0).") boolean freeShipping) {
}
