package com.omnichannel.gateway.platform.redis;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.mutiny.redis.client.Command;

/**
 * Redis pub/sub between the instances: what one instance publishes, every instance (itself included) relays to
 * its own listeners, so no sticky sessions are needed.
 * <p>
 * All channels share one connection of their own (taken once from the Redis pool: subscribers never starve the
 * commands of requests). The Redis client does not subscribe again when that connection is lost (a Redis restart,
 * a failover, a network cut), so the relay watches it and, when it ends or cannot be made, connects and subscribes
 * to every channel again after a growing pause, until Redis answers; on a Redis Cluster the new connection goes
 * to any master that answers, and a plain SUBSCRIBE there receives what is published on every shard. (Sharded
 * pub/sub would not fit: a cart's Lua script publishes from the cart's shard, and SPUBLISH inside a script must
 * name a channel of the script's own slot.) Messages published while no connection was subscribed are lost for
 * good (pub/sub keeps nothing); a listener that must know tells the relay what to do once it is subscribed again.
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

    /** A listener of one channel and what it does after a gap. */
    private record Listener(Consumer<String> onMessage, Runnable resumed) {
    }

    private final ReactiveRedisDataSource redis;
    private final Vertx vertx;
    private final Map<String, List<Listener>> channels = new ConcurrentHashMap<>();
    /** The subscribed connection, or null while (re)connecting. */
    private volatile RedisConnection connection;
    private volatile boolean connecting;
    private volatile boolean stopped;

    public PubSubRelay(ReactiveRedisDataSource redis, Vertx vertx) {
        this.redis = redis;
        this.vertx = vertx;
    }

    /** Relays every message of the channel to the listener from now on, for as long as the application runs. */
    public void subscribe(String channel, Consumer<String> listener) {
        subscribe(channel, listener, () -> {
        });
    }

    /**
     * Relays every message of the channel to the listener from now on, for as long as the application runs.
     *
     * @param resumed run each time the channel is subscribed again after its subscription was lost or could not be
     *        made: messages may have been published meanwhile that this instance never received
     */
    public void subscribe(String channel, Consumer<String> listener, Runnable resumed) {
        boolean first = !channels.containsKey(channel);
        channels.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(new Listener(listener, resumed));
        vertx.runOnContext(v -> {
            RedisConnection subscribed = connection;
            if (subscribed != null && first) {
                subscribed.send(Request.cmd(Command.SUBSCRIBE).arg(channel)).subscribe().with(ok -> {
                }, failure -> lost(subscribed, failure));
            } else if (subscribed == null && !connecting) {
                connect(0);
            }
        });
    }

    /** Whether every channel is subscribed right now (false while the relay subscribes again). */
    public boolean subscribed() {
        return connection != null;
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
        RedisConnection subscribed = connection;
        connection = null;
        if (subscribed != null) {
            subscribed.close().subscribe().with(v -> {
            }, failure -> {
            });
        }
    }

    /**
     * Connects and subscribes to every channel.
     *
     * @param failures how many attempts failed or ended since the last subscription that held: zero on the very
     *        first attempt
     */
    private void connect(int failures) {
        if (stopped) {
            return;
        }
        connecting = true;
        redis.getRedis().connect().subscribe().with(made -> {
            made.handler(this::relay);
            made.exceptionHandler(failure -> lost(made, failure));
            made.endHandler(() -> lost(made, null));
            List<String> names = List.copyOf(channels.keySet());
            Request subscribe = Request.cmd(Command.SUBSCRIBE);
            names.forEach(subscribe::arg);
            made.send(subscribe).subscribe().with(ok -> {
                connection = made;
                connecting = false;
                // Channels added while this connection was being made.
                channels.keySet().stream().filter(name -> !names.contains(name)).forEach(name -> made
                        .send(Request.cmd(Command.SUBSCRIBE).arg(name)).subscribe().with(added -> {
                        }, failure -> lost(made, failure)));
                if (failures > 0) {
                    LOG.infof("Subscribed to %s again", channels.keySet());
                    channels.values().forEach(listeners -> listeners.forEach(l -> l.resumed().run()));
                } else {
                    LOG.debugf("Subscribed to %s", channels.keySet());
                }
            }, failure -> {
                made.close().subscribe().with(v -> {
                }, ignored -> {
                });
                failed(failures, failure);
            });
        }, failure -> failed(failures, failure));
    }

    private void failed(int failures, Throwable failure) {
        if (failures <= 1 && !stopped) {
            LOG.warnf("Cannot subscribe to %s; trying again until Redis answers: %s", channels.keySet(), failure.toString());
        }
        retry(failures + 1);
    }

    /** Connects again after a pause that grows with the number of failures (at least one). */
    private void retry(int failures) {
        connecting = true;
        long pause = Math.min(LONGEST_PAUSE.toMillis(), FIRST_PAUSE.toMillis() << Math.min(failures - 1, 10));
        vertx.setTimer(pause, timer -> connect(failures));
    }

    /** The subscribed connection ended or failed: every channel is subscribed again on a new connection. */
    private synchronized void lost(RedisConnection gone, Throwable failure) {
        if (connection != gone || stopped) {
            return;
        }
        connection = null;
        // INFO: this also happens when the application stops; if subscribing again fails, that is a WARN.
        LOG.infof("Lost the subscription to %s (%s); subscribing again", channels.keySet(),
                failure == null ? "connection closed" : failure.toString());
        gone.close().subscribe().with(v -> {
        }, ignored -> {
        });
        retry(1);
    }

    /** A pushed message: {@code message <channel> <payload>}; confirmations of subscriptions are not relayed. */
    private void relay(Response push) {
        if (push.size() < 3 || !"message".equals(push.get(0).toString())) {
            return;
        }
        String channel = push.get(1).toString();
        String message = push.get(2).toString();
        for (Listener listener : channels.getOrDefault(channel, List.of())) {
            try {
                listener.onMessage().accept(message);
            } catch (RuntimeException e) {
                // Other instances (and older versions) publish here too: one bad message must not end the relay.
                LOG.warnf(e, "A listener of %s failed on a message", channel);
            }
        }
    }
}
