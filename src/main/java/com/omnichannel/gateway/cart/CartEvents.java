package com.omnichannel.gateway.cart;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.omnichannel.gateway.platform.redis.PubSubRelay;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * Relays cart changes from Redis pub/sub to this instance's subscribers. Every change, made through any
 * instance, is published by the change script itself; each instance holds one Redis subscription (through the
 * {@link PubSubRelay}) and fans the events out to its own WebSocket subscribers, so no sticky sessions are needed.
 */
@ApplicationScoped
public class CartEvents {

    private static final Logger LOG = Logger.getLogger(CartEvents.class);

    /** A change of a cart: its id and its new version. */
    public record CartChanged(String cartId, long version) {
    }

    private final PubSubRelay relay;
    private final BroadcastProcessor<CartChanged> changes = BroadcastProcessor.create();

    public CartEvents(PubSubRelay relay) {
        this.relay = relay;
    }

    void subscribe(@Observes StartupEvent event) {
        relay.subscribe(CartStore.EVENTS_CHANNEL, this::relay);
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
