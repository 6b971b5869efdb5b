package com.omnichannel.gateway.order;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.platform.ids.Node;
import com.omnichannel.gateway.platform.ids.NodeLookup;

import io.smallrye.mutiny.Uni;

/** node(id) for orders: as order(id) (the signed-in customer's own, any for staff; null otherwise). */
@ApplicationScoped
public class OrderNodes implements NodeLookup {

    private final OrderGraphQLApi api;

    public OrderNodes(OrderGraphQLApi api) {
        this.api = api;
    }

    @Override
    public Set<String> types() {
        return Set.of(Order.TYPE);
    }

    @Override
    public Uni<? extends Node> find(String type, String id) {
        return api.order(id, null);
    }
}
