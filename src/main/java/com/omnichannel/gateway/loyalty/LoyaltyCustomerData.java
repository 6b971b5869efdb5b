package com.omnichannel.gateway.loyalty;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.customer.CustomerDataContributor;
import com.omnichannel.gateway.order.OrderCustomerData;
import com.omnichannel.gateway.platform.db.Db;

import io.smallrye.mutiny.Uni;

/**
 * Loyalty in a customer's privacy rights: the export holds the account, every ledger entry and the pending points;
 * erasure keeps the ledger's figures (it is the accounting of the points) under a random pseudonym, so nothing links
 * them to the person any more.
 */
@ApplicationScoped
public class LoyaltyCustomerData implements CustomerDataContributor {

    private final LoyaltyRepository repository;

    public LoyaltyCustomerData(LoyaltyRepository repository) {
        this.repository = repository;
    }

    @Override
    public String section() {
        return "loyalty";
    }

    @Override
    public Uni<String> export(String customerId) {
        return repository.exportCustomer(customerId);
    }

    @Override
    public Uni<Void> erase(Db.Tx tx, String customerId) {
        return repository.pseudonymize(tx, customerId, "erased:" + UUID.randomUUID(), OrderCustomerData.ERASED_ACTOR);
    }
}
