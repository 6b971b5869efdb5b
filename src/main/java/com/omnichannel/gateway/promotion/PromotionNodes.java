package com.omnichannel.gateway.promotion;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.platform.ids.Node;
import com.omnichannel.gateway.platform.ids.NodeLookup;

import io.smallrye.mutiny.Uni;

/** node(id) for promotions: as promotion(id) (staff only). */
@ApplicationScoped
public class PromotionNodes implements NodeLookup {

    private final PromotionGraphQLApi api;

    public PromotionNodes(PromotionGraphQLApi api) {
        this.api = api;
    }

    @Override
    public Set<String> types() {
        return Set.of(Promotion.TYPE);
    }

    @Override
    public Uni<? extends Node> find(String type, String id) {
        return api.promotion(id);
    }
}
