package com.omnichannel.gateway.promotion;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.customer.CustomerDataContributor;
import com.omnichannel.gateway.platform.db.Db;

import io.smallrye.mutiny.Uni;

/**
 * Promotions in a customer's privacy rights. Redemptions hold nothing for the export beyond the orders they belong
 * to (exported with the orders); on erasure they move to a random pseudonym, so per-customer usage still counts
 * without naming the person.
 */
@ApplicationScoped
public class PromotionCustomerData implements CustomerDataContributor {

    private final PromotionRepository repository;

    public PromotionCustomerData(PromotionRepository repository) {
        this.repository = repository;
    }

    @Override
    public String section() {
        return "promotionRedemptions";
    }

    /** Nothing of its own: redemptions show in the export through the orders' discounts. */
    @Override
    public Uni<String> export(String customerId) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public Uni<Void> erase(Db.Tx tx, String customerId) {
        return repository.pseudonymizeRedemptions(tx, customerId, "erased:" + UUID.randomUUID());
    }
}
