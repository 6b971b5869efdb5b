package com.omnichannel.gateway.customer;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.platform.ids.Node;
import com.omnichannel.gateway.platform.ids.NodeLookup;
import com.omnichannel.gateway.platform.security.CallerResolver;

import io.smallrye.mutiny.Uni;

/**
 * node(id) for addresses, which have no lookup of their own: their owner reads them in me.addresses, staff in
 * customer(id).addresses; anyone else gets null, as the address book's mutations answer NOT_FOUND for them.
 */
@ApplicationScoped
public class AddressNodes implements NodeLookup {

    private final CustomerService customers;
    private final CallerResolver callers;

    public AddressNodes(CustomerService customers, CallerResolver callers) {
        this.customers = customers;
        this.callers = callers;
    }

    @Override
    public Set<String> types() {
        return Set.of(CustomerAddress.TYPE);
    }

    @Override
    public Uni<? extends Node> find(String type, String id) {
        return customers.address(callers.current(), id);
    }
}
