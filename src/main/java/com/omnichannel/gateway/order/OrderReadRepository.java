package com.omnichannel.gateway.order;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.cart.FulfilmentType;
import com.omnichannel.gateway.order.OrderRows.LineRow;
import com.omnichannel.gateway.order.OrderRows.OrderRow;
import com.omnichannel.gateway.order.OrderRows.OrderWithContents;
import com.omnichannel.gateway.order.OrderRows.ShipmentRow;
import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.platform.security.Channel;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reads of orders beside the batch reads of {@link OrderRepository}: a customer's order history with its lines and
 * shipments in one statement, what returns need of an order's lines inside their transaction, and a customer's
 * orders for the privacy export. Writes stay in {@link OrderRepository}, the tables' owner.
 */
@ApplicationScoped
class OrderReadRepository {

    private final Db db;

    OrderReadRepository(Db db) {
        this.db = db;
    }

    /**
     * Per line of the order: units in shipments that reached the customer (delivered or picked up) and when the last
     * of them did (a finished shipment is not changed again, so its last update is its hand-over).
     */
    Uni<Map<Long, HandedOver>> handedOver(Db.Tx tx, long orderKey) {
        return tx.query("""
                SELECT sl.order_line_id, sum(sl.quantity)::int AS units, max(s.updated_at) AS at
                  FROM shipment_line sl JOIN shipment s ON s.id = sl.shipment_id JOIN order_line l ON l.id = sl.order_line_id
                 WHERE l.order_id = $1 AND s.status IN ('DELIVERED', 'PICKED_UP')
                 GROUP BY sl.order_line_id""", Tuple.of(orderKey)).map(rows -> {
                    Map<Long, HandedOver> result = new HashMap<>();
                    rows.forEach(r -> result.put(r.getLong("order_line_id"), new HandedOver(r.getInteger("units"), r.getOffsetDateTime("at"))));
                    return result;
                });
    }

    record HandedOver(int units, OffsetDateTime at) {
    }

    /**
     * A page of a customer's orders (newest first) with, when asked for, each order's lines and shipments aggregated
     * into the same row: one statement where the order page and its batches took three. Each list is ordered as the
     * batch reads order theirs, so answers are the same either way; timestamps travel as epoch microseconds, which
     * map to the same values the row decoder gives.
     */
    Uni<List<OrderWithContents>> customerOrdersWithContents(String customerId, int limit, int offset, boolean lines,
            boolean shipments) {
        StringBuilder sql = new StringBuilder("SELECT ").append(OrderRepository.ORDER_COLUMNS);
        if (lines) {
            sql.append("""
                    , coalesce((SELECT json_agg(json_build_array(l.id, l.position, l.variant_id, l.sku, l.product_name,
                                  l.variant_title, l.quantity, l.unit_price_minor, l.discount_minor, l.tax_minor, l.total_minor,
                                  l.channel) ORDER BY l.position)
                                  FROM order_line l WHERE l.order_id = o.id), '[]') AS contents_lines""");
        }
        if (shipments) {
            sql.append("""
                    , coalesce((SELECT json_agg(json_build_array(s.id, s.location_id, s.fulfilment_type, s.status, s.carrier,
                                  s.tracking_number, (extract(epoch FROM s.created_at) * 1000000)::bigint,
                                  (extract(epoch FROM s.updated_at) * 1000000)::bigint) ORDER BY s.id)
                                  FROM shipment s WHERE s.id IN (SELECT sl.shipment_id FROM order_line sol
                                       JOIN shipment_line sl ON sl.order_line_id = sol.id WHERE sol.order_id = o.id)), '[]') AS contents_shipments""");
        }
        sql.append("""

                  FROM customer_order o WHERE o.customer_id = $1 ORDER BY o.placed_at DESC, o.id DESC LIMIT $2 OFFSET $3""");
        return db.query(sql.toString(), Tuple.of(customerId, limit, offset)).map(rows -> {
            List<OrderWithContents> result = new ArrayList<>();
            for (Row row : rows) {
                OrderRow order = OrderRepository.order(row);
                result.add(new OrderWithContents(order, lines ? lines(order.id(), row.getJsonArray("contents_lines")) : null,
                        shipments ? shipments(row.getJsonArray("contents_shipments")) : null));
            }
            return result;
        });
    }

    private static List<LineRow> lines(long orderId, JsonArray rows) {
        List<LineRow> result = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            JsonArray l = rows.getJsonArray(i);
            result.add(new LineRow(l.getLong(0), orderId, l.getInteger(1), l.getLong(2), l.getString(3), l.getString(4),
                    l.getString(5), l.getInteger(6), l.getLong(7), l.getLong(8), l.getLong(9), l.getLong(10),
                    Channel.valueOf(l.getString(11))));
        }
        return result;
    }

    private static List<ShipmentRow> shipments(JsonArray rows) {
        List<ShipmentRow> result = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            JsonArray s = rows.getJsonArray(i);
            result.add(new ShipmentRow(s.getLong(0), s.getLong(1), FulfilmentType.valueOf(s.getString(2)),
                    ShipmentStatus.valueOf(s.getString(3)), s.getString(4), s.getString(5), epochMicros(s.getLong(6)),
                    epochMicros(s.getLong(7))));
        }
        return result;
    }

    private static OffsetDateTime epochMicros(Long micros) {
        return micros == null ? null : OffsetDateTime.ofInstant(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    /** Lines of one order, inside a transaction. */
    Uni<List<LineRow>> lines(Db.Tx tx, long orderKey) {
        return tx.query("SELECT " + OrderRepository.LINE_COLUMNS + " FROM order_line l WHERE l.order_id = $1 ORDER BY l.position", Tuple.of(orderKey))
                .map(rows -> {
                    List<LineRow> result = new ArrayList<>();
                    rows.forEach(r -> result.add(OrderRepository.line(r)));
                    return result;
                });
    }

    /**
     * A customer's orders with their lines and timeline as one JSON array, every stored field included (payment
     * references and idempotency data left out), oldest first.
     */
    Uni<String> exportCustomerOrders(String customerId) {
        return db.query("""
                SELECT coalesce(json_agg(to_jsonb(o) - 'payment_reference' - 'idempotency_key' - 'request_hash'
                         || jsonb_build_object(
                              'lines', coalesce((SELECT jsonb_agg(to_jsonb(l) ORDER BY l.position) FROM order_line l
                                                  WHERE l.order_id = o.id), '[]'),
                              'timeline', coalesce((SELECT jsonb_agg(to_jsonb(e) ORDER BY e.id) FROM order_event e
                                                     WHERE e.order_id = o.id), '[]'))
                         ORDER BY o.placed_at, o.id), '[]')::text AS doc
                  FROM customer_order o WHERE o.customer_id = $1""", Tuple.of(customerId))
                .map(rows -> rows.iterator().next().getString("doc"));
    }

}
