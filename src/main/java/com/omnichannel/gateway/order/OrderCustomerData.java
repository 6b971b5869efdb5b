package com.omnichannel.gateway.order;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.customer.CustomerDataContributor;
import com.omnichannel.gateway.inventory.InventoryService;
import com.omnichannel.gateway.platform.db.Db;

import io.smallrye.mutiny.Uni;

/** Orders in a customer's data export and erasure. */
@ApplicationScoped
public class OrderCustomerData implements CustomerDataContributor {

    /** Who an erased customer's actions are attributed to in timelines and ledgers. */
    public static final String ERASED_ACTOR = "erased-customer";

    private final OrderRepository repository;
    private final OrderReadRepository reads;
    private final InventoryService inventory;

    public OrderCustomerData(OrderRepository repository, OrderReadRepository reads, InventoryService inventory) {
        this.repository = repository;
        this.reads = reads;
        this.inventory = inventory;
    }

    @Override
    public String section() {
        return "orders";
    }

    /** A customer's orders with lines and timelines as a JSON array. */
    @Override
    public Uni<String> export(String customerId) {
        return reads.exportCustomerOrders(customerId);
    }

    /**
     * Inside the erasure transaction: orders keep their accounting figures and lose the personal fields; timelines
     * and the stock ledger stop naming the customer.
     */
    @Override
    public Uni<Void> erase(Db.Tx tx, String customerId) {
        return repository.anonymizeCustomer(tx, customerId, ERASED_ACTOR)
                .chain(() -> inventory.anonymizeActor(tx, customerId, ERASED_ACTOR));
    }
}
