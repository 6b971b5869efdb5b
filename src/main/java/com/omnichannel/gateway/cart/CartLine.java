package com.omnichannel.gateway.cart;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.catalog.ProductVariant;
import com.omnichannel.gateway.platform.money.Money;
import com.omnichannel.gateway.platform.security.Channel;

@Description("A variant and quantity in a cart; price and availability are read live from the catalog.")
public record CartLine(@NonNull @Id String id, ProductVariant variant, int quantity,
        @Deprecated @NonNull @Description("Deprecated: use channel (the name order lines use); removed in the next release.") Channel addedFrom,
        @NonNull @Description("The channel the line was added from, as OrderLine.channel.") Channel channel,
        @NonNull OffsetDateTime addedAt, Money unitPrice, Money lineTotal,
        @Description("Units available for the cart's fulfilment: at the pickup store, or anywhere for shipping.") int available,
        @NonNull List<@NonNull CartWarning> warnings) {
}
