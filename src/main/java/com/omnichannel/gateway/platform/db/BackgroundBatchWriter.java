package com.omnichannel.gateway.platform.db;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Writes facts that must not slow the request that produced them (activity events, cart facts): {@link #offer}
 * only queues; a timer writes the queue in batches, one statement per batch. The buffer is bounded: should it fill
 * up (the database unreachable for long), new facts are dropped and counted rather than held without bound. What
 * is queued is written at shutdown too, but a killed instance loses what it had not written yet.
 *
 * <p>Metrics: {@code <metric>.dropped}, {@code <metric>.failed} (counters) and {@code <metric>.queued} (gauge).
 */
public final class BackgroundBatchWriter<T> {

    private static final Logger LOG = Logger.getLogger(BackgroundBatchWriter.class);
    static final int MAX_BATCH = 500;

    private final String what;
    private final Vertx vertx;
    private final long flushIntervalMillis;
    private final int capacity;
    private final Function<List<T>, Uni<Void>> write;
    private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean flushing = new AtomicBoolean();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private long timer = -1;

    /**
     * @param what   what is written, for log lines (e.g. "customer events")
     * @param metric metric name prefix (e.g. "gateway.customer.events")
     * @param write  writes one batch (at most 500 facts)
     */
    public BackgroundBatchWriter(String what, String metric, Vertx vertx, MeterRegistry registry, long flushIntervalMillis,
            int capacity, Function<List<T>, Uni<Void>> write) {
        this.what = what;
        this.vertx = vertx;
        this.flushIntervalMillis = flushIntervalMillis;
        this.capacity = capacity;
        this.write = write;
        registry.more().counter(metric + ".dropped", List.of(), dropped);
        registry.more().counter(metric + ".failed", List.of(), failed);
        registry.gauge(metric + ".queued", queued);
    }

    /** Starts the timer (at application start). */
    public void start() {
        timer = vertx.setPeriodic(flushIntervalMillis, id -> flush().subscribe().with(n -> {
        }, e -> LOG.warnf("Writing %s failed: %s", what, e.getMessage())));
    }

    /** Stops the timer and writes what is queued (at shutdown). */
    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        try {
            flush().await().atMost(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.warnf("%s not written at shutdown: %s", what, e.getMessage());
        }
    }

    /** Queues a fact; returns at once. Dropped (and counted) when the buffer is full. */
    public void offer(T fact) {
        if (queued.incrementAndGet() > capacity) {
            queued.decrementAndGet();
            dropped.increment();
            return;
        }
        queue.add(fact);
    }

    /** Writes what is queued, in batches; completes with the number of facts taken off the queue. */
    public Uni<Integer> flush() {
        if (!flushing.compareAndSet(false, true)) {
            return Uni.createFrom().item(0);
        }
        return writeAll(0).eventually(() -> flushing.set(false));
    }

    private Uni<Integer> writeAll(int written) {
        List<T> batch = new ArrayList<>();
        T next;
        while (batch.size() < MAX_BATCH && (next = queue.poll()) != null) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            return Uni.createFrom().item(written);
        }
        queued.addAndGet(-batch.size());
        return write.apply(batch).onFailure().recoverWithItem(e -> {
            failed.add(batch.size());
            LOG.warnf("Dropped %d %s that could not be written: %s", batch.size(), what, e.getMessage());
            return null;
        }).chain(() -> writeAll(written + batch.size()));
    }
}
