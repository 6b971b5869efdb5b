package com.omnichannel.gateway.catalog;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.platform.ids.Node;
import com.omnichannel.gateway.platform.ids.NodeLookup;

import io.smallrye.mutiny.Uni;

/** node(id) for products, variants and categories: the catalog's own root lookups answer. */
@ApplicationScoped
public class CatalogNodes implements NodeLookup {

    private final CatalogGraphQLApi api;

    public CatalogNodes(CatalogGraphQLApi api) {
        this.api = api;
    }

    @Override
    public Set<String> types() {
        return Set.of(Product.TYPE, ProductVariant.TYPE, Category.TYPE);
    }

    @Override
    public Uni<? extends Node> find(String type, String id) {
        return switch (type) {
            case Product.TYPE -> api.product(id, null);
            case ProductVariant.TYPE -> api.productVariant(id, null, null);
            default -> api.category(id, null);
        };
    }
}
