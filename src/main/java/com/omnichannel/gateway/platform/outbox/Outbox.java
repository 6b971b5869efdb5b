package com.omnichannel.gateway.platform.outbox;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.platform.db.Db;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The writer of the transactional outbox: a service appends the event describing its change inside the
 * transaction of that change, so the event commits or rolls back with it. Deliveries (webhooks) read the table
 * afterwards; nothing here knows who receives events.
 *
 * <p>Every payload gets the event's {@code version} when it has none, so receivers can tell shapes apart.
 */
@ApplicationScoped
public class Outbox {

    /** The payload version written when an event's payload does not say. */
    public static final int DEFAULT_VERSION = 1;

    private static final String INSERT = """
            INSERT INTO outbox_event (aggregate_type, aggregate_id, event_type, payload)
            VALUES ($1, $2, $3, $4)""";

    // A pending event with the same key takes the new state in place; otherwise (none, or it is being dispatched
    // right now and so locked) a new one is written. The stock level's own row lock serialises its writers.
    private static final String COALESCE = """
            WITH updated AS (
                UPDATE outbox_event SET payload = $4, occurred_at = clock_timestamp()
                 WHERE coalesce_key = $5 AND dispatched_at IS NULL
                RETURNING id)
            INSERT INTO outbox_event (aggregate_type, aggregate_id, event_type, payload, coalesce_key, dispatch_after)
            SELECT $1, $2, $3, $4, $5, clock_timestamp() + make_interval(secs => $6)
             WHERE NOT EXISTS (SELECT 1 FROM updated)""";

    /**
     * Appends an event in the caller's transaction.
     *
     * @param aggregateType what the event is about, e.g. {@code order}
     * @param aggregateId   the public (opaque) id of that thing; events of one aggregate are delivered in order
     * @param eventType     e.g. {@code order.placed}
     * @param payload       the documented JSON shape of the event type
     */
    public Uni<Void> append(Db.Tx tx, String aggregateType, String aggregateId, String eventType, JsonObject payload) {
        return tx.query(INSERT, Tuple.of(aggregateType, aggregateId, eventType, versioned(payload))).replaceWithVoid();
    }

    /**
     * Appends an event that replaces the still undelivered one with the same {@code coalesceKey} (e.g. a stock
     * level's latest quantities): receivers get the latest state once per {@code window} rather than every step.
     */
    public Uni<Void> appendCoalesced(Db.Tx tx, String aggregateType, String aggregateId, String eventType,
            JsonObject payload, String coalesceKey, Duration window) {
        return tx.query(COALESCE, Tuple.of(aggregateType, aggregateId, eventType, versioned(payload))
                .addString(coalesceKey).addDouble(window.toMillis() / 1000.0)).replaceWithVoid();
    }

    private static JsonObject versioned(JsonObject payload) {
        JsonObject copy = payload.copy();
        if (!copy.containsKey("version")) {
            copy.put("version", DEFAULT_VERSION);
        }
        return copy;
    }
}
