package com.omnichannel.gateway.loyalty;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;

/**
 * Expires the points of inactive accounts at a fixed interval on every instance; instances running it at the same
 * time skip each other's locked accounts, and an account expires once (its balance is then zero).
 */
@ApplicationScoped
public class LoyaltyExpiryJob {

    private static final Logger LOG = Logger.getLogger(LoyaltyExpiryJob.class);

    private final LoyaltyService loyalty;
    private final LoyaltyConfig config;
    private final Vertx vertx;
    private final Clock clock;
    private long timer = -1;

    public LoyaltyExpiryJob(LoyaltyService loyalty, LoyaltyConfig config, Vertx vertx, Clock clock) {
        this.loyalty = loyalty;
        this.config = config;
        this.vertx = vertx;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(config.expiryCheckInterval().toMillis(), id -> run(clock).subscribe().with(
                n -> {
                    if (n > 0) {
                        LOG.infof("Expired the points of %d inactive loyalty accounts", n);
                    }
                }, e -> LOG.warnf("Loyalty expiry failed: %s", e.getMessage())));
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** One run as of the clock's now. */
    io.smallrye.mutiny.Uni<Integer> run(Clock now) {
        return loyalty.expireInactive(now.instant());
    }
}
