package com.omnichannel.gateway.insights;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.omnichannel.gateway.cart.CartCreated;
import com.omnichannel.gateway.platform.db.BackgroundBatchWriter;
import com.omnichannel.gateway.platform.db.Db;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Keeps the fact that a cart was created (channel, time, customer or anonymous, kiosk store) in PostgreSQL, where
 * channel insights count carts and their conversion to orders; the carts themselves live in Redis. Like customer
 * activity, creation only queues the fact and a timer writes the queue in batches, so cartCreate does no extra
 * I/O; beyond the buffer, facts are dropped and counted.
 */
@ApplicationScoped
public class CartActivityRecorder {

    private final Db db;
    private final BackgroundBatchWriter<CartCreated> writer;

    public CartActivityRecorder(Db db, Vertx vertx, MeterRegistry registry,
            @ConfigProperty(name = "app.insights.cart-activity.flush-interval-millis", defaultValue = "500") long flushIntervalMillis,
            @ConfigProperty(name = "app.insights.cart-activity.buffer-capacity", defaultValue = "50000") int capacity) {
        this.db = db;
        this.writer = new BackgroundBatchWriter<>("cart activity facts", "gateway.insights.cart.activity", vertx, registry,
                flushIntervalMillis, capacity, this::write);
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

    private Uni<Void> write(List<CartCreated> batch) {
        // The customer is kept only when registered here (subjects of an external identity provider, and customers
        // erased meanwhile, count as anonymous); a kiosk's store only when it still exists.
        return db.query("""
                INSERT INTO cart_activity (cart_id, channel, customer_id, store_id, created_at)
                SELECT t.cart_id, t.channel, c.id, l.id, t.created_at
                  FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::timestamptz[])
                       AS t(cart_id, channel, customer_id, store_id, created_at)
                  LEFT JOIN customer c ON c.id::text = t.customer_id
                  LEFT JOIN location l ON l.id = t.store_id
                ON CONFLICT (cart_id) DO NOTHING""",
                Tuple.of(batch.stream().map(CartCreated::cartId).toArray(String[]::new),
                        batch.stream().map(c -> c.channel().name()).toArray(String[]::new),
                        batch.stream().map(CartCreated::customerId).toArray(String[]::new),
                        batch.stream().map(CartCreated::storeKey).toArray(Long[]::new),
                        batch.stream().map(CartCreated::createdAt).toArray(OffsetDateTime[]::new)))
                .replaceWithVoid();
    }
}
