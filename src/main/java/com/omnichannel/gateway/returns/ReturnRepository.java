package com.omnichannel.gateway.returns;

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

/** Returns, their lines and refunds. */
@ApplicationScoped
public class ReturnRepository {

    private static final String RETURN_COLUMNS = """
            r.id, r.order_id, r.order_number, r.purchase_channel, r.currency, r.customer_id, r.status, r.method,
            r.drop_off_location_id, r.channel, r.received_location_id, r.received_channel, r.received_at, r.goods_refund_minor,
            r.shipping_refund_minor, r.refunded_minor, r.points_taken_back, r.points_forgiven, r.points_returned, r.actor,
            r.exchange_order_line_id, r.exchange_difference_minor, r.exchange_settled_minor,
            r.created_at, r.updated_at,
            (SELECT bool_and(l.received_quantity = l.quantity) FROM return_line l WHERE l.return_id = r.id) AS received_fully""";
    private static final String LINE_COLUMNS = """
            l.id, l.return_id, l.order_line_id, l.sku, l.variant_id, l.quantity, l.reason, l.received_quantity, l.disposition, l.refund_minor, l.held_quantity""";

    private final Db db;

    public ReturnRepository(Db db) {
        this.db = db;
    }

    record ReturnRow(long id, long orderId, String orderNumber, Channel purchaseChannel, String currency, String customerId,
            ReturnStatus status, ReturnMethod method, Long dropOffLocationId, Channel channel, Long receivedLocationId,
            Channel receivedChannel, OffsetDateTime receivedAt, long goodsRefund, long shippingRefund, long refunded,
            long pointsTakenBack, long pointsForgiven, long pointsReturned, String actor, Long exchangeOrderLineId, long exchangeDifference,
            long exchangeSettled, OffsetDateTime createdAt, OffsetDateTime updatedAt, Boolean receivedFully) {
        /** What the returned units and shipping were paid, less what of it paid for an exchange's new item. */
        long suggested() {
            return Math.max(0, goodsRefund + shippingRefund - exchangeSettled);
        }
    }

    record LineRow(long id, long returnId, long orderLineId, String sku, long variantId, int quantity, String reason,
            Integer receivedQuantity, ReturnDisposition disposition, long refund, int heldQuantity) {
    }

    record RefundRow(long id, long returnId, String idempotencyKey, String requestHash, RefundDestination destination,
            long amount, String currency, String actor, Channel channel, OffsetDateTime createdAt) {
    }

    /** Units of an order's lines that its returns hold: asked for (not yet received) or received. */
    record HeldUnits(Map<Long, Integer> held, Map<Long, Integer> received, long receivedGoodsMinor, boolean shippingRefunded) {
    }

    // ---- reads

    Uni<ReturnRow> findById(long id) {
        return db.query("SELECT " + RETURN_COLUMNS + " FROM return_request r WHERE r.id = $1",
                Tuple.of(id)).map(rows -> rows.size() == 0 ? null : returnRow(rows.iterator().next()));
    }

    Uni<Long> orderOf(long returnId) {
        return db.query("SELECT order_id FROM return_request WHERE id = $1", Tuple.of(returnId))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong("order_id"));
    }

    Uni<Map<Long, List<ReturnRow>>> byOrders(Collection<Long> orderKeys) {
        return db.query("SELECT " + RETURN_COLUMNS + " FROM return_request r "
                + "WHERE r.order_id IN (SELECT batch_keys($1)) ORDER BY r.order_id, r.id", Tuple.of(orderKeys.toArray(Long[]::new)))
                .map(rows -> {
                    Map<Long, List<ReturnRow>> result = new HashMap<>();
                    rows.forEach(r -> {
                        ReturnRow row = returnRow(r);
                        result.computeIfAbsent(row.orderId(), k -> new ArrayList<>()).add(row);
                    });
                    return result;
                });
    }

    Uni<List<ReturnRow>> search(ReturnStatus status, Long orderKey, Channel purchaseChannel, Long receivedAt, int limit, int offset) {
        return db.query("SELECT " + RETURN_COLUMNS + " FROM return_request r "
                + "WHERE ($1::text IS NULL OR r.status = $1) AND ($2::bigint IS NULL OR r.order_id = $2) "
                + "AND ($3::text IS NULL OR r.purchase_channel = $3) AND ($4::bigint IS NULL OR r.received_location_id = $4) "
                + "ORDER BY r.created_at DESC, r.id DESC LIMIT $5 OFFSET $6",
                Tuple.from(Arrays.asList(status == null ? null : status.name(), orderKey,
                        purchaseChannel == null ? null : purchaseChannel.name(), receivedAt, limit, offset)))
                .map(rows -> {
                    List<ReturnRow> result = new ArrayList<>();
                    rows.forEach(r -> result.add(returnRow(r)));
                    return result;
                });
    }

    Uni<Map<Long, List<LineRow>>> linesByReturns(Collection<Long> returnKeys) {
        return lines(db::query, returnKeys);
    }

    Uni<Map<Long, List<LineRow>>> linesByReturns(Db.Tx tx, Collection<Long> returnKeys) {
        return lines(tx::query, returnKeys);
    }

    private interface Sql {
        Uni<RowSet<Row>> query(String sql, Tuple args);
    }

    private static Uni<Map<Long, List<LineRow>>> lines(Sql sql, Collection<Long> returnKeys) {
        return sql.query("SELECT " + LINE_COLUMNS + " FROM return_line l "
                + "WHERE l.return_id IN (SELECT batch_keys($1)) ORDER BY l.return_id, l.id", Tuple.of(returnKeys.toArray(Long[]::new)))
                .map(rows -> {
                    Map<Long, List<LineRow>> result = new HashMap<>();
                    rows.forEach(r -> {
                        LineRow line = lineRow(r);
                        result.computeIfAbsent(line.returnId(), k -> new ArrayList<>()).add(line);
                    });
                    return result;
                });
    }

    Uni<Map<Long, List<RefundRow>>> refundsByReturns(Collection<Long> returnKeys) {
        return db.query("SELECT * FROM return_refund WHERE return_id IN (SELECT batch_keys($1)) ORDER BY return_id, id",
                Tuple.of(returnKeys.toArray(Long[]::new))).map(rows -> {
                    Map<Long, List<RefundRow>> result = new HashMap<>();
                    rows.forEach(r -> {
                        RefundRow refund = refundRow(r);
                        result.computeIfAbsent(refund.returnId(), k -> new ArrayList<>()).add(refund);
                    });
                    return result;
                });
    }

    // ---- inside a transaction (the order is locked first)

    Uni<ReturnRow> lock(Db.Tx tx, long id) {
        return tx.query("SELECT " + RETURN_COLUMNS + " FROM return_request r WHERE r.id = $1 "
                + "FOR UPDATE OF r", Tuple.of(id)).map(rows -> rows.size() == 0 ? null : returnRow(rows.iterator().next()));
    }

    /** What the order's other returns hold of its lines. */
    Uni<HeldUnits> heldUnits(Db.Tx tx, long orderKey, long exceptReturn) {
        return tx.query("""
                SELECT l.order_line_id, r.status, l.quantity, l.received_quantity, l.refund_minor, r.shipping_refund_minor
                  FROM return_line l JOIN return_request r ON r.id = l.return_id
                 WHERE r.order_id = $1 AND r.id <> $2 AND r.status IN ('REQUESTED', 'APPROVED', 'RECEIVED', 'CLOSED')""",
                Tuple.of(orderKey, exceptReturn)).map(rows -> {
                    Map<Long, Integer> held = new HashMap<>();
                    Map<Long, Integer> received = new HashMap<>();
                    long goods = 0;
                    boolean shipping = false;
                    for (Row r : rows) {
                        boolean done = !r.getString("status").equals("REQUESTED") && !r.getString("status").equals("APPROVED");
                        int units = done ? r.getInteger("received_quantity") : r.getInteger("quantity");
                        held.merge(r.getLong("order_line_id"), units, Integer::sum);
                        if (done) {
                            received.merge(r.getLong("order_line_id"), units, Integer::sum);
                            goods += r.getLong("refund_minor");
                            shipping |= r.getLong("shipping_refund_minor") > 0;
                        }
                    }
                    return new HeldUnits(held, received, goods, shipping);
                });
    }

    record NewReturn(long orderKey, String orderNumber, Channel purchaseChannel, String customerId, String currency, ReturnStatus status,
            ReturnMethod method, Long dropOff, Channel channel, String actor, long goodsEstimate) {
    }

    Uni<Long> insertReturn(Db.Tx tx, NewReturn r) {
        return tx.query("""
                INSERT INTO return_request (order_id, order_number, purchase_channel, customer_id, currency, status, method,
                                            drop_off_location_id, channel, actor, goods_refund_minor)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id""",
                Tuple.from(Arrays.asList(r.orderKey(), r.orderNumber(), r.purchaseChannel().name(), r.customerId(), r.currency(),
                        r.status().name(), r.method().name(), r.dropOff(), r.channel().name(), r.actor(), r.goodsEstimate())))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    Uni<Void> insertLines(Db.Tx tx, long returnId, List<Long> orderLines, List<Long> variants, List<String> skus, List<Integer> quantities,
            List<String> reasons, List<Long> refunds) {
        return tx.query("""
                INSERT INTO return_line (return_id, order_line_id, variant_id, sku, quantity, reason, refund_minor)
                SELECT $1, * FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::int[], $6::text[], $7::bigint[])""",
                Tuple.from(Arrays.asList(returnId, orderLines.toArray(Long[]::new), variants.toArray(Long[]::new), skus.toArray(String[]::new),
                        quantities.toArray(Integer[]::new), reasons.toArray(String[]::new), refunds.toArray(Long[]::new)))).replaceWithVoid();
    }

    Uni<Void> setStatus(Db.Tx tx, long id, ReturnStatus status) {
        return tx.query("UPDATE return_request SET status = $2, updated_at = now() WHERE id = $1", Tuple.of(id, status.name()))
                .replaceWithVoid();
    }

    record Receipt(long locationKey, Channel channel, List<Long> lineIds, List<Integer> quantities, List<ReturnDisposition> dispositions,
            List<Long> refunds, long goodsRefund, long shippingRefund) {
    }

    Uni<Void> receive(Db.Tx tx, long id, Receipt receipt) {
        return tx.query("""
                WITH lines AS (
                    UPDATE return_line l SET received_quantity = x.quantity, disposition = x.disposition, refund_minor = x.refund,
                           held_quantity = CASE WHEN x.disposition = 'INSPECT' THEN x.quantity ELSE 0 END
                      FROM unnest($2::bigint[], $3::int[], $4::text[], $5::bigint[]) AS x(id, quantity, disposition, refund)
                     WHERE l.id = x.id AND l.return_id = $1
                    RETURNING l.id)
                UPDATE return_request SET status = 'RECEIVED', received_location_id = $6, received_channel = $7, received_at = now(),
                       goods_refund_minor = $8, shipping_refund_minor = $9, updated_at = now()
                 WHERE id = $1 AND (SELECT count(*) FROM lines) = cardinality($2::bigint[])""",
                Tuple.from(Arrays.asList(id, receipt.lineIds().toArray(Long[]::new), receipt.quantities().toArray(Integer[]::new),
                        receipt.dispositions().stream().map(Enum::name).toArray(String[]::new), receipt.refunds().toArray(Long[]::new),
                        receipt.locationKey(), receipt.channel().name(), receipt.goodsRefund(), receipt.shippingRefund())))
                .map(rows -> {
                    if (rows.rowCount() != 1) {
                        throw new IllegalStateException("Return lines changed during receipt");
                    }
                    return null;
                });
    }

    /**
     * Takes units off what lines hold for inspection; a line holding fewer than asked (a rule was bypassed) fails the
     * whole change rather than go below zero.
     */
    Uni<Void> releaseHeld(Db.Tx tx, long returnId, List<Long> lineIds, List<Integer> quantities) {
        return tx.query("""
                UPDATE return_line l SET held_quantity = l.held_quantity - x.quantity
                  FROM unnest($2::bigint[], $3::int[]) AS x(id, quantity)
                 WHERE l.id = x.id AND l.return_id = $1 AND l.held_quantity >= x.quantity""",
                Tuple.of(returnId, lineIds.toArray(Long[]::new), quantities.toArray(Integer[]::new)))
                .map(rows -> {
                    if (rows.rowCount() != lineIds.size()) {
                        throw new IllegalStateException("Return lines changed during an inspection decision");
                    }
                    return null;
                });
    }

    Uni<Void> recordExchange(Db.Tx tx, long id, long orderLineKey, long difference, long settled) {
        return tx.query("UPDATE return_request SET exchange_order_line_id = $2, exchange_difference_minor = $3, exchange_settled_minor = $4 WHERE id = $1",
                Tuple.of(id, orderLineKey, difference, settled)).replaceWithVoid();
    }

    Uni<Void> recordPoints(Db.Tx tx, long id, long takenBack, long forgiven, long givenBack) {
        return tx.query("UPDATE return_request SET points_taken_back = $2, points_forgiven = $3, points_returned = $4 WHERE id = $1",
                Tuple.of(id, takenBack, forgiven, givenBack)).replaceWithVoid();
    }

    Uni<RefundRow> refundByKey(String key) {
        return db.query("SELECT * FROM return_refund WHERE idempotency_key = $1", Tuple.of(key))
                .map(rows -> rows.size() == 0 ? null : refundRow(rows.iterator().next()));
    }

    Uni<RefundRow> refundByKey(Db.Tx tx, String key) {
        return tx.query("SELECT * FROM return_refund WHERE idempotency_key = $1", Tuple.of(key))
                .map(rows -> rows.size() == 0 ? null : refundRow(rows.iterator().next()));
    }

    /** What refunds of the order have paid so far, over all its returns. */
    Uni<Long> refundedOnOrder(Db.Tx tx, long orderKey) {
        return tx.query("SELECT COALESCE(sum(amount_minor), 0)::bigint AS paid FROM return_refund WHERE order_id = $1", Tuple.of(orderKey))
                .map(rows -> rows.iterator().next().getLong("paid"));
    }

    Uni<RefundRow> insertRefund(Db.Tx tx, long returnId, long orderKey, String key, String hash, RefundDestination destination, long amount,
            String currency, String actor, Channel channel) {
        return tx.query("""
                WITH refund AS (
                    INSERT INTO return_refund (return_id, order_id, idempotency_key, request_hash, destination, amount_minor, currency, actor, channel)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *),
                paid AS (UPDATE return_request SET refunded_minor = refunded_minor + $6, updated_at = now() WHERE id = $1)
                SELECT * FROM refund""",
                Tuple.from(Arrays.asList(returnId, orderKey, key, hash, destination.name(), amount, currency, actor, channel.name())))
                .map(rows -> refundRow(rows.iterator().next()));
    }

    // ---- mapping

    private static ReturnRow returnRow(Row r) {
        String receivedChannel = r.getString("received_channel");
        return new ReturnRow(r.getLong("id"), r.getLong("order_id"), r.getString("order_number"), Channel.valueOf(r.getString("purchase_channel")),
                r.getString("currency"), r.getString("customer_id"), ReturnStatus.valueOf(r.getString("status")),
                ReturnMethod.valueOf(r.getString("method")), r.getLong("drop_off_location_id"), Channel.valueOf(r.getString("channel")),
                r.getLong("received_location_id"), receivedChannel == null ? null : Channel.valueOf(receivedChannel),
                r.getOffsetDateTime("received_at"), r.getLong("goods_refund_minor"), r.getLong("shipping_refund_minor"),
                r.getLong("refunded_minor"), r.getLong("points_taken_back"), r.getLong("points_forgiven"), r.getLong("points_returned"),
                r.getString("actor"), r.getLong("exchange_order_line_id"), r.getLong("exchange_difference_minor"),
                r.getLong("exchange_settled_minor"), r.getOffsetDateTime("created_at"), r.getOffsetDateTime("updated_at"), r.getBoolean("received_fully"));
    }

    private static LineRow lineRow(Row r) {
        String disposition = r.getString("disposition");
        return new LineRow(r.getLong("id"), r.getLong("return_id"), r.getLong("order_line_id"), r.getString("sku"), r.getLong("variant_id"),
                r.getInteger("quantity"), r.getString("reason"), r.getInteger("received_quantity"),
                disposition == null ? null : ReturnDisposition.valueOf(disposition), r.getLong("refund_minor"),
                r.getInteger("held_quantity"));
    }

    private static RefundRow refundRow(Row r) {
        return new RefundRow(r.getLong("id"), r.getLong("return_id"), r.getString("idempotency_key"), r.getString("request_hash"),
                RefundDestination.valueOf(r.getString("destination")), r.getLong("amount_minor"), r.getString("currency"),
                r.getString("actor"), Channel.valueOf(r.getString("channel")), r.getOffsetDateTime("created_at"));
    }

    // ---- privacy

    /** A customer's returns with their lines and refunds as one JSON array, oldest first. */
    Uni<String> exportCustomer(String customerId) {
        return db.query("""
                SELECT coalesce(json_agg(to_jsonb(r)
                         || jsonb_build_object(
                              'lines', coalesce((SELECT jsonb_agg(to_jsonb(l) ORDER BY l.id) FROM return_line l
                                                  WHERE l.return_id = r.id), '[]'),
                              'refunds', coalesce((SELECT jsonb_agg(to_jsonb(f) - 'idempotency_key' - 'request_hash' ORDER BY f.id)
                                                    FROM return_refund f WHERE f.return_id = r.id), '[]'))
                         ORDER BY r.created_at, r.id), '[]')::text AS doc
                  FROM return_request r WHERE r.customer_id = $1""", Tuple.of(customerId))
                .map(rows -> rows.iterator().next().getString("doc"));
    }

    /**
     * Erasure: the customer's returns keep their units, amounts and states (accounting, stock) and lose who asked for
     * them: the customer id, the customer as actor, and the reasons they wrote.
     */
    Uni<Void> anonymizeCustomer(Db.Tx tx, String customerId, String replacementActor) {
        return tx.query("""
                WITH changed AS (
                    UPDATE return_request SET customer_id = NULL,
                           actor = CASE WHEN actor = $1 THEN $2 ELSE actor END, updated_at = now()
                     WHERE customer_id = $1
                 RETURNING id),
                reasons AS (
                    UPDATE return_line SET reason = '(erased)' WHERE return_id IN (SELECT id FROM changed))
                SELECT count(*) FROM changed""", Tuple.of(customerId, replacementActor)).replaceWithVoid();
    }
}
