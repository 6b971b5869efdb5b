package com.omnichannel.gateway.catalog;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("ProductCreateInput")
public record ProductCreateInput(@NonNull String name,
        @Description("URL handle; derived from the name when omitted.") String slug,
        String description, String brand, @Id String categoryId,
        @Description("Defaults to ACTIVE.") ProductStatus status,
        List<String> imageUrls, List<ProductVariantFields> variants) {
}
