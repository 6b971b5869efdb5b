package com.omnichannel.gateway.order;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.platform.db.Db;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** SQL for pickups: the ready pickup and curbside shipments at stores, their collection codes and hold times. */
@ApplicationScoped
public class PickupRepository {

    private static final String COLUMNS = """
            p.shipment_id, p.location_id, p.collection_code, p.ready_at, p.collect_by, p.amount_due_minor, p.currency,
            p.closed_at, p.outcome""";

    /** A pickup as stored, with the customers of the orders in it ("" for a guest). */
    public record PickupRow(long shipmentId, long locationId, String collectionCode, OffsetDateTime readyAt,
            OffsetDateTime collectBy, long amountDueMinor, String currency, OffsetDateTime closedAt, PickupOutcome outcome,
            List<String> owners) {

        public boolean open() {
            return closedAt == null;
        }
    }

    private final Db db;

    public PickupRepository(Db db) {
        this.db = db;
    }

    // ---- reads

    /** The shipment of the open pickup with this code at this store, or null. */
    public Uni<Long> openShipmentByCode(long locationId, String code) {
        return db.query("SELECT shipment_id FROM pickup WHERE location_id = $1 AND collection_code = $2 AND closed_at IS NULL",
                Tuple.of(locationId, code)).map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong("shipment_id"));
    }

    /** The pickups of these shipments, with one statement. */
    public Uni<Map<Long, PickupRow>> byShipments(Collection<Long> shipmentKeys) {
        return db.query("SELECT " + COLUMNS + """
                , array(SELECT DISTINCT coalesce(o.customer_id, '') FROM shipment_line sl JOIN order_line l ON l.id = sl.order_line_id
                          JOIN customer_order o ON o.id = l.order_id WHERE sl.shipment_id = p.shipment_id) AS owners
                  FROM pickup p WHERE p.shipment_id IN (SELECT batch_keys($1))""", Tuple.of(shipmentKeys.toArray(Long[]::new)))
                .map(rows -> {
                    Map<Long, PickupRow> result = new HashMap<>();
                    rows.forEach(r -> result.put(r.getLong("shipment_id"), pickup(r)));
                    return result;
                });
    }

    /** For each of these orders its open pickup collected soonest, else its latest closed one; one statement. */
    public Uni<Map<Long, PickupRow>> byOrders(Collection<Long> orderKeys) {
        return db.query("SELECT DISTINCT ON (l.order_id) l.order_id, " + COLUMNS + """
                , ARRAY[coalesce(o.customer_id, '')] AS owners
                  FROM order_line l JOIN customer_order o ON o.id = l.order_id
                  JOIN shipment_line sl ON sl.order_line_id = l.id JOIN pickup p ON p.shipment_id = sl.shipment_id
                 WHERE l.order_id IN (SELECT batch_keys($1))
                 ORDER BY l.order_id, (p.closed_at IS NULL) DESC,
                          CASE WHEN p.closed_at IS NULL THEN p.collect_by END, p.closed_at DESC, p.shipment_id""",
                Tuple.of(orderKeys.toArray(Long[]::new))).map(rows -> {
                    Map<Long, PickupRow> result = new HashMap<>();
                    rows.forEach(r -> result.put(r.getLong("order_id"), pickup(r)));
                    return result;
                });
    }

    /** Orders with an open pickup that was to be collected before the cutoff, oldest first. */
    public Uni<List<Long>> ordersNotCollectedBefore(OffsetDateTime cutoff, int limit) {
        return db.query("""
                SELECT l.order_id, min(p.collect_by) AS collect_by
                  FROM pickup p JOIN shipment_line sl ON sl.shipment_id = p.shipment_id JOIN order_line l ON l.id = sl.order_line_id
                 WHERE p.closed_at IS NULL AND p.collect_by < $1
                 GROUP BY l.order_id ORDER BY min(p.collect_by), l.order_id LIMIT $2""", Tuple.of(cutoff, limit))
                .map(rows -> {
                    List<Long> result = new ArrayList<>();
                    rows.forEach(r -> result.add(r.getLong("order_id")));
                    return result;
                });
    }

    // ---- inside a transaction

    /** The earliest collect-by time of the order's open pickups that were to be collected before the cutoff, or null. */
    public Uni<OffsetDateTime> notCollectedBefore(Db.Tx tx, long orderId, OffsetDateTime cutoff) {
        return tx.query("""
                SELECT min(p.collect_by) AS collect_by
                  FROM pickup p JOIN shipment_line sl ON sl.shipment_id = p.shipment_id JOIN order_line l ON l.id = sl.order_line_id
                 WHERE l.order_id = $1 AND p.closed_at IS NULL AND p.collect_by < $2""", Tuple.of(orderId, cutoff))
                .map(rows -> rows.iterator().next().getOffsetDateTime("collect_by"));
    }

    public Uni<PickupRow> byShipment(Db.Tx tx, long shipmentId) {
        return tx.query("SELECT " + COLUMNS + ", ARRAY[]::text[] AS owners FROM pickup p WHERE p.shipment_id = $1", Tuple.of(shipmentId))
                .map(rows -> rows.size() == 0 ? null : pickup(rows.iterator().next()));
    }

    /**
     * Waits until no other transaction chooses a collection code at this store: the code is then checked and taken
     * without a race. Held until the transaction ends.
     */
    public Uni<Void> lockCodesOfStore(Db.Tx tx, long locationId) {
        return tx.query("SELECT pg_advisory_xact_lock(hashtext('pickup-collection-code'), $1::int)", Tuple.of(locationId))
                .replaceWithVoid();
    }

    /**
     * Opens the pickup of a shipment with the first of the candidate codes that no open pickup at the store has;
     * returns that code, or null when every candidate is taken (nothing is written then).
     */
    public Uni<String> open(Db.Tx tx, long shipmentId, long locationId, List<String> candidates, OffsetDateTime readyAt,
            OffsetDateTime collectBy, long amountDueMinor, String currency) {
        return tx.query("""
                INSERT INTO pickup (shipment_id, location_id, collection_code, ready_at, collect_by, amount_due_minor, currency)
                SELECT $1, $2, c.code, $4, $5, $6, $7 FROM unnest($3::text[]) WITH ORDINALITY AS c(code, n)
                 WHERE NOT EXISTS (SELECT 1 FROM pickup o WHERE o.location_id = $2 AND o.collection_code = c.code AND o.closed_at IS NULL)
                 ORDER BY c.n LIMIT 1
                RETURNING collection_code""", Tuple.from(Arrays.asList(shipmentId, locationId, candidates.toArray(String[]::new),
                        readyAt, collectBy, amountDueMinor, currency)))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("collection_code"));
    }

    /** Closes the open pickups of these shipments. */
    public Uni<Void> close(Db.Tx tx, Collection<Long> shipmentIds, PickupOutcome outcome, OffsetDateTime at) {
        return tx.query("UPDATE pickup SET closed_at = $3, outcome = $2 WHERE shipment_id = ANY($1) AND closed_at IS NULL",
                Tuple.of(shipmentIds.toArray(Long[]::new), outcome.name(), at)).replaceWithVoid();
    }

    private static PickupRow pickup(Row r) {
        String outcome = r.getString("outcome");
        return new PickupRow(r.getLong("shipment_id"), r.getLong("location_id"), r.getString("collection_code"),
                r.getOffsetDateTime("ready_at"), r.getOffsetDateTime("collect_by"), r.getLong("amount_due_minor"),
                r.getString("currency"), r.getOffsetDateTime("closed_at"), outcome == null ? null : PickupOutcome.valueOf(outcome),
                Arrays.asList(r.getArrayOfStrings("owners")));
    }
}
