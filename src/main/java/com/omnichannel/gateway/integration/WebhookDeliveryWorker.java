package com.omnichannel.gateway.integration;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.omnichannel.gateway.integration.WebhookRepository.Claimed;
import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.platform.outbox.Outbox;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;

/**
 * Delivers webhooks from every instance. Each round, in short transactions: outbox events whose coalescing window
 * has passed become one delivery per interested subscription (one instance at a time, so deliveries follow event
 * order), then this instance claims due deliveries with a lease ({@code FOR UPDATE SKIP LOCKED}: each delivery is
 * sent by one instance at a time), sends them in parallel and records each outcome. An instance that dies
 * mid-delivery leaves its lease to expire, and the delivery is sent again: at least once, never lost.
 */
@ApplicationScoped
public class WebhookDeliveryWorker {

    private static final Logger LOG = Logger.getLogger(WebhookDeliveryWorker.class);
    private static final int DISPATCH_BATCH = 500;

    private final Db db;
    private final Outbox outbox;
    private final WebhookRepository repository;
    private final WebhookSender sender;
    private final WebhookConfig config;
    private final Vertx vertx;
    private final RetrySchedule schedule;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean stopped;
    private long timer = -1;

    WebhookDeliveryWorker(Db db, Outbox outbox, WebhookRepository repository, WebhookSender sender, WebhookConfig config,
            Vertx vertx) {
        this.db = db;
        this.outbox = outbox;
        this.repository = repository;
        this.sender = sender;
        this.config = config;
        this.vertx = vertx;
        this.schedule = new RetrySchedule(config.retryInitialDelay(), config.retryMaxDelay());
    }

    void onStart(@Observes StartupEvent event) {
        if (config.deliveryEnabled()) {
            timer = vertx.setPeriodic(config.pollInterval().toMillis(), id -> runRounds());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Rounds one after another while they find work (an aggregate's next event is due as soon as one is delivered). */
    private void runRounds() {
        if (stopped || !running.compareAndSet(false, true)) {
            return;
        }
        round().subscribe().with(worked -> {
            running.set(false);
            if (worked) {
                vertx.runOnContext(this::runRounds);
            }
        }, failure -> {
            running.set(false);
            LOG.warnf("Webhook delivery round failed: %s", failure.getMessage());
        });
    }

    /** One round; answers whether it dispatched or sent anything. */
    Uni<Boolean> round() {
        return dispatch().chain(dispatched -> deliver().map(sent -> dispatched > 0 || sent > 0));
    }

    /**
     * Outbox events to deliveries, by one instance at a time (so that no later event overtakes an earlier one). Like
     * all of the worker's statements, counted as background work, not as a request's.
     */
    Uni<Integer> dispatch() {
        Db background = db.background();
        return background.exclusively("webhook-dispatch", () -> background.inTransaction(tx -> outbox.dispatchDue(tx, DISPATCH_BATCH, config.coalesceWindow())
                .chain(events -> repository.fanOut(tx, events).replaceWith(events.size()))), 0);
    }

    Uni<Integer> deliver() {
        return repository.claim(config.batchSize(), config.lease()).chain(claimed -> {
            if (claimed.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            return outbox.find(claimed.stream().map(Claimed::outboxId).distinct().toList()).chain(events -> {
                Map<Long, Outbox.Event> byId = events.stream().collect(Collectors.toMap(Outbox.Event::id, Function.identity()));
                List<Uni<Void>> sends = claimed.stream().map(c -> send(c, byId.get(c.outboxId()))).toList();
                return Uni.join().all(sends).andCollectFailures().replaceWith(claimed.size());
            });
        });
    }

    private Uni<Void> send(Claimed claimed, Outbox.Event event) {
        String body = envelope(event).encode();
        return sender.send(claimed.url(), event.eventId(), event.eventType(), claimed.secret(), body)
                .chain(outcome -> outcome.delivered()
                        ? repository.delivered(claimed, outcome.responseCode(), outcome.durationMs())
                        : repository.failed(claimed, outcome.responseCode(), outcome.durationMs(), outcome.error(),
                                schedule.delayAfter(claimed.attempts(), ThreadLocalRandom.current().nextDouble()), config.maxAge(),
                                config.pauseAfterFailures(), "Paused after " + config.pauseAfterFailures()
                                        + " failed deliveries in a row; the last: " + outcome.error()));
    }

    /** The body of every delivery: the event's identity, type and time around its versioned payload. */
    static JsonObject envelope(Outbox.Event event) {
        return new JsonObject()
                .put("id", event.eventId())
                .put("type", event.eventType())
                .put("version", event.payload().getInteger("version", Outbox.DEFAULT_VERSION))
                .put("occurredAt", event.occurredAt().toInstant().toString())
                .put("aggregate", new JsonObject().put("type", event.aggregateType()).put("id", event.aggregateId()))
                .put("data", event.payload());
    }
}
