package com.omnichannel.gateway.returns;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.platform.ids.Node;
import com.omnichannel.gateway.platform.ids.NodeLookup;

import io.smallrye.mutiny.Uni;

/** node(id) for returns: as returnRequest(id) (the signed-in customer's own, any for staff; null otherwise). */
@ApplicationScoped
public class ReturnNodes implements NodeLookup {

    private final ReturnGraphQLApi api;

    public ReturnNodes(ReturnGraphQLApi api) {
        this.api = api;
    }

    @Override
    public Set<String> types() {
        return Set.of(Return.TYPE);
    }

    @Override
    public Uni<? extends Node> find(String type, String id) {
        return api.returnById(id);
    }
}
