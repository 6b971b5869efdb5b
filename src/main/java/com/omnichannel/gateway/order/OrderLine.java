package com.omnichannel.gateway.order;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.ids.GlobalId;
import com.omnichannel.gateway.platform.money.Money;
import com.omnichannel.gateway.platform.security.Channel;

@Description("A line of an order: what was bought, at the price frozen at checkout.")
public record OrderLine(
        @Description("Opaque id of the line.") @NonNull @Id String id,
        @Description("The variant's SKU at checkout.") @NonNull String sku,
        @Description("The product's name at checkout.") @NonNull String productName,
        @Description("The variant's title at checkout, e.g. 'M / Blue'.") @NonNull String variantTitle,
        @Description("Units ordered.") int quantity,
        @Description("Price of one unit at checkout.") @NonNull Money unitPrice,
        @Description("Unit price times quantity, before discounts (as CartLine.subtotal).") @NonNull Money subtotal,
        @Description("What discounts took off this line.") @NonNull Money discount,
        @Description("Tax on this line.") @NonNull Money tax,
        @NonNull @Description("What the line costs after discounts (subtotal minus discount, plus tax when prices exclude tax), as CartLine.total.") Money total,
        @NonNull @Description("The channel the line was added to the cart from.") Channel channel,
        @Ignore long key,
        @Ignore long orderKey,
        @Ignore long variantKey) {

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
