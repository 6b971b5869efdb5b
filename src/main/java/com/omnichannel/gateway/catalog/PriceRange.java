package com.omnichannel.gateway.catalog;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.money.Money;

@Description("The lowest and highest price among a product's active variants.")
public record PriceRange(
        @Description("Lowest variant price ('from' price).") @NonNull Money minVariantPrice,
        @Description("Highest variant price.") @NonNull Money maxVariantPrice) {
}
