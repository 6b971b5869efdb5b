package com.omnichannel.gateway.loyalty;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.ids.GlobalId;
import com.omnichannel.gateway.platform.money.Money;

@Description("A customer's loyalty account: the same points in every store and channel.")
public record LoyaltyAccount(
        @NonNull @Id @Description("One id per customer's account, so client caches update me.loyalty after loyaltyAdjust.") String id,
        @NonNull @Description("The tier from qualifying spend over the rolling qualifying period.") String tier,
        @Description("Points available to redeem.") int balance,
        @Description("Points of orders not yet delivered or picked up.") int pending,
        @NonNull @Description("What the available points are worth at checkout.") Money balanceValue,
        @NonNull @Description("Delivered and picked-up orders over the qualifying period.") Money qualifyingSpend,
        @Description("Null at the top tier.") NextTier nextTier,
        @Ignore String customerId) {

    public static final String TYPE = "LoyaltyAccount";

    public static String globalId(String customerId) {
        return GlobalId.encode(TYPE, customerId);
    }

    @Description("The tier above the customer's current one and how far away it is.")
    @Name("LoyaltyNextTier")
    public record NextTier(
            @Description("Name of the next tier, e.g. SILVER.") @NonNull String name,
            @NonNull @Description("Qualifying spend still needed to reach it.") Money spendNeeded) {
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LoyaltyAccount that && customerId.equals(that.customerId);
    }

    @Override
    public int hashCode() {
        return customerId.hashCode();
    }
}
