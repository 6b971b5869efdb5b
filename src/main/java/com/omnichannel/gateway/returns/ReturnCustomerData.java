package com.omnichannel.gateway.returns;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.customer.CustomerDataContributor;
import com.omnichannel.gateway.order.OrderCustomerData;
import com.omnichannel.gateway.platform.db.Db;

import io.smallrye.mutiny.Uni;

/**
 * Returns in a customer's privacy rights: the export holds every return with its lines and refunds; erasure keeps
 * the returns' figures (they belong to the orders' accounting and the stock ledger) and removes who asked for them
 * and the reasons they gave.
 */
@ApplicationScoped
public class ReturnCustomerData implements CustomerDataContributor {

    private final ReturnRepository repository;

    public ReturnCustomerData(ReturnRepository repository) {
        this.repository = repository;
    }

    @Override
    public String section() {
        return "returns";
    }

    @Override
    public Uni<String> export(String customerId) {
        return repository.exportCustomer(customerId);
    }

    @Override
    public Uni<Void> erase(Db.Tx tx, String customerId) {
        return repository.anonymizeCustomer(tx, customerId, OrderCustomerData.ERASED_ACTOR);
    }
}
