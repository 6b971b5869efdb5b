package com.omnichannel.gateway.order;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.order.OrderRows.LineRow;
import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.platform.security.Channel;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;

/** SQL of an order's lines as returns and exchanges read and add them, inside their transaction. */
@ApplicationScoped
class OrderReturnRepository {

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
     * Adds a line to an order that exists already (the new variant of an exchange), with its totals, in one
     * statement; returns the new line's key.
     */
    Uni<Long> insertLine(Db.Tx tx, long orderKey, long variantKey, String sku, String productName, String variantTitle, int quantity,
            long unitPriceMinor, long taxMinor, long totalMinor, Channel channel) {
        return tx.query("""
                WITH line AS (
                    INSERT INTO order_line (order_id, position, variant_id, sku, product_name, variant_title, quantity, unit_price_minor,
                                            discount_minor, tax_minor, total_minor, channel)
                    SELECT $1, COALESCE(max(position) + 1, 0), $2, $3, $4, $5, $6, $7, 0, $8, $9, $10 FROM order_line WHERE order_id = $1
                    RETURNING id),
                totals AS (
                    UPDATE customer_order SET subtotal_minor = subtotal_minor + $6 * $7, tax_minor = tax_minor + $8,
                           total_minor = total_minor + $9, updated_at = now() WHERE id = $1)
                SELECT id FROM line""",
                Tuple.from(Arrays.asList(orderKey, variantKey, sku, productName, variantTitle, quantity, unitPriceMinor, taxMinor, totalMinor,
                        channel.name()))).map(rows -> rows.iterator().next().getLong("id"));
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
}
