package com.omnichannel.gateway.promotion;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.money.Money;

@Description("A discount on a cart or an order: a promotion, or loyalty points redeemed.")
public record AppliedDiscount(@NonNull DiscountKind kind,
        @Description("The coupon code, for coupons.") String code,
        @NonNull String description,
        @NonNull @Description("What it takes off the lines (0 for free shipping).") Money amount,
        boolean freeShipping) {
}
