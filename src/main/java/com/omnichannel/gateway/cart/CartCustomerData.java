package com.omnichannel.gateway.cart;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.customer.CustomerDataContributor;

import io.smallrye.mutiny.Uni;

/** The active cart (Redis) in a customer's data export and erasure. */
@ApplicationScoped
public class CartCustomerData implements CustomerDataContributor {

    private final CartService carts;

    public CartCustomerData(CartService carts) {
        this.carts = carts;
    }

    @Override
    public String section() {
        return "cart";
    }

    @Override
    public Uni<String> export(String customerId) {
        return carts.exportActiveCart(customerId).map(cart -> cart == null ? "null" : cart.encode());
    }

    @Override
    public Uni<Void> erase(Db.Tx tx, String customerId) {
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Void> eraseOutside(String customerId) {
        return carts.dropCustomerCarts(customerId);
    }
}
