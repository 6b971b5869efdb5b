package com.omnichannel.gateway.order;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.order.OrderRows.LineRow;
import com.omnichannel.gateway.platform.db.Db;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reads of orders for jobs beside the order API: what returns need of an order's lines inside their transaction,
 * and a customer's orders for the privacy export. Writes stay in {@link OrderRepository}, the tables' owner.
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
