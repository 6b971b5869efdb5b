package com.omnichannel.gateway.inventory;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.platform.security.Channel;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/** SQL for stock levels and the stock movement ledger. */
@ApplicationScoped
public class InventoryRepository {

    private static final String LEVEL_COLUMNS = "s.variant_id, s.location_id, s.on_hand, s.reserved, s.low_stock_threshold, s.updated_at";

    private final Db db;

    public InventoryRepository(Db db) {
        this.db = db;
    }

    /** A stock level row as stored. */
    public record StockRow(long variantKey, long locationKey, int onHand, int reserved, Integer threshold,
            OffsetDateTime updatedAt) {
        int available() {
            return onHand - reserved;
        }
    }

    /** A ledger row as stored. */
    public record MovementRow(long id, long variantKey, long locationKey, StockMovementKind kind, int delta,
            int onHandBefore, int onHandAfter, int reservedBefore, int reservedAfter, String reason, String actor,
            Channel channel, String reference, OffsetDateTime createdAt) {
    }

    public Uni<Map<Long, List<StockRow>>> levelsByVariantKeys(Collection<Long> variantKeys) {
        return db.query("SELECT " + LEVEL_COLUMNS + " FROM stock_level s WHERE s.variant_id IN (SELECT batch_keys($1)) ORDER BY s.variant_id, s.location_id",
                Tuple.of(variantKeys.toArray(Long[]::new)))
                .map(rows -> {
                    Map<Long, List<StockRow>> result = new HashMap<>();
                    for (Row row : rows) {
                        StockRow level = level(row);
                        result.computeIfAbsent(level.variantKey(), k -> new ArrayList<>()).add(level);
                    }
                    return result;
                });
    }

    /** Per product: total available units over its active variants, and the number of locations with any. */
    public Uni<Map<Long, int[]>> availabilityByProductKeys(Collection<Long> productKeys) {
        return db.query("""
                SELECT v.product_id,
                       COALESCE(sum(GREATEST(s.on_hand - s.reserved, 0)), 0) AS available,
                       count(DISTINCT s.location_id) FILTER (WHERE s.on_hand > s.reserved) AS locations
                  FROM product_variant v JOIN stock_level s ON s.variant_id = v.id
                 WHERE v.product_id = ANY($1) AND v.active
                 GROUP BY v.product_id""", Tuple.of(productKeys.toArray(Long[]::new)))
                .map(rows -> {
                    Map<Long, int[]> result = new HashMap<>();
                    for (Row row : rows) {
                        result.put(row.getLong("product_id"),
                                new int[] { row.getLong("available").intValue(), row.getLong("locations").intValue() });
                    }
                    return result;
                });
    }

    public Uni<List<StockRow>> lowStock(long locationKey, int defaultThreshold, int limit, int offset) {
        return db.query("SELECT " + LEVEL_COLUMNS + " " + """
                 FROM stock_level s JOIN product_variant v ON v.id = s.variant_id AND v.active
                WHERE s.location_id = $1 AND s.on_hand - s.reserved <= COALESCE(s.low_stock_threshold, $2)
                ORDER BY s.on_hand - s.reserved, s.variant_id LIMIT $3 OFFSET $4""",
                Tuple.of(locationKey, defaultThreshold, limit, offset))
                .map(InventoryRepository::levels);
    }

    public Uni<List<MovementRow>> movements(Long variantKey, Long locationKey, int limit, int offset) {
        return db.query("""
                SELECT id, variant_id, location_id, kind, quantity_delta, on_hand_before, on_hand_after, reserved_before,
                       reserved_after, reason, actor, channel, reference, created_at
                  FROM stock_movement
                 WHERE ($1::bigint IS NULL OR variant_id = $1) AND ($2::bigint IS NULL OR location_id = $2)
                 ORDER BY id DESC LIMIT $3 OFFSET $4""",
                Tuple.from(Arrays.asList(variantKey, locationKey, limit, offset)))
                .map(rows -> {
                    List<MovementRow> result = new ArrayList<>();
                    for (Row row : rows) {
                        result.add(movement(row));
                    }
                    return result;
                });
    }

    // ---- writes (inside a transaction)

    /** Locks the stock level, creating an empty one first when the variant has never been stocked there. */
    public Uni<StockRow> lockLevel(Db.Tx tx, long variantKey, long locationKey) {
        return tx.query("INSERT INTO stock_level (variant_id, location_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                Tuple.of(variantKey, locationKey))
                .chain(() -> tx.query("SELECT " + LEVEL_COLUMNS + " FROM stock_level s WHERE s.variant_id = $1 AND s.location_id = $2 FOR UPDATE",
                        Tuple.of(variantKey, locationKey)))
                .map(rows -> level(rows.iterator().next()));
    }

    public Uni<StockRow> writeLevel(Db.Tx tx, long variantKey, long locationKey, int onHand, int reserved) {
        return tx.query("UPDATE stock_level s SET on_hand = $3, reserved = $4, updated_at = now() WHERE variant_id = $1 AND location_id = $2 RETURNING "
                + LEVEL_COLUMNS, Tuple.of(variantKey, locationKey, onHand, reserved))
                .map(rows -> level(rows.iterator().next()));
    }

    public Uni<StockRow> writeThreshold(Db.Tx tx, long variantKey, long locationKey, Integer threshold) {
        return tx.query("UPDATE stock_level s SET low_stock_threshold = $3, updated_at = now() WHERE variant_id = $1 AND location_id = $2 RETURNING "
                + LEVEL_COLUMNS, Tuple.from(Arrays.asList(variantKey, locationKey, threshold)))
                .map(rows -> level(rows.iterator().next()));
    }

    public Uni<MovementRow> recordMovement(Db.Tx tx, StockRow before, StockRow after, StockMovementKind kind,
            String reason, String actor, Channel channel, String reference) {
        return tx.query("""
                INSERT INTO stock_movement (variant_id, location_id, kind, quantity_delta, on_hand_before, on_hand_after,
                                            reserved_before, reserved_after, reason, actor, channel, reference)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
                RETURNING id, variant_id, location_id, kind, quantity_delta, on_hand_before, on_hand_after, reserved_before,
                          reserved_after, reason, actor, channel, reference, created_at""",
                Tuple.from(Arrays.asList(after.variantKey(), after.locationKey(), kind.name(),
                        after.onHand() - before.onHand(), before.onHand(), after.onHand(), before.reserved(),
                        after.reserved(), reason, actor, channel.name(), reference)))
                .map(rows -> movement(rows.iterator().next()));
    }

    /**
     * Locks the stock levels of the variants (at one location, or everywhere) in (variant, location) order. Every
     * writer that touches several levels locks them in this order, so concurrent checkouts wait for each other
     * instead of deadlocking. (batch_keys, V8: so that PostgreSQL keeps one plan instead of planning every checkout.)
     */
    public Uni<List<StockRow>> lockVariants(Db.Tx tx, Collection<Long> variantKeys, Long locationKey) {
        return tx.query("SELECT " + LEVEL_COLUMNS + " FROM stock_level s WHERE s.variant_id IN (SELECT batch_keys($1)) AND ($2::bigint IS NULL OR s.location_id = $2) "
                + "ORDER BY s.variant_id, s.location_id FOR UPDATE", Tuple.of(variantKeys.toArray(Long[]::new), locationKey))
                .map(InventoryRepository::levels);
    }

    /** Creates the empty levels that do not exist yet (a location receiving a variant it never stocked). */
    public Uni<Void> ensureLevels(Db.Tx tx, List<Long> variantKeys, List<Long> locationKeys) {
        return tx.query("INSERT INTO stock_level (variant_id, location_id) SELECT * FROM unnest($1::bigint[], $2::bigint[]) "
                + "ORDER BY 1, 2 ON CONFLICT DO NOTHING", Tuple.of(variantKeys.toArray(Long[]::new), locationKeys.toArray(Long[]::new)))
                .replaceWithVoid();
    }

    /** Locks the given (variant, location) levels in (variant, location) order. */
    public Uni<List<StockRow>> lockLevels(Db.Tx tx, List<Long> variantKeys, List<Long> locationKeys) {
        return tx.query("SELECT " + LEVEL_COLUMNS + " FROM stock_level s JOIN unnest($1::bigint[], $2::bigint[]) AS x(variant_id, location_id) "
                + "ON s.variant_id = x.variant_id AND s.location_id = x.location_id ORDER BY s.variant_id, s.location_id FOR UPDATE OF s",
                Tuple.of(variantKeys.toArray(Long[]::new), locationKeys.toArray(Long[]::new)))
                .map(InventoryRepository::levels);
    }

    /**
     * Applies on-hand and reserved deltas to levels the transaction has locked (one row per level) and writes one
     * ledger entry per level, in one statement; returns the levels after the change.
     */
    public Uni<List<StockRow>> applyAndRecord(Db.Tx tx, List<Long> variantKeys, List<Long> locationKeys, List<Integer> onHandDeltas,
            List<Integer> reservedDeltas, StockMovementKind kind, String reason, String actor, Channel channel, String reference) {
        return tx.query(APPLY, changes(variantKeys, locationKeys, onHandDeltas, reservedDeltas, kind, reason, actor, channel, reference))
                .map(InventoryRepository::levels);
    }

    /**
     * Like {@link #applyAndRecord}, for levels not locked before, as the transaction's last statement, sent together
     * with its COMMIT: the statement locks the levels itself, in the global lock order, and changes them only if
     * every one has at least its reserved delta available once locked. Otherwise it fails with {@link Db#TOO_FEW_ROWS}
     * and the transaction rolls back. So the levels stay locked only while PostgreSQL runs it and commits.
     */
    public Uni<List<StockRow>> applyWhereAvailableThenCommit(Db.Tx tx, List<Long> variantKeys, List<Long> locationKeys,
            List<Integer> onHandDeltas, List<Integer> reservedDeltas, StockMovementKind kind, String reason, String actor,
            Channel channel, String reference) {
        return tx.queryThenCommit(APPLY_WHERE_AVAILABLE, changes(variantKeys, locationKeys, onHandDeltas, reservedDeltas, kind, reason,
                actor, channel, reference)).map(InventoryRepository::levels);
    }

    private static Tuple changes(List<Long> variantKeys, List<Long> locationKeys, List<Integer> onHandDeltas,
            List<Integer> reservedDeltas, StockMovementKind kind, String reason, String actor, Channel channel, String reference) {
        return Tuple.from(Arrays.asList(variantKeys.toArray(Long[]::new), locationKeys.toArray(Long[]::new),
                onHandDeltas.toArray(Integer[]::new), reservedDeltas.toArray(Integer[]::new), kind.name(), reason, actor,
                channel.name(), reference));
    }

    private static final String APPLY = applyAndRecordSql("", "x", "", "changed");
    /**
     * The levels not locked before are locked first, in the global lock order: the order in which the UPDATE reaches
     * its rows depends on the join PostgreSQL picks, so two of them could otherwise lock the same levels in opposite
     * orders and deadlock. Levels short of the units are not changed, and then the guard fails the statement.
     */
    private static final String APPLY_WHERE_AVAILABLE = applyAndRecordSql("""
                     locked AS MATERIALIZED (
                         SELECT s.variant_id, s.location_id FROM stock_level s
                           JOIN x ON s.variant_id = x.variant_id AND s.location_id = x.location_id
                          ORDER BY s.variant_id, s.location_id FOR UPDATE OF s),
            """, "x JOIN locked ON locked.variant_id = x.variant_id AND locked.location_id = x.location_id",
            " AND s.on_hand - s.reserved >= x.reserved_delta",
            "(SELECT require_row_count(count(*), cardinality($1::bigint[]), 'stock levels') AS ok FROM changed) guard"
                    + " LEFT JOIN changed ON guard.ok");

    private static String applyAndRecordSql(String lock, String levels, String condition, String result) {
        return """
                WITH x AS (SELECT * FROM batch_stock_changes($1::bigint[], $2::bigint[], $3::int[], $4::int[])),
                """ + lock + """
                     changed AS (
                         UPDATE stock_level s SET on_hand = s.on_hand + x.on_hand_delta, reserved = s.reserved + x.reserved_delta,
                                                  updated_at = now()
                           FROM""" + " " + levels + """

                          WHERE s.variant_id = x.variant_id AND s.location_id = x.location_id""" + condition + """

                         RETURNING s.variant_id, s.location_id, s.on_hand, s.reserved, s.low_stock_threshold, s.updated_at,
                                   x.on_hand_delta, x.reserved_delta),
                     ledger AS (
                         -- For reservations and releases the moved quantity is the change of reserved units.
                         INSERT INTO stock_movement (variant_id, location_id, kind, quantity_delta, on_hand_before, on_hand_after,
                                                     reserved_before, reserved_after, reason, actor, channel, reference)
                         SELECT variant_id, location_id, $5,
                                CASE WHEN on_hand_delta <> 0 THEN on_hand_delta ELSE reserved_delta END,
                                on_hand - on_hand_delta, on_hand, reserved - reserved_delta, reserved, $6, $7, $8, $9
                           FROM changed)
                SELECT variant_id, location_id, on_hand, reserved, low_stock_threshold, updated_at
                  FROM""" + " " + result + """

                 ORDER BY variant_id, location_id""";
    }

    // ---- bulk stock sync (POS, WMS)

    /** One item of a bulk stock change as applied: the level before and after, or why it was refused. */
    public record SyncOutcomeRow(int position, Long variantKey, Long locationKey, String refusal, boolean changed,
            StockRow before, StockRow after) {
    }

    /** A bulk stock change's idempotency key as stored: the operation and request hash, and the answer it got. */
    public record SyncRequestRow(String operation, String requestHash, JsonArray result) {
    }

    /**
     * Claims the idempotency key in the transaction and creates the levels that do not exist yet (empty, in lock
     * order). False when another request holds the key: then nothing was written (a concurrent holder was waited for).
     */
    public Uni<Boolean> claimSyncKey(Db.Tx tx, String key, String operation, String requestHash, String actor,
            List<Long> variantKeys, List<Long> locationKeys) {
        return tx.query("""
                WITH claim AS (
                         INSERT INTO stock_sync_request (idempotency_key, operation, request_hash, actor) VALUES ($1, $2, $3, $4)
                         ON CONFLICT (idempotency_key) DO NOTHING RETURNING idempotency_key),
                     created AS (
                         INSERT INTO stock_level (variant_id, location_id)
                         SELECT x.variant_id, x.location_id FROM unnest($5::bigint[], $6::bigint[]) AS x(variant_id, location_id)
                          WHERE EXISTS (SELECT 1 FROM claim)
                            AND NOT EXISTS (SELECT 1 FROM stock_level s WHERE s.variant_id = x.variant_id AND s.location_id = x.location_id)
                          ORDER BY x.variant_id, x.location_id
                         ON CONFLICT DO NOTHING)
                SELECT count(*) AS claimed FROM claim""",
                Tuple.of(key, operation, requestHash, actor, variantKeys.toArray(Long[]::new), locationKeys.toArray(Long[]::new)))
                .map(rows -> rows.iterator().next().getLong("claimed") == 1);
    }

    public Uni<SyncRequestRow> syncRequest(String key) {
        return db.query("SELECT operation, request_hash, result FROM stock_sync_request WHERE idempotency_key = $1", Tuple.of(key))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    Object result = row.getValue("result");
                    return new SyncRequestRow(row.getString("operation"), row.getString("request_hash"),
                            result instanceof JsonArray array ? array : new JsonArray());
                });
    }

    /**
     * Applies a bulk stock change as the transaction's last statement, sent with its COMMIT: locks the levels in the
     * global lock order (variant, location: the order of checkout), then per item compares (compareQuantity), checks
     * the target against zero, the reserved units and the maximum, changes the levels that pass, writes one ledger
     * entry per changed level, and stores the outcome of every item under the idempotency key. Items refused before
     * (a refusal given) are only stored. {@code set} takes quantities as absolute on-hand counts, else as deltas.
     */
    public Uni<List<SyncOutcomeRow>> applySyncThenCommit(Db.Tx tx, String key, boolean set, List<Integer> positions,
            List<Long> variantKeys, List<Long> locationKeys, List<Integer> quantities, List<Integer> compareQuantities,
            List<String> refusals, int maxQuantity, StockMovementKind kind, String reason, String actor, Channel channel,
            String reference) {
        return tx.queryThenCommit(APPLY_SYNC, Tuple.from(Arrays.asList(positions.toArray(Integer[]::new),
                variantKeys.toArray(Long[]::new), locationKeys.toArray(Long[]::new), quantities.toArray(Integer[]::new),
                compareQuantities.toArray(Integer[]::new), refusals.toArray(String[]::new), set, maxQuantity, kind.name(),
                reason, actor, channel.name(), reference, key)))
                .map(rows -> {
                    List<SyncOutcomeRow> result = new ArrayList<>();
                    for (Row row : rows) {
                        result.add(syncOutcome(row.toJson()));
                    }
                    return result;
                });
    }

    /** An item's outcome from the row (or the stored JSON object) of {@link #APPLY_SYNC}. */
    public static SyncOutcomeRow syncOutcome(io.vertx.core.json.JsonObject o) {
        Long variant = o.getLong("variant_id");
        Long location = o.getLong("location_id");
        String refusal = o.getString("refusal");
        StockRow before = null;
        StockRow after = null;
        if (refusal == null) {
            OffsetDateTime at = OffsetDateTime.parse(o.getValue("updated_at").toString());
            OffsetDateTime beforeAt = OffsetDateTime.parse(o.getValue("updated_at_before").toString());
            before = new StockRow(variant, location, o.getInteger("on_hand_before"), o.getInteger("reserved_before"),
                    o.getInteger("low_stock_threshold"), beforeAt);
            after = new StockRow(variant, location, o.getInteger("on_hand"), o.getInteger("reserved"),
                    o.getInteger("low_stock_threshold"), at);
        }
        return new SyncOutcomeRow(o.getInteger("position"), variant, location, refusal,
                Boolean.TRUE.equals(o.getBoolean("changed")), before, after);
    }

    private static final String APPLY_SYNC = """
            WITH x AS (SELECT * FROM unnest($1::int[], $2::bigint[], $3::bigint[], $4::int[], $5::int[], $6::text[])
                                 AS x(position, variant_id, location_id, quantity, compare_quantity, refusal)),
                 locked AS MATERIALIZED (
                     SELECT s.variant_id, s.location_id, s.on_hand, s.reserved, s.low_stock_threshold, s.updated_at
                       FROM stock_level s JOIN x ON s.variant_id = x.variant_id AND s.location_id = x.location_id AND x.refusal IS NULL
                      ORDER BY s.variant_id, s.location_id FOR UPDATE OF s),
                 decided AS MATERIALIZED (
                     SELECT x.position, l.variant_id, l.location_id, l.on_hand, l.reserved, l.low_stock_threshold, l.updated_at, t.target,
                            CASE WHEN x.compare_quantity IS NOT NULL AND x.compare_quantity <> l.on_hand THEN 'COMPARE_QUANTITY_MISMATCH'
                                 WHEN t.target < 0 THEN 'NEGATIVE_STOCK'
                                 WHEN t.target < l.reserved THEN 'BELOW_RESERVED'
                                 WHEN t.target > $8 THEN 'INVALID_QUANTITY' END AS refusal
                       FROM x JOIN locked l ON l.variant_id = x.variant_id AND l.location_id = x.location_id,
                            LATERAL (SELECT CASE WHEN $7 THEN x.quantity::bigint ELSE l.on_hand::bigint + x.quantity END AS target) t),
                 changed AS (
                     UPDATE stock_level s SET on_hand = d.target, updated_at = now()
                       FROM decided d
                      WHERE d.refusal IS NULL AND d.target <> d.on_hand AND s.variant_id = d.variant_id AND s.location_id = d.location_id
                     RETURNING s.variant_id, s.location_id, s.on_hand, s.reserved, s.low_stock_threshold, s.updated_at),
                 ledger AS (
                     INSERT INTO stock_movement (variant_id, location_id, kind, quantity_delta, on_hand_before, on_hand_after,
                                                 reserved_before, reserved_after, reason, actor, channel, reference)
                     SELECT d.variant_id, d.location_id, $9, c.on_hand - d.on_hand, d.on_hand, c.on_hand, d.reserved, c.reserved,
                            $10, $11, $12, $13
                       FROM decided d JOIN changed c ON c.variant_id = d.variant_id AND c.location_id = d.location_id
                      ORDER BY d.position),
                 outcome AS (
                     SELECT x.position, x.variant_id, x.location_id, COALESCE(x.refusal, d.refusal, CASE WHEN d.position IS NULL THEN 'UNKNOWN_VARIANT' END) AS refusal,
                            c.variant_id IS NOT NULL AS changed,
                            d.on_hand AS on_hand_before, d.reserved AS reserved_before, d.updated_at AS updated_at_before,
                            COALESCE(c.on_hand, d.on_hand) AS on_hand, COALESCE(c.reserved, d.reserved) AS reserved,
                            d.low_stock_threshold, COALESCE(c.updated_at, d.updated_at) AS updated_at
                       FROM x LEFT JOIN decided d ON d.position = x.position
                              LEFT JOIN changed c ON c.variant_id = d.variant_id AND c.location_id = d.location_id),
                 stored AS (
                     UPDATE stock_sync_request
                        SET result = (SELECT COALESCE(jsonb_agg(to_jsonb(o) ORDER BY o.position), '[]'::jsonb) FROM outcome o)
                      WHERE idempotency_key = $14)
            SELECT * FROM outcome ORDER BY position""";

    /**
     * Units sold over the counter leave on-hand at once, without a reservation, as the transaction's last statement
     * (sent with its COMMIT): the levels are locked in the global lock order and changed only if every one has the
     * units available (on hand and not reserved for orders); otherwise the statement fails with {@link Db#TOO_FEW_ROWS}
     * and the transaction rolls back. One ledger entry per level.
     */
    public Uni<List<StockRow>> takeWhereAvailableThenCommit(Db.Tx tx, List<Long> variantKeys, List<Long> locationKeys,
            List<Integer> quantities, StockMovementKind kind, String reason, String actor, Channel channel, String reference) {
        List<Integer> onHand = quantities.stream().map(q -> -q).toList();
        List<Integer> reserved = quantities.stream().map(q -> 0).toList();
        return tx.queryThenCommit(TAKE_WHERE_AVAILABLE, changes(variantKeys, locationKeys, onHand, reserved, kind, reason, actor,
                channel, reference)).map(InventoryRepository::levels);
    }

    private static final String TAKE_WHERE_AVAILABLE = applyAndRecordSql("""
                     locked AS MATERIALIZED (
                         SELECT s.variant_id, s.location_id FROM stock_level s
                           JOIN x ON s.variant_id = x.variant_id AND s.location_id = x.location_id
                          ORDER BY s.variant_id, s.location_id FOR UPDATE OF s),
            """, "x JOIN locked ON locked.variant_id = x.variant_id AND locked.location_id = x.location_id",
            " AND s.on_hand - s.reserved >= -x.on_hand_delta",
            "(SELECT require_row_count(count(*), cardinality($1::bigint[]), 'stock levels') AS ok FROM changed) guard"
                    + " LEFT JOIN changed ON guard.ok");

    // ---- mapping

    private static List<StockRow> levels(RowSet<Row> rows) {
        List<StockRow> result = new ArrayList<>();
        for (Row row : rows) {
            result.add(level(row));
        }
        return result;
    }

    private static StockRow level(Row row) {
        return new StockRow(row.getLong("variant_id"), row.getLong("location_id"), row.getInteger("on_hand"),
                row.getInteger("reserved"), row.getInteger("low_stock_threshold"), row.getOffsetDateTime("updated_at"));
    }

    private static MovementRow movement(Row row) {
        return new MovementRow(row.getLong("id"), row.getLong("variant_id"), row.getLong("location_id"),
                StockMovementKind.valueOf(row.getString("kind")), row.getInteger("quantity_delta"),
                row.getInteger("on_hand_before"), row.getInteger("on_hand_after"), row.getInteger("reserved_before"),
                row.getInteger("reserved_after"), row.getString("reason"), row.getString("actor"),
                Channel.valueOf(row.getString("channel")), row.getString("reference"), row.getOffsetDateTime("created_at"));
    }

    /** Attributes every movement of one actor to another (erasure of a person). */
    Uni<Void> renameActor(Db.Tx tx, String actor, String replacement) {
        return tx.query("UPDATE stock_movement SET actor = $2 WHERE actor = $1", Tuple.of(actor, replacement)).replaceWithVoid();
    }
}
