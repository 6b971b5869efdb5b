package com.omnichannel.gateway.reporting.insights;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.customer.CustomerDataContributor;
import com.omnichannel.gateway.platform.db.Db;

import io.smallrye.mutiny.Uni;

/** The carts a customer created (kept for channel insights) in their data export and erasure. */
@ApplicationScoped
public class CartActivityCustomerData implements CustomerDataContributor {

    private final InsightsRepository repository;

    public CartActivityCustomerData(InsightsRepository repository) {
        this.repository = repository;
    }

    @Override
    public String section() {
        return "cartActivity";
    }

    @Override
    public Uni<String> export(String customerId) {
        return repository.exportCartActivity(customerId);
    }

    /** The facts stay (carts created still count for their channel), without the customer. */
    @Override
    public Uni<Void> erase(Db.Tx tx, String customerId) {
        return repository.forgetCartActivityCustomer(tx, customerId);
    }
}
