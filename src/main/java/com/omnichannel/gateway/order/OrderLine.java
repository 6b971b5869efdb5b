package com.omnichannel.gateway.order;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.ids.GlobalId;
import com.omnichannel.gateway.platform.money.Money;
import com.omnichannel.gateway.platform.security.Channel;

@Description("A line of an order: what was bought, at the price frozen at checkout.")
public record OrderLine(@NonNull @Id String id, @NonNull String sku, @NonNull String productName,
        @NonNull String variantTitle, int quantity, @NonNull Money unitPrice, @NonNull Money discount,
        @NonNull Money tax, @NonNull @Description("What the line costs after discount.") Money total,
        @NonNull @Description("The channel the line was added to the cart from.") Channel channel,
        @Ignore long key, @Ignore long orderKey, @Ignore long variantKey) {

    public static final String TYPE = "OrderLine";

    public static String globalId(long key) {
        return GlobalId.encode(TYPE, key);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OrderLine that && key == that.key;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(key);
    }
}
