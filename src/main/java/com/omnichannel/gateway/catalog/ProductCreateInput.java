package com.omnichannel.gateway.catalog;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A new product.")
@Input("ProductCreateInput")
public record ProductCreateInput(
        @Description("Display name; the slug is made from it.") @NonNull String name,
        @Description("URL handle; derived from the name when omitted.") String slug,
        @Description("Plain-text description.") String description,
        @Description("Brand name.") String brand,
        @Description("The category (Category.id).") @Id String categoryId,
        @Description("Defaults to ACTIVE.") ProductStatus status,
        @Description("Absolute https URLs of the images, main image first.") List<String> imageUrls,
        @Description("The variants to create with it.") List<ProductVariantFields> variants) {
}
