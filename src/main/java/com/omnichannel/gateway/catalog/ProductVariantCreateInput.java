package com.omnichannel.gateway.catalog;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A new variant of a product.")
@Input("ProductVariantCreateInput")
public record ProductVariantCreateInput(
        @Description("The product (Product.id).") @NonNull @Id String productId,
        @Description("The variant's fields.") @NonNull ProductVariantFields variant) {
}
