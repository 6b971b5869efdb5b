package com.omnichannel.gateway.cart;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * Relays cart changes from Redis pub/sub to this instance's subscribers. Every change, made through any
 * instance, is published by the change script itself; each instance holds one Redis subscription and fans the
 * events out to its own WebSocket subscribers, so no sticky sessions are needed.
 */
@ApplicationScoped
public class CartEvents {

    private static final Logger LOG = Logger.getLogger(CartEvents.class);

    /** A change of a cart: its id and its new version. */
    public record CartChanged(String cartId, long version) {
    }

    private final ReactiveRedisDataSource redis;
    private final BroadcastProcessor<CartChanged> changes = BroadcastProcessor.create();

    public CartEvents(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    void subscribe(@Observes StartupEvent event) {
        redis.pubsub(String.class).subscribe(CartStore.EVENTS_CHANNEL, this::relay)
                .subscribe().with(subscriber -> LOG.debug("Subscribed to cart events"),
                        failure -> LOG.warn("Cannot subscribe to cart events; cart subscriptions get no updates", failure));
    }

    private void relay(String message) {
        int space = message.indexOf(' ');
        if (space < 0) {
            return;
        }
        try {
            changes.onNext(new CartChanged(message.substring(0, space), Long.parseLong(message.substring(space + 1))));
        } catch (NumberFormatException e) {
            LOG.debugf("Ignoring malformed cart event %s", message);
        }
    }

    /** Changes of one cart from now on. */
    public Multi<CartChanged> of(String cartId) {
        // A subscriber reads the cart after each event; changes arriving meanwhile wait in a buffer.
        return changes.filter(change -> change.cartId().equals(cartId)).onOverflow().buffer(256);
    }
}
