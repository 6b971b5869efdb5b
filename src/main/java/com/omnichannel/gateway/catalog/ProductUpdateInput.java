package com.omnichannel.gateway.catalog;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Description("Changes to a product; omitted fields stay as they are.")
@Input("ProductUpdateInput")
public record ProductUpdateInput(@NonNull @Id String id, String name, String slug, String description, String brand,
        @Id String categoryId, ProductStatus status, List<String> imageUrls) {
}
