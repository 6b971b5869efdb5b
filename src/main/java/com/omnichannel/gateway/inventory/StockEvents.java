package com.omnichannel.gateway.inventory;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.omnichannel.gateway.platform.graphql.PublicDataChanged;
import com.omnichannel.gateway.platform.redis.PubSubRelay;
import com.omnichannel.gateway.inventory.InventoryRepository.StockRow;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Stock level changes through Redis pub/sub: published after the change commits by whichever instance made it,
 * relayed by every instance to its own subscribers (kiosks, product pages, staff low-stock alerts).
 */
@ApplicationScoped
public class StockEvents {

    static final String CHANNEL = "stock-events";
    private static final Logger LOG = Logger.getLogger(StockEvents.class);

    /** A level after a change, and the available quantity before it. */
    public record StockChanged(long variantKey, long locationKey, int onHand, int reserved, Integer threshold,
            int availableBefore, java.time.OffsetDateTime updatedAt) {
        int available() {
            return onHand - reserved;
        }
    }

    private final PubSubRelay relay;
    private final Event<PublicDataChanged> publicDataChanged;
    private final StockLevelCache levelCache;
    private final BroadcastProcessor<StockChanged> changes = BroadcastProcessor.create();

    public StockEvents(PubSubRelay relay, Event<PublicDataChanged> publicDataChanged, StockLevelCache levelCache) {
        this.relay = relay;
        this.publicDataChanged = publicDataChanged;
        this.levelCache = levelCache;
    }

    void subscribe(@Observes StartupEvent event) {
        relay.subscribe(CHANNEL, this::relay, this::missedEvents);
    }

    /** Tells every instance of the levels a committed transaction changed; failures are logged only. */
    void publish(List<StockRow> before, List<StockRow> after) {
        // This instance at once (the caller is told of its change only after this); the others when the event arrives.
        levelCache.changed(after.stream().map(StockRow::variantKey).toList());
        publicDataChanged.fire(PublicDataChanged.here());
        JsonArray levels = new JsonArray();
        for (int i = 0; i < after.size(); i++) {
            StockRow a = after.get(i);
            StockRow b = before.get(i);
            levels.add(new JsonObject().put("v", a.variantKey()).put("l", a.locationKey()).put("onHand", a.onHand())
                    .put("reserved", a.reserved()).put("threshold", a.threshold()).put("before", b.onHand() - b.reserved())
                    .put("at", a.updatedAt().toString()));
        }
        relay.publish(CHANNEL, levels.encode()).subscribe().with(published -> {
        });
    }

    /** Subscribed again after a gap: events published meanwhile never arrived, so no cached level can be trusted. */
    private void missedEvents() {
        levelCache.invalidate();
        publicDataChanged.fire(PublicDataChanged.here());
    }

    private void relay(String message) {
        // Cached catalog answers may show the old levels (availability, stock levels): every instance drops them.
        publicDataChanged.fire(PublicDataChanged.here());
        List<StockChanged> parsed;
        try {
            JsonArray levels = new JsonArray(message);
            parsed = new ArrayList<>(levels.size());
            for (int i = 0; i < levels.size(); i++) {
                JsonObject o = levels.getJsonObject(i);
                parsed.add(new StockChanged(o.getLong("v"), o.getLong("l"), o.getInteger("onHand"), o.getInteger("reserved"),
                        o.getInteger("threshold"), o.getInteger("before"), java.time.OffsetDateTime.parse(o.getString("at"))));
            }
        } catch (RuntimeException e) {
            // Which levels changed is unknown: none of the cached ones can be trusted.
            levelCache.invalidate();
            LOG.debugf("Ignoring malformed stock event %s", message);
            return;
        }
        // Also on the instance that published (it invalidated before answering); a second invalidation costs one load.
        levelCache.changed(parsed.stream().map(StockChanged::variantKey).toList());
        parsed.forEach(changes::onNext);
    }

    /** Every change from now on. */
    Multi<StockChanged> all() {
        // A subscriber takes events one at a time; bursts (an order touching many levels) wait in a buffer.
        return changes.onOverflow().buffer(4096);
    }
}
