package com.omnichannel.gateway.integration;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.customer.Customer;
import com.omnichannel.gateway.customer.CustomerDataContributor;
import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.platform.outbox.Outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/**
 * Announces an erasure in the erasure's own transaction (customer.erased), so systems that copied the customer can
 * forget them too. The event carries the opaque id only; event payloads never carry personal data, and events about
 * other aggregates (orders) lose the customer's id.
 */
@ApplicationScoped
public class CustomerErasureEvent implements CustomerDataContributor {

    private final Outbox outbox;

    public CustomerErasureEvent(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public String section() {
        return "outboundEvents";
    }

    @Override
    public Uni<String> export(String customerId) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public Uni<Void> erase(Db.Tx tx, String customerId) {
        String id = Customer.globalId(customerId);
        // Order events no longer say whose order it was, as the orders themselves no longer do.
        return outbox.removeReference(tx, "customerId", id, "customer")
                .chain(() -> outbox.append(tx, "customer", id, WebhookEventType.CUSTOMER_ERASED.wireName(),
                        new JsonObject().put("version", 1).put("customerId", id)));
    }
}
