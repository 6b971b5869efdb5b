package com.omnichannel.gateway.credit;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.ids.GlobalId;
import com.omnichannel.gateway.platform.money.Money;

@Description("A customer's store credit: one balance for every channel, spent at checkout beside the payment method.")
public record StoreCredit(
        @NonNull @Id @Description("One id per customer's store credit, so client caches update me.storeCredit after storeCreditAdjust.") String id,
        @NonNull @Description("What can be spent now; never below zero.") Money balance,
        @Ignore String customerId) {

    public static final String TYPE = "StoreCredit";

    public static String globalId(String customerId) {
        return GlobalId.encode(TYPE, customerId);
    }

    // Identity is the customer: batch resolvers hash their sources.
    @Override
    public boolean equals(Object other) {
        return other instanceof StoreCredit that && customerId.equals(that.customerId);
    }

    @Override
    public int hashCode() {
        return customerId.hashCode();
    }
}
