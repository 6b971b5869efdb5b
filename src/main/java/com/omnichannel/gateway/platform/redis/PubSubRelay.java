package com.omnichannel.gateway.platform.redis;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Redis pub/sub between the instances: what one instance publishes, every instance (itself included) relays to
 * its own listeners, so no sticky sessions are needed.
 * <p>
 * A subscription holds a Redis connection of its own, and the Redis client does not subscribe again when that
 * connection is lost (a Redis restart, a failover, a network cut): the subscription would stay silent for good. So
 * each subscription here watches its connection and, when it ends or cannot be made, subscribes again after a
 * growing pause, until Redis answers. Messages published while no connection was subscribed are lost for good
 * (pub/sub keeps nothing); a listener that must know tells the relay what to do once it is subscribed again.
 * <p>
 * Publishing never fails its caller: the change it announces has already happened, so a failure is logged and
 * the listeners elsewhere fall back on whatever bounds their staleness (a cache's time to live).
 */
@ApplicationScoped
public class PubSubRelay {

    private static final Logger LOG = Logger.getLogger(PubSubRelay.class);

    /** The first pause before subscribing again, doubled after each failed attempt up to {@link #LONGEST_PAUSE}. */
    static final Duration FIRST_PAUSE = Duration.ofMillis(200);
    static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

    private final ReactiveRedisDataSource redis;
    private final Vertx vertx;
    private volatile boolean stopped;

    public PubSubRelay(ReactiveRedisDataSource redis, Vertx vertx) {
        this.redis = redis;
        this.vertx = vertx;
    }

    /**
     * Relays every message of the channel to the listener from now on, for as long as the application runs. Each
     * call holds a connection of the Redis pool ({@code quarkus.redis.max-pool-size}) for itself.
     */
    public void subscribe(String channel, Consumer<String> listener) {
        subscribe(channel, listener, () -> {
        });
    }

    /**
     * Relays every message of the channel to the listener from now on, for as long as the application runs. Each
     * call holds a connection of the Redis pool ({@code quarkus.redis.max-pool-size}) for itself.
     *
     * @param resumed run each time the channel is subscribed again after its subscription was lost or could not be
     *        made: messages may have been published meanwhile that this instance never received
     */
    public void subscribe(String channel, Consumer<String> listener, Runnable resumed) {
        new Subscription(channel, listener, resumed).start(0);
    }

    /** Publishes to every instance; a failure is logged and the returned Uni still succeeds. */
    public Uni<Void> publish(String channel, String message) {
        return redis.execute("PUBLISH", channel, message).replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("Cannot publish on %s; instances that missed it catch up when their caches expire: %s",
                            channel, failure.toString());
                    return null;
                });
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
    }

    /** One channel's subscription, made again whenever its connection is gone. */
    private final class Subscription {

        private final String channel;
        private final Consumer<String> listener;
        private final Runnable resumed;

        Subscription(String channel, Consumer<String> listener, Runnable resumed) {
            this.channel = channel;
            this.listener = listener;
            this.resumed = resumed;
        }

        /**
         * Subscribes on a new connection.
         *
         * @param failures how many attempts failed or ended since the last subscription that held: zero on the
         *        very first attempt
         */
        void start(int failures) {
            if (stopped) {
                return;
            }
            // Set once per connection: its end and its failure to subscribe may both be reported.
            AtomicBoolean over = new AtomicBoolean();
            ReactivePubSubCommands<String> pubsub = redis.pubsub(String.class);
            // A failure reported on the connection is followed by its end if it broke it: the end alone starts anew.
            pubsub.subscribe(channel, this::relay, () -> lost(over),
                    failure -> LOG.debugf("The subscription to %s reported %s", channel, failure))
                    .subscribe().with(subscribed -> {
                        if (failures > 0) {
                            LOG.infof("Subscribed to %s again", channel);
                            resumed.run();
                        } else {
                            LOG.debugf("Subscribed to %s", channel);
                        }
                    }, failure -> {
                        if (over.compareAndSet(false, true)) {
                            if (failures == 0) {
                                LOG.warnf("Cannot subscribe to %s; trying again until Redis answers: %s", channel, failure.toString());
                            }
                            retry(failures + 1);
                        }
                    });
        }

        private void relay(String message) {
            try {
                listener.accept(message);
            } catch (RuntimeException e) {
                // Other instances (and older versions) publish here too: one bad message must not end the relay.
                LOG.warnf(e, "A listener of %s failed on a message", channel);
            }
        }

        /** The connection ended: this subscription is gone, a new one is made. */
        private void lost(AtomicBoolean over) {
            if (stopped || !over.compareAndSet(false, true)) {
                return;
            }
            LOG.warnf("Lost the subscription to %s; subscribing again", channel);
            retry(1);
        }

        private void retry(int failures) {
            if (stopped) {
                return;
            }
            long pause = Math.min(LONGEST_PAUSE.toMillis(), FIRST_PAUSE.toMillis() << Math.min(failures - 1, 10));
            vertx.setTimer(pause, timer -> start(failures));
        }
    }
}
