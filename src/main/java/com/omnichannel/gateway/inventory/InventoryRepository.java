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
