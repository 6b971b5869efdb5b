package com.omnichannel.gateway.reporting.insights;


import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;


import com.omnichannel.gateway.cart.CartCreated;
import com.omnichannel.gateway.platform.db.BackgroundBatchWriter;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Keeps the fact that a cart was created (channel, time, customer or anonymous, kiosk store) in PostgreSQL, where
 * channel insights count carts and their conversion to orders; the carts themselves live in Redis. Like customer
 * activity, creation only queues the fact and a timer writes the queue in batches, so cartCreate does no extra
 * I/O; beyond the buffer, facts are dropped and counted.
 */
@ApplicationScoped
public class CartActivityRecorder {

    private final BackgroundBatchWriter<CartCreated> writer;

    public CartActivityRecorder(InsightsRepository repository, Vertx vertx, MeterRegistry registry,
            InsightsConfig config) {
        this.writer = new BackgroundBatchWriter<>("cart activity facts", "gateway.insights.cart.activity", vertx, registry,
                config.cartActivity().flushIntervalMillis(), config.cartActivity().bufferCapacity(),
                repository::insertCartActivity);
    }

    void onStart(@Observes StartupEvent event) {
        writer.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        writer.stop();
    }

    /** Queues the creation of a cart; returns at once. */
    void cartCreated(@Observes CartCreated created) {
        writer.offer(created);
    }

    /** Writes what is queued; completes with the number of facts taken off the queue. */
    public Uni<Integer> flush() {
        return writer.flush();
    }
}
