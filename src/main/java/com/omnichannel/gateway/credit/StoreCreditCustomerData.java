package com.omnichannel.gateway.credit;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.customer.CustomerDataContributor;
import com.omnichannel.gateway.order.OrderCustomerData;
import com.omnichannel.gateway.platform.db.Db;

import io.smallrye.mutiny.Uni;

/**
 * Store credit in a customer's privacy rights: the export holds the balance and every ledger entry; erasure keeps
 * the ledger's figures (money the shop owes is accounting) under a random pseudonym, so nothing links them to the
 * person any more.
 */
@ApplicationScoped
public class StoreCreditCustomerData implements CustomerDataContributor {

    private final StoreCreditRepository repository;

    public StoreCreditCustomerData(StoreCreditRepository repository) {
        this.repository = repository;
    }

    @Override
    public String section() {
        return "storeCredit";
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
