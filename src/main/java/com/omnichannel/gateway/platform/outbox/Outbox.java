package com.omnichannel.gateway.platform.outbox;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.platform.db.Db;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
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

    private final Db db;

    public Outbox(Db db) {
        this.db = db;
    }

    /** The payload version written when an event's payload does not say. */
    public static final int DEFAULT_VERSION = 1;

    // A change whose rules run twice in one transaction (e.g. an order status set through its shipments as well)
    // announces itself once.
    private static final String INSERT = """
            INSERT INTO outbox_event (aggregate_type, aggregate_id, event_type, payload)
            SELECT $1, $2, $3, $4
             WHERE NOT EXISTS (SELECT 1 FROM outbox_event
                                WHERE aggregate_type = $1 AND aggregate_id = $2 AND event_type = $3 AND payload = $4
                                  AND written_in_tx = txid_current())""";

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
     * Appends an event in the caller's transaction; the same event (aggregate, type and payload) appended twice by
     * one transaction is written once.
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

    /**
     * Removes {@code field} from the payloads of events about aggregates other than {@code keptIn} that name
     * {@code value} in it, in the caller's transaction: e.g. an erased customer's id from their orders' events. Events
     * about the {@code keptIn} aggregate type keep it (receivers need it to forget the customer).
     */
    public Uni<Void> removeReference(Db.Tx tx, String field, String value, String keptIn) {
        return tx.query("""
                UPDATE outbox_event SET payload = payload - $1::text
                 WHERE payload @> jsonb_build_object($1::text, $2::text) AND aggregate_type <> $3""",
                Tuple.of(field, value, keptIn)).replaceWithVoid();
    }

    /** An event as stored: {@code id} orders events, {@code eventId} is what receivers de-duplicate by. */
    public record Event(long id, String eventId, String aggregateType, String aggregateId, String eventType,
            JsonObject payload, OffsetDateTime occurredAt) {
    }

    /**
     * Marks up to {@code limit} due events as dispatched, in the caller's transaction, oldest first, and answers them,
     * so the caller hands them on (e.g. to webhook deliveries) in the same transaction. An event is due once its
     * {@code dispatch_after} has passed and, for an event with a coalescing key, {@code coalesceWindow} more (so a
     * burst of changes becomes one event); it waits while an earlier event of its aggregate is not dispatched yet, so
     * an aggregate's events are handed on in order. Events that another transaction is dispatching are skipped.
     */
    public Uni<List<Event>> dispatchDue(Db.Tx tx, int limit, Duration coalesceWindow) {
        return tx.query("""
                WITH due AS (
                    SELECT e.id FROM outbox_event e
                     WHERE e.dispatched_at IS NULL
                       AND e.dispatch_after <= clock_timestamp()
                             - CASE WHEN e.coalesce_key IS NULL THEN interval '0' ELSE make_interval(secs => $2) END
                       AND NOT EXISTS (SELECT 1 FROM outbox_event p
                                        WHERE p.dispatched_at IS NULL AND p.aggregate_type = e.aggregate_type
                                          AND p.aggregate_id = e.aggregate_id AND p.id < e.id)
                     ORDER BY e.id LIMIT $1 FOR UPDATE SKIP LOCKED)
                UPDATE outbox_event e SET dispatched_at = clock_timestamp() FROM due WHERE e.id = due.id
                RETURNING e.id, e.event_id::text AS event_id, e.aggregate_type, e.aggregate_id, e.event_type, e.payload,
                          e.occurred_at""", Tuple.of(limit, coalesceWindow.toMillis() / 1000.0)).map(Outbox::events)
                .map(events -> {
                    events.sort(java.util.Comparator.comparingLong(Event::id));
                    return events;
                });
    }

    /** The events with these ids (in id order); ids without an event are left out. For delivery jobs (background). */
    public Uni<List<Event>> find(List<Long> ids) {
        return db.background().query("""
                SELECT id, event_id::text AS event_id, aggregate_type, aggregate_id, event_type, payload, occurred_at
                  FROM outbox_event WHERE id = ANY($1) ORDER BY id""", Tuple.of(ids.toArray(Long[]::new))).map(Outbox::events);
    }

    private static List<Event> events(RowSet<Row> rows) {
        List<Event> events = new ArrayList<>(rows.size());
        for (Row r : rows) {
            events.add(new Event(r.getLong("id"), r.getString("event_id"), r.getString("aggregate_type"),
                    r.getString("aggregate_id"), r.getString("event_type"), (JsonObject) r.getValue("payload"),
                    r.getOffsetDateTime("occurred_at")));
        }
        return events;
    }

    private static JsonObject versioned(JsonObject payload) {
        JsonObject copy = payload.copy();
        if (!copy.containsKey("version")) {
            copy.put("version", DEFAULT_VERSION);
        }
        return copy;
    }
}
