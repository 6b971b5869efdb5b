package com.omnichannel.gateway.order;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.omnichannel.gateway.platform.redis.PubSubRelay;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * Order changes through Redis pub/sub: published after the change commits by whichever instance made it, relayed
 * by every instance to its own subscribers (no sticky sessions).
 */
@ApplicationScoped
public class OrderEvents {

    static final String CHANNEL = "order-events";
    private static final Logger LOG = Logger.getLogger(OrderEvents.class);

    /** An order moved to a status. */
    public record OrderChanged(long orderKey, OrderStatus status) {
    }

    private final PubSubRelay relay;
    private final BroadcastProcessor<OrderChanged> changes = BroadcastProcessor.create();

    public OrderEvents(PubSubRelay relay) {
        this.relay = relay;
    }

    void subscribe(@Observes StartupEvent event) {
        relay.subscribe(CHANNEL, this::relay);
    }

    /** Tells every instance; a failure is logged, never failing the change that already committed. */
    public Uni<Void> publish(long orderKey, OrderStatus status) {
        return relay.publish(CHANNEL, orderKey + " " + status.name());
    }

    private void relay(String message) {
        int space = message.indexOf(' ');
        try {
            changes.onNext(new OrderChanged(Long.parseLong(message.substring(0, space)), OrderStatus.valueOf(message.substring(space + 1))));
        } catch (RuntimeException e) {
            LOG.debugf("Ignoring malformed order event %s", message);
        }
    }

    public Multi<OrderChanged> of(long orderKey) {
        return changes.filter(change -> change.orderKey() == orderKey).onOverflow().buffer(256);
    }
}
