package com.omnichannel.gateway.catalog;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Description("Changes to a product; omitted fields stay as they are.")
@Input("ProductUpdateInput")
public record ProductUpdateInput(
        @Description("The product (Product.id).") @NonNull @Id String id,
        @Description("New name; leave out to keep.") String name,
        @Description("New slug; leave out to keep.") String slug,
        @Description("New description; leave out to keep.") String description,
        @Description("New brand; leave out to keep.") String brand,
        @Description("New category (Category.id); leave out to keep.") @Id String categoryId,
        @Description("New status; leave out to keep.") ProductStatus status,
        @Description("New images, replacing all; leave out to keep.") List<String> imageUrls,
        @Description("Whether units of the product may be returned (false for e.g. hygiene items); leave out to keep.") Boolean returnable) {
}
