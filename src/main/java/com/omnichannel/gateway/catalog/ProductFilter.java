package com.omnichannel.gateway.catalog;

import org.eclipse.microprofile.graphql.Input;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;

@Description("Narrows a product list; all given conditions must hold.")
@Input("ProductFilterInput")
public record ProductFilter(
        @Description("Products in this category or any category below it.") @Id String categoryId,
        @Description("Like categoryId, by slug.") String categorySlug,
        @Description("Full-text search over name, brand and description (web-search syntax: quotes, -exclude, or).") String search,
        @Description("Decimal price bounds, inclusive; a product matches when any active variant price is within.") PriceFilter price,
        @Description("Only products with stock available somewhere in the network.") Boolean inStock,
        @Description("Only products with stock available at this location.") @Id String inStockAt) {
}
