package com.omnichannel.gateway.catalog;

import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.money.Money;

public record PriceRange(@NonNull Money minVariantPrice, @NonNull Money maxVariantPrice) {
}
