package com.omnichannel.gateway.order;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.customer.CustomerDataContributor;

import io.smallrye.mutiny.Uni;

/** Orders in a customer's data export and erasure. */
@ApplicationScoped
public class OrderCustomerData implements CustomerDataContributor {

    private final OrderService orders;

    public OrderCustomerData(OrderService orders) {
        this.orders = orders;
    }

    @Override
    public String section() {
        return "orders";
    }

    @Override
    public Uni<String> export(String customerId) {
        return orders.exportForCustomer(customerId);
    }

    @Override
    public Uni<Void> erase(Db.Tx tx, String customerId) {
        return orders.anonymizeCustomer(tx, customerId);
    }
}
