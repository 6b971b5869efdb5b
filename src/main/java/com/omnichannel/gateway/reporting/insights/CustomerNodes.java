package com.omnichannel.gateway.reporting.insights;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.customer.Customer;
import com.omnichannel.gateway.platform.ids.Node;
import com.omnichannel.gateway.platform.ids.NodeLookup;

import io.smallrye.mutiny.Uni;

/** node(id) for customers: as the staff's customer(id). */
@ApplicationScoped
public class CustomerNodes implements NodeLookup {

    private final InsightsGraphQLApi api;

    public CustomerNodes(InsightsGraphQLApi api) {
        this.api = api;
    }

    @Override
    public Set<String> types() {
        return Set.of(Customer.TYPE);
    }

    @Override
    public Uni<? extends Node> find(String type, String id) {
        return api.customer(id);
    }
}
