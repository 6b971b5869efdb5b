package com.omnichannel.gateway.catalog;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("ProductVariantCreateInput")
public record ProductVariantCreateInput(@NonNull @Id String productId, @NonNull ProductVariantFields variant) {
}
