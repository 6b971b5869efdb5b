package com.omnichannel.gateway.returns;

import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.platform.money.Money;
import com.omnichannel.gateway.platform.security.Caller;

import io.smallrye.mutiny.Uni;

/**
 * Pays a refund into a customer's store credit, inside the refund's transaction (so a refused credit rolls the refund
 * back). The store credit domain implements it; until it is installed, {@link NoStoreCredit} refuses such refunds.
 */
public interface StoreCreditRefunds {

    /** Appends {@code amount} to the customer's credit ledger in {@code tx}; {@code reference} names the refund. */
    Uni<Void> credit(Db.Tx tx, Caller caller, String customerId, Money amount, String reason, String reference);

    /** Whether refunds to store credit can be paid at all. */
    default boolean available() {
        return true;
    }
}
