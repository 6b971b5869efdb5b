package com.omnichannel.gateway.reporting.recommendation;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.customer.CustomerDataContributor;

import io.smallrye.mutiny.Uni;

/**
 * Recommendations keep nothing of their own about a customer but short-lived cached lists (derived from data the
 * other sections export); erasure drops them.
 */
@ApplicationScoped
public class RecommendationCustomerData implements CustomerDataContributor {

    private final RecommendationService recommendations;

    public RecommendationCustomerData(RecommendationService recommendations) {
        this.recommendations = recommendations;
    }

    @Override
    public String section() {
        return "recommendations";
    }

    @Override
    public Uni<String> export(String customerId) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public Uni<Void> erase(Db.Tx tx, String customerId) {
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Void> eraseOutside(String customerId) {
        return recommendations.forget(customerId);
    }
}
