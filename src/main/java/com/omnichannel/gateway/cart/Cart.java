package com.omnichannel.gateway.cart;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.money.Money;
import com.omnichannel.gateway.platform.security.Channel;
import com.omnichannel.gateway.platform.ids.Node;

@Description("A shopping cart that follows the shopper across web, mobile and kiosk.")
public record Cart(
        @Description("Opaque id of the cart; stays the same across devices and sign-in.") @NonNull @Id String id,
        @Description("The lines in the order they were first added.") @NonNull List<@NonNull CartLine> lines,
        @Description("Total units over all lines.") int itemCount,
        @Description("Sum of the line totals at today's prices, before discounts, shipping and tax adjustments.") @NonNull Money subtotal,
        @Description("How the order would be fulfilled: shipped (the default) or collected at a store.") @NonNull CartFulfilment fulfilment,
        @Description("Every channel the cart was touched from, in first-touch order.") @NonNull List<@NonNull Channel> channels,
        @Description("The channel of the latest change to the cart; null when none is recorded.") Channel lastChannel,
        @Description("Increases with every change; pass it as expectedVersion to detect concurrent edits.") long version,
        @NonNull OffsetDateTime createdAt,
        @NonNull OffsetDateTime updatedAt,
        @Description("Problems with the whole cart that checkout would refuse (e.g. PICKUP_STORE_UNAVAILABLE); empty when none.") @NonNull List<@NonNull CartWarning> warnings,
        @Description("The coupon applied with cartCouponApply (see discounts for what it takes off), or null.") String couponCode,
        @Ignore String customerId,
        @Ignore @Description("The channel the cart is read through.") Channel readThrough) implements Node {

    // Identity is the cart at a version: batch resolvers hash their sources.
    @Override
    public boolean equals(Object other) {
        return other instanceof Cart that && id.equals(that.id) && version == that.version;
    }

    @Override
    public int hashCode() {
        return id.hashCode() * 31 + Long.hashCode(version);
    }
}
