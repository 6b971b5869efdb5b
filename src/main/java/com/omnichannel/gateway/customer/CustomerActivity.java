package com.omnichannel.gateway.customer;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;


import com.omnichannel.gateway.platform.db.BackgroundBatchWriter;
import com.omnichannel.gateway.platform.security.Caller;
import com.omnichannel.gateway.platform.security.Channel;
import com.omnichannel.gateway.platform.security.Role;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;

/**
 * Records what customers do on every channel (product views, cart changes, orders, store visits, sign-ins) without
 * slowing the request that caused it: {@link #record} only queues the event; a timer writes the queue in batches
 * (one statement per batch). Events of callers that are not registered customers are dropped. Should the buffer
 * fill up (the database unreachable for a long time), new events are dropped and counted rather than held without
 * bound; activity is a signal for recommendations and insights, not a ledger.
 */
@ApplicationScoped
public class CustomerActivity {

    record Pending(UUID customerId, CustomerEventKind kind, Channel channel, String subject, OffsetDateTime occurredAt,
            String data) {
    }

    private final BackgroundBatchWriter<Pending> writer;

    public CustomerActivity(CustomerRepository repository, Vertx vertx, MeterRegistry registry,
            CustomerConfig config) {
        this.writer = new BackgroundBatchWriter<>("customer events", "gateway.customer.events", vertx, registry,
                config.activity().flushIntervalMillis(), config.activity().bufferCapacity(), repository::insertEvents);
    }

    void onStart(@Observes StartupEvent event) {
        writer.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        writer.stop();
    }

    /** Queues an event for a customer; returns at once. Ignored for ids that are not customer ids. */
    public void record(String customerId, CustomerEventKind kind, Channel channel, String subject) {
        record(customerId, kind, channel, subject, null);
    }

    public void record(String customerId, CustomerEventKind kind, Channel channel, String subject, JsonObject data) {
        UUID id = parse(customerId);
        if (id == null || kind == null || channel == null) {
            return;
        }
        writer.offer(new Pending(id, kind, channel, subject, OffsetDateTime.now(ZoneOffset.UTC),
                data == null ? "{}" : data.encode()));
    }

    /** Queues an event when the caller is a signed-in customer; a no-op for everyone else. */
    public void recordFor(Caller caller, CustomerEventKind kind, String subject) {
        if (caller != null && caller.hasRole(Role.CUSTOMER)) {
            record(caller.subject(), kind, caller.channel(), subject);
        }
    }

    /** Writes what is queued, in batches; completes with the number of events taken off the queue. */
    public Uni<Integer> flush() {
        return writer.flush();
    }

    private static UUID parse(String id) {
        if (id == null || id.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
