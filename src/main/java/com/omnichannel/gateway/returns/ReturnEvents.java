package com.omnichannel.gateway.returns;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.omnichannel.gateway.platform.redis.PubSubRelay;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * Return changes through Redis pub/sub: published after the change commits by whichever instance made it, relayed by
 * every instance to its own subscribers.
 */
@ApplicationScoped
public class ReturnEvents {

    static final String CHANNEL = "return-events";
    private static final Logger LOG = Logger.getLogger(ReturnEvents.class);

    private final PubSubRelay relay;
    private final BroadcastProcessor<Long> changes = BroadcastProcessor.create();

    public ReturnEvents(PubSubRelay relay) {
        this.relay = relay;
    }

    void subscribe(@Observes StartupEvent event) {
        relay.subscribe(CHANNEL, this::relay);
    }

    /** Tells every instance that the return changed; a failure is logged, never failing the change that already committed. */
    Uni<Void> publish(long returnKey) {
        return relay.publish(CHANNEL, Long.toString(returnKey));
    }

    private void relay(String message) {
        try {
            changes.onNext(Long.parseLong(message));
        } catch (RuntimeException e) {
            LOG.debugf("Ignoring malformed return event %s", message);
        }
    }

    Multi<Long> of(long returnKey) {
        return changes.filter(key -> key == returnKey).onOverflow().buffer(256);
    }
}
