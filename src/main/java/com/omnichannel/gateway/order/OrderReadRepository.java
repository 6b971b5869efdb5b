package com.omnichannel.gateway.order;

import java.time.OffsetDateTime;
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
import com.omnichannel.gateway.platform.db.Columns;
import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.platform.security.Channel;

import io.smallrye.mutiny.Uni;
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

    /** Columns of the line and shipment rows of {@link #customerOrdersWithContents}, typed where the union takes its types. */
    private static final String CONTENT_COLUMNS = """
            NULL::bigint AS line_id, NULL::int AS line_position, NULL::bigint AS line_variant_id, NULL::text AS line_sku,
            NULL::text AS line_product_name, NULL::text AS line_variant_title, NULL::int AS line_quantity,
            NULL::bigint AS line_unit_price_minor, NULL::bigint AS line_discount_minor, NULL::bigint AS line_tax_minor,
            NULL::bigint AS line_total_minor, NULL::text AS line_channel, NULL::bigint AS shipment_id,
            NULL::bigint AS shipment_location_id, NULL::text AS shipment_fulfilment_type, NULL::text AS shipment_status,
            NULL::text AS shipment_carrier, NULL::text AS shipment_tracking_number, NULL::timestamptz AS shipment_created_at,
            NULL::timestamptz AS shipment_updated_at""";
    private static final int ORDER_COLUMN_COUNT = OrderRepository.ORDER_COLUMNS.split(",").length;
    private static final int LINE_COLUMN_COUNT = 12;
    private static final int SHIPMENT_COLUMN_COUNT = 8;

    /**
     * The statement of {@link #customerOrdersWithContents} for each choice of contents (index: lines 1, shipments 2),
     * made once: built for every request, a new text of 3 KB was also hashed again by the prepared statement cache
     * (1.5 % of an order history's CPU).
     */
    private static final String[] ORDERS_WITH_CONTENTS = {ordersWithContents(false, false), ordersWithContents(true, false),
            ordersWithContents(false, true), ordersWithContents(true, true)};

    private static String ordersWithContents(boolean lines, boolean shipments) {
        String orderNulls = ", NULL".repeat(ORDER_COLUMN_COUNT);
        StringBuilder sql = new StringBuilder("WITH page AS (SELECT ").append(OrderRepository.ORDER_COLUMNS).append("""

                  FROM customer_order o WHERE o.customer_id = $1 ORDER BY o.placed_at DESC, o.id DESC LIMIT $2 OFFSET $3)
                SELECT 0 AS part, o.id AS owner, o.*,\s""").append(CONTENT_COLUMNS).append(" FROM page o");
        if (lines) {
            sql.append("\nUNION ALL SELECT 1, l.order_id").append(orderNulls).append("""
                    , l.id, l.position, l.variant_id, l.sku, l.product_name, l.variant_title, l.quantity, l.unit_price_minor,
                      l.discount_minor, l.tax_minor, l.total_minor, l.channel""").append(", NULL".repeat(SHIPMENT_COLUMN_COUNT))
                    .append(" FROM order_line l WHERE l.order_id IN (SELECT id FROM page)");
        }
        if (shipments) {
            sql.append("\nUNION ALL SELECT 2, x.order_id").append(orderNulls).append(", NULL".repeat(LINE_COLUMN_COUNT)).append("""
                    , s.id, s.location_id, s.fulfilment_type, s.status, s.carrier, s.tracking_number, s.created_at, s.updated_at
                      FROM (SELECT DISTINCT l.order_id, sl.shipment_id FROM order_line l JOIN shipment_line sl ON sl.order_line_id = l.id
                             WHERE l.order_id IN (SELECT id FROM page)) x JOIN shipment s ON s.id = x.shipment_id""");
        }
        // Orders newest first, then each order's lines by position and shipments by id, as the batch reads give them.
        return sql.append("\nORDER BY part, placed_at DESC, id DESC, owner, line_position, shipment_id").toString();
    }

    /**
     * A page of a customer's orders (newest first) with, when asked for, each order's lines and shipments: one
     * statement where the order page and its batches took three. The orders, their lines and their shipments come as
     * rows of one union ({@code part} 0, 1, 2), each row in its own columns, the others null, so every value is decoded
     * as the batch reads decode it and answers are the same either way. (Aggregating the children into JSON per order
     * was the other way to one statement; building and parsing it cost PostgreSQL more than the rows.)
     */
    Uni<List<OrderWithContents>> customerOrdersWithContents(String customerId, int limit, int offset, boolean lines,
            boolean shipments) {
        String sql = ORDERS_WITH_CONTENTS[(lines ? 1 : 0) + (shipments ? 2 : 0)];
        return db.query(sql, Tuple.of(customerId, limit, offset)).map(rows -> {
            if (rows.size() == 0) {
                return List.<OrderWithContents>of();
            }
            List<OrderRow> orders = new ArrayList<>();
            Map<Long, List<LineRow>> linesByOrder = new HashMap<>();
            Map<Long, List<ShipmentRow>> shipmentsByOrder = new HashMap<>();
            Columns columns = Columns.of(rows);
            int ownerColumn = columns.at("owner");
            int partColumn = columns.at("part");
            for (Row row : rows) {
                long owner = row.getLong(ownerColumn);
                switch (row.getInteger(partColumn)) {
                    case 0 -> orders.add(OrderRepository.order(row, columns));
                    case 1 -> linesByOrder.computeIfAbsent(owner, k -> new ArrayList<>()).add(line(owner, row, columns));
                    default -> shipmentsByOrder.computeIfAbsent(owner, k -> new ArrayList<>()).add(shipment(row, columns));
                }
            }
            return orders.stream().map(o -> new OrderWithContents(o, lines ? linesByOrder.getOrDefault(o.id(), List.of()) : null,
                    shipments ? shipmentsByOrder.getOrDefault(o.id(), List.of()) : null)).toList();
        });
    }

    private static LineRow line(long orderId, Row row, Columns c) {
        return new LineRow(row.getLong(c.at("line_id")), orderId, row.getInteger(c.at("line_position")), row.getLong(c.at("line_variant_id")),
                row.getString(c.at("line_sku")), row.getString(c.at("line_product_name")), row.getString(c.at("line_variant_title")),
                row.getInteger(c.at("line_quantity")), row.getLong(c.at("line_unit_price_minor")), row.getLong(c.at("line_discount_minor")),
                row.getLong(c.at("line_tax_minor")), row.getLong(c.at("line_total_minor")), Channel.valueOf(row.getString(c.at("line_channel"))));
    }

    private static ShipmentRow shipment(Row row, Columns c) {
        return new ShipmentRow(row.getLong(c.at("shipment_id")), row.getLong(c.at("shipment_location_id")),
                FulfilmentType.valueOf(row.getString(c.at("shipment_fulfilment_type"))), ShipmentStatus.valueOf(row.getString(c.at("shipment_status"))),
                row.getString(c.at("shipment_carrier")), row.getString(c.at("shipment_tracking_number")),
                row.getOffsetDateTime(c.at("shipment_created_at")), row.getOffsetDateTime(c.at("shipment_updated_at")));
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
