package com.omnichannel.gateway.store;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.platform.ids.Node;
import com.omnichannel.gateway.platform.ids.NodeLookup;

import io.smallrye.mutiny.Uni;

/** node(id) for locations: as store(id), so a warehouse is null for everyone (staff list them with locations). */
@ApplicationScoped
public class StoreNodes implements NodeLookup {

    private final StoreGraphQLApi api;

    public StoreNodes(StoreGraphQLApi api) {
        this.api = api;
    }

    @Override
    public Set<String> types() {
        return Set.of(Location.TYPE);
    }

    @Override
    public Uni<? extends Node> find(String type, String id) {
        return api.store(id);
    }
}
