package com.omnichannel.gateway.customer;

import com.omnichannel.gateway.platform.db.Db;

import io.smallrye.mutiny.Uni;

/**
 * A domain's part in a customer's privacy rights: what it holds about a customer (for their data export) and how it
 * forgets them (for erasure). Each domain that keeps data about customers implements it as a CDI bean (orders,
 * carts, insights, ...; loyalty and others join by adding one); {@link CustomerPrivacyService} collects them all,
 * so a new domain cannot be left out of an export without leaving out its bean.
 */
public interface CustomerDataContributor {

    /** The key of this domain's part in the export document, e.g. "orders". */
    String section();

    /** Everything this domain holds about the customer, as JSON text (an object or an array), or null for nothing. */
    Uni<String> export(String customerId);

    /**
     * Removes or anonymises the customer's personal data inside the erasure transaction, before the customer row is
     * deleted. Records the business must keep (orders) keep their figures and lose what identifies the person.
     */
    Uni<Void> erase(Db.Tx tx, String customerId);

    /** Forgets state held outside PostgreSQL (Redis); runs before the transaction and must be idempotent. */
    default Uni<Void> eraseOutside(String customerId) {
        return Uni.createFrom().voidItem();
    }
}
