package com.omnichannel.gateway.order;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.platform.security.Caller;
import com.omnichannel.gateway.platform.security.Channel;
import com.omnichannel.gateway.platform.security.Role;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Cancels pickups nobody collected: once a pickup's collect-by time plus the grace period has passed, its order is
 * cancelled, its units go back to stock and its payment is voided or refunded, with the reason on the timeline.
 * Every instance schedules the job; one at a time runs it (an advisory lock in PostgreSQL), and each order is
 * checked again under its lock, so an order is cancelled once and a hand-over that came first wins.
 */
@ApplicationScoped
public class PickupExpiryJob {

    /** Who the timeline names for these cancellations. */
    static final Caller SYSTEM = new Caller("system:pickup-expiry", Set.of(Role.STAFF), Channel.STAFF, null);
    private static final Logger LOG = Logger.getLogger(PickupExpiryJob.class);
    private static final String LOCK = "pickup-expiry-job";
    private static final int BATCH = 200;

    private final PickupRepository pickups;
    private final OrderLifecycle lifecycle;
    private final PickupConfig config;
    private final Db db;
    private final Vertx vertx;
    private final Clock clock;
    private long timer = -1;

    PickupExpiryJob(PickupRepository pickups, OrderLifecycle lifecycle, PickupConfig config, Db db, Vertx vertx, Clock clock) {
        this.pickups = pickups;
        this.lifecycle = lifecycle;
        this.config = config;
        this.db = db;
        this.vertx = vertx;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(config.expiryCheckInterval().toMillis(), id -> run(clock.instant()).subscribe().with(
                n -> {
                    if (n > 0) {
                        LOG.infof("Cancelled %d orders whose pickups were not collected", n);
                    }
                }, e -> LOG.warnf("Pickup expiry failed: %s", e.getMessage())));
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** One run as of {@code now}: the number of orders it cancelled (0 when another instance is running it). */
    public Uni<Integer> run(Instant now) {
        OffsetDateTime cutoff = now.minus(config.gracePeriod()).atOffset(ZoneOffset.UTC);
        return db.exclusively(LOCK, () -> pickups.ordersNotCollectedBefore(cutoff, BATCH).chain(orderIds -> cancelEach(orderIds, cutoff)), 0);
    }

    private Uni<Integer> cancelEach(List<Long> orderIds, OffsetDateTime cutoff) {
        return Multi.createFrom().iterable(orderIds)
                .onItem().transformToUniAndConcatenate(key -> lifecycle.cancelUncollected(SYSTEM, key, cutoff)
                        .map(payload -> payload.order() != null ? 1 : 0)
                        .onFailure().recoverWithItem(e -> {
                            LOG.warnf("Could not cancel uncollected order %d: %s", key, e.getMessage());
                            return 0;
                        }))
                .collect().asList().map(cancelled -> cancelled.stream().mapToInt(Integer::intValue).sum());
    }
}
