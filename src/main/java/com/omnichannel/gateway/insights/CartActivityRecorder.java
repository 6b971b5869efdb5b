package com.omnichannel.gateway.insights;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.omnichannel.gateway.cart.CartCreated;
import com.omnichannel.gateway.common.db.Db;

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

    private static final Logger LOG = Logger.getLogger(CartActivityRecorder.class);
    static final int MAX_BATCH = 500;

    private final Db db;
    private final Vertx vertx;
    private final long flushIntervalMillis;
    private final int capacity;
    private final ConcurrentLinkedQueue<CartCreated> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean flushing = new AtomicBoolean();
    private final LongAdder dropped = new LongAdder();
    private long timer = -1;

    public CartActivityRecorder(Db db, Vertx vertx, MeterRegistry registry,
            @ConfigProperty(name = "app.insights.cart-activity.flush-interval-millis", defaultValue = "500") long flushIntervalMillis,
            @ConfigProperty(name = "app.insights.cart-activity.buffer-capacity", defaultValue = "50000") int capacity) {
        this.db = db;
        this.vertx = vertx;
        this.flushIntervalMillis = flushIntervalMillis;
        this.capacity = capacity;
        registry.more().counter("gateway.insights.cart.activity.dropped", List.of(), dropped);
    }

    void onStart(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(flushIntervalMillis, id -> flush().subscribe().with(n -> {
        }, e -> LOG.warnf("Writing cart activity failed: %s", e.getMessage())));
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        try {
            flush().await().atMost(java.time.Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.warnf("Cart activity not written at shutdown: %s", e.getMessage());
        }
    }

    /** Queues the creation of a cart; returns at once. */
    void cartCreated(@Observes CartCreated created) {
        if (queued.incrementAndGet() > capacity) {
            queued.decrementAndGet();
            dropped.increment();
            return;
        }
        queue.add(created);
    }

    /** Writes what is queued; completes with the number of facts taken off the queue. */
    public Uni<Integer> flush() {
        if (!flushing.compareAndSet(false, true)) {
            return Uni.createFrom().item(0);
        }
        return writeAll(0).eventually(() -> flushing.set(false));
    }

    private Uni<Integer> writeAll(int written) {
        List<CartCreated> batch = new ArrayList<>();
        CartCreated next;
        while (batch.size() < MAX_BATCH && (next = queue.poll()) != null) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            return Uni.createFrom().item(written);
        }
        queued.addAndGet(-batch.size());
        return write(batch).onFailure().recoverWithItem(e -> {
            LOG.warnf("Dropped %d cart activity facts that could not be written: %s", batch.size(), e.getMessage());
            return null;
        }).chain(() -> writeAll(written + batch.size()));
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
