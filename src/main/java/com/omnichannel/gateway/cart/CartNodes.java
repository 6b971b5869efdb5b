package com.omnichannel.gateway.cart;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.platform.ids.Node;
import com.omnichannel.gateway.platform.ids.NodeLookup;

import io.smallrye.mutiny.Uni;

/** node(id) for carts: as cart(id) (owner, cart token holder or staff; another's cart is refused). */
@ApplicationScoped
public class CartNodes implements NodeLookup {

    private final CartGraphQLApi api;

    public CartNodes(CartGraphQLApi api) {
        this.api = api;
    }

    @Override
    public Set<String> types() {
        return Set.of();
    }

    @Override
    public boolean findsUntyped(String id) {
        return CartService.isCartId(id);
    }

    @Override
    public Uni<? extends Node> find(String type, String id) {
        return api.cart(id);
    }
}
