package com.omnichannel.gateway.order;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.cart.FulfilmentType;
import com.omnichannel.gateway.order.OrderRows.EventRow;
import com.omnichannel.gateway.order.OrderRows.LineRow;
import com.omnichannel.gateway.order.OrderRows.OrderRow;
import com.omnichannel.gateway.order.OrderRows.ShipmentLineRow;
import com.omnichannel.gateway.order.OrderRows.ShipmentRow;
import com.omnichannel.gateway.platform.db.Columns;
import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.platform.security.Channel;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/** SQL for orders, their lines, shipments and timeline. */
@ApplicationScoped
public class OrderRepository {

    static final String ORDER_COLUMNS = """
            o.id, o.number, o.customer_id, o.email, o.source_channel, o.cart_channels, o.cart_id, o.cart_version, o.status,
            o.fulfilment_type, o.pickup_location_id, o.shipping_address, o.curbside_note, o.currency, o.prices_include_tax,
            o.subtotal_minor, o.discount_minor, o.shipping_minor, o.tax_minor, o.total_minor, o.tendered_minor, o.payment_method,
            o.payment_status, o.payment_reference, o.card_last4, o.idempotency_key, o.request_hash, o.placed_at, o.updated_at""";
    static final String LINE_COLUMNS = """
            l.id, l.order_id, l.position, l.variant_id, l.sku, l.product_name, l.variant_title, l.quantity, l.unit_price_minor,
            l.discount_minor, l.tax_minor, l.total_minor, l.channel""";
    private static final String SHIPMENT_COLUMNS = "s.id, s.location_id, s.fulfilment_type, s.status, s.carrier, s.tracking_number, s.created_at, s.updated_at";

    private final Db db;

    public OrderRepository(Db db) {
        this.db = db;
    }

    // ---- reads

    public Uni<OrderRow> findByIdempotencyKey(String key) {
        return db.query("SELECT " + ORDER_COLUMNS + " FROM customer_order o WHERE o.idempotency_key = $1", Tuple.of(key))
                .map(OrderRepository::firstOrder);
    }

    public Uni<OrderRow> findByNumber(String number) {
        return db.query("SELECT " + ORDER_COLUMNS + " FROM customer_order o WHERE o.number = $1", Tuple.of(number))
                .map(OrderRepository::firstOrder);
    }

    public Uni<OrderRow> findById(long id) {
        return db.query("SELECT " + ORDER_COLUMNS + " FROM customer_order o WHERE o.id = $1", Tuple.of(id))
                .map(OrderRepository::firstOrder);
    }

    public Uni<List<OrderRow>> findByIds(Collection<Long> ids) {
        return db.query("SELECT " + ORDER_COLUMNS + " FROM customer_order o WHERE o.id = ANY($1) ORDER BY o.id",
                Tuple.of(ids.toArray(Long[]::new))).map(OrderRepository::orders);
    }

    public Uni<List<ShipmentRow>> findShipment(long id) {
        return db.query("SELECT " + SHIPMENT_COLUMNS + " FROM shipment s WHERE s.id = $1", Tuple.of(id)).map(rows -> {
            List<ShipmentRow> result = new ArrayList<>();
            rows.forEach(r -> result.add(shipment(r)));
            return result;
        });
    }

    public Uni<List<OrderRow>> customerOrders(String customerId, int limit, int offset) {
        return db.query("SELECT " + ORDER_COLUMNS + " FROM customer_order o WHERE o.customer_id = $1 ORDER BY o.placed_at DESC, o.id DESC LIMIT $2 OFFSET $3",
                Tuple.of(customerId, limit, offset)).map(OrderRepository::orders);
    }

    /** One page of orders (newest first) of each of these customers, with one statement. */
    public Uni<Map<String, List<OrderRow>>> customersOrders(Collection<String> customerIds, int limit, int offset) {
        return db.query("SELECT * FROM (SELECT " + ORDER_COLUMNS + """
                , row_number() OVER (PARTITION BY o.customer_id ORDER BY o.placed_at DESC, o.id DESC) AS position
                  FROM customer_order o WHERE o.customer_id = ANY($1)) x
                 WHERE x.position > $2 AND x.position <= $2 + $3
                 ORDER BY x.customer_id, x.position""", Tuple.of(customerIds.toArray(String[]::new), offset, limit))
                .map(rows -> {
                    Map<String, List<OrderRow>> result = new HashMap<>();
                    Columns columns = Columns.of(rows);
                    int customer = columns.at("customer_id");
                    rows.forEach(r -> result.computeIfAbsent(r.getString(customer), k -> new ArrayList<>()).add(order(r, columns)));
                    return result;
                });
    }

    /**
     * Erasure of a customer: their orders keep number, channels, status, lines and every amount, and lose who placed
     * them: customer id, email, the delivery address but its country (tax), the curbside note, the card's last
     * digits; their own entries in the timelines no longer name them. Returns the number of orders changed.
     */
    public Uni<Integer> anonymizeCustomer(Db.Tx tx, String customerId, String replacementActor) {
        return tx.query("""
                WITH changed AS (
                    UPDATE customer_order
                       SET customer_id = NULL, email = NULL, curbside_note = NULL, card_last4 = NULL,
                           shipping_address = CASE WHEN shipping_address IS NULL THEN NULL
                                                   ELSE jsonb_build_object('countryCode', shipping_address -> 'countryCode') END,
                           updated_at = now()
                     WHERE customer_id = $1
                 RETURNING id),
                timeline AS (
                    UPDATE order_event SET actor = $2, note = NULL
                     WHERE actor = $1 AND order_id IN (SELECT id FROM changed))
                SELECT count(*) AS n FROM changed""", Tuple.of(customerId, replacementActor))
                .map(rows -> rows.iterator().next().getLong("n").intValue());
    }

    public Uni<List<OrderRow>> search(Channel channel, OrderStatus status, Long locationKey, OffsetDateTime from,
            OffsetDateTime to, String customerId, String email, int limit, int offset) {
        return db.query("SELECT " + ORDER_COLUMNS + " FROM customer_order o " + """
                WHERE ($1::text IS NULL OR o.source_channel = $1)
                  AND ($2::text IS NULL OR o.status = $2)
                  AND ($3::bigint IS NULL OR o.pickup_location_id = $3 OR EXISTS (
                        SELECT 1 FROM order_line l JOIN shipment_line sl ON sl.order_line_id = l.id
                          JOIN shipment s ON s.id = sl.shipment_id
                         WHERE l.order_id = o.id AND s.location_id = $3))
                  AND ($4::timestamptz IS NULL OR o.placed_at >= $4)
                  AND ($5::timestamptz IS NULL OR o.placed_at < $5)
                  AND ($6::text IS NULL OR o.customer_id = $6)
                  AND ($7::text IS NULL OR lower(o.email) = lower($7))
                ORDER BY o.placed_at DESC, o.id DESC LIMIT $8 OFFSET $9""",
                Tuple.from(Arrays.asList(channel == null ? null : channel.name(), status == null ? null : status.name(),
                        locationKey, from, to, customerId, email, limit, offset)))
                .map(OrderRepository::orders);
    }

    public Uni<Map<Long, List<LineRow>>> linesByOrder(Collection<Long> orderKeys) {
        return db.query("SELECT " + LINE_COLUMNS + " FROM order_line l WHERE l.order_id IN (SELECT batch_keys($1))"
                + " ORDER BY l.order_id, l.position", Tuple.of(orderKeys.toArray(Long[]::new))).map(rows -> {
                    Map<Long, List<LineRow>> result = new HashMap<>();
                    for (Row row : rows) {
                        LineRow line = line(row);
                        result.computeIfAbsent(line.orderId(), k -> new ArrayList<>()).add(line);
                    }
                    return result;
                });
    }

    public Uni<Map<Long, List<ShipmentRow>>> shipmentsByOrder(Collection<Long> orderKeys) {
        return shipmentsByOrder(db::query, orderKeys);
    }

    /** Runs a statement on the pool or on a transaction's connection. */
    @FunctionalInterface
    private interface Sql {
        Uni<RowSet<Row>> query(String sql, Tuple args);
    }

    private static Uni<Map<Long, List<ShipmentRow>>> shipmentsByOrder(Sql sql, Collection<Long> orderKeys) {
        return sql.query("SELECT DISTINCT l.order_id, " + SHIPMENT_COLUMNS + """
                 FROM order_line l JOIN shipment_line sl ON sl.order_line_id = l.id JOIN shipment s ON s.id = sl.shipment_id
                WHERE l.order_id IN (SELECT batch_keys($1)) ORDER BY l.order_id, s.id""", Tuple.of(orderKeys.toArray(Long[]::new)))
                .map(rows -> {
                    Map<Long, List<ShipmentRow>> result = new HashMap<>();
                    for (Row row : rows) {
                        result.computeIfAbsent(row.getLong("order_id"), k -> new ArrayList<>()).add(shipment(row));
                    }
                    return result;
                });
    }

    public Uni<Map<Long, List<ShipmentLineRow>>> linesByShipment(Collection<Long> shipmentKeys) {
        return linesByShipment(db::query, shipmentKeys);
    }

    private static Uni<Map<Long, List<ShipmentLineRow>>> linesByShipment(Sql sql, Collection<Long> shipmentKeys) {
        return sql.query("SELECT sl.shipment_id, sl.quantity AS shipped_quantity, o.number, " + LINE_COLUMNS + """
                 FROM shipment_line sl JOIN order_line l ON l.id = sl.order_line_id JOIN customer_order o ON o.id = l.order_id
                WHERE sl.shipment_id = ANY($1) ORDER BY sl.shipment_id, l.order_id, l.position""",
                Tuple.of(shipmentKeys.toArray(Long[]::new))).map(rows -> {
                    Map<Long, List<ShipmentLineRow>> result = new HashMap<>();
                    for (Row row : rows) {
                        ShipmentLineRow line = new ShipmentLineRow(row.getLong("shipment_id"), row.getInteger("shipped_quantity"),
                                line(row), row.getString("number"));
                        result.computeIfAbsent(line.shipmentId(), k -> new ArrayList<>()).add(line);
                    }
                    return result;
                });
    }

    public Uni<Map<Long, List<EventRow>>> eventsByOrder(Collection<Long> orderKeys) {
        return db.query("SELECT order_id, kind, from_status, to_status, actor, channel, note, created_at FROM order_event"
                + " WHERE order_id IN (SELECT batch_keys($1)) ORDER BY order_id, id", Tuple.of(orderKeys.toArray(Long[]::new))).map(rows -> {
                    Map<Long, List<EventRow>> result = new HashMap<>();
                    for (Row row : rows) {
                        String from = row.getString("from_status");
                        String to = row.getString("to_status");
                        EventRow event = new EventRow(row.getLong("order_id"), OrderEventKind.valueOf(row.getString("kind")),
                                from == null ? null : OrderStatus.valueOf(from), to == null ? null : OrderStatus.valueOf(to),
                                row.getString("actor"), Channel.valueOf(row.getString("channel")), row.getString("note"),
                                row.getOffsetDateTime("created_at"));
                        result.computeIfAbsent(event.orderId(), k -> new ArrayList<>()).add(event);
                    }
                    return result;
                });
    }

    // ---- writes (inside a transaction)

    /** Keys of a new order's lines in position order and of its shipments by location. */
    public record WrittenContents(List<Long> lineIds, Map<Long, Long> shipmentByLocation) {
    }

    /** A new order as written: its row and the keys of its contents. */
    public record InsertedOrder(OrderRow order, WrittenContents contents) {
    }

    /**
     * Writes a new order with its lines, its shipments (one per location, in the order given) with their lines, and
     * the PLACED timeline entry, in one statement, unless the idempotency key is taken: then it writes nothing and
     * returns null. A concurrent transaction with the same key makes this wait until that one commits or rolls back,
     * so racing retries resolve to one order. The order takes the first of {@code numbers} no order has yet: checked in
     * the same statement, so a collision costs no failed insert, savepoint or retry (the unique constraint stays the
     * guard against two concurrent orders drawing the same number, which at 49 bits does not happen in practice).
     */
    /** Writes an order; a status other than PLACED (a POS sale: PICKED_UP) is its shipments' too, from placedAt (null: now). */
    public Uni<InsertedOrder> insertOrder(Db.Tx tx, NewOrder o, List<String> numbers, String actor, Channel channel, String note,
            OrderStatus status, java.time.OffsetDateTime placedAt) {
        List<NewOrder.Line> lines = o.lines();
        List<NewOrder.Allocation> allocations = o.allocations();
        int n = lines.size();
        Integer[] position = new Integer[n];
        Long[] variant = new Long[n];
        String[] sku = new String[n];
        String[] product = new String[n];
        String[] title = new String[n];
        Integer[] quantity = new Integer[n];
        Long[] unit = new Long[n];
        Long[] discount = new Long[n];
        Long[] tax = new Long[n];
        Long[] total = new Long[n];
        String[] lineChannel = new String[n];
        for (int i = 0; i < n; i++) {
            NewOrder.Line l = lines.get(i);
            position[i] = l.position();
            variant[i] = l.variantId();
            sku[i] = l.sku();
            product[i] = l.productName();
            title[i] = l.variantTitle();
            quantity[i] = l.quantity();
            unit[i] = l.unitPrice();
            discount[i] = l.discount();
            tax[i] = l.tax();
            total[i] = l.total();
            lineChannel[i] = l.channel().name();
        }
        return tx.query(INSERT_ORDER, Tuple.from(Arrays.asList(o.customerId(), o.email(), o.sourceChannel().name(),
                o.cartChannels().stream().map(Enum::name).toArray(String[]::new), o.cartId(), o.cartVersion(),
                o.fulfilmentType().name(), o.pickupLocationKey(), o.shippingAddress() == null ? null : o.shippingAddress().toJson(), o.curbsideNote(), o.currency(),
                o.pricesIncludeTax(), o.subtotal(), o.discount(), o.shipping(), o.tax(), o.total(),
                o.paymentMethod().name(), o.paymentStatus().name(), o.paymentReference(), o.cardLast4(),
                o.idempotencyKey(), o.requestHash(),
                position, variant, sku, product, title, quantity, unit, discount, tax, total, lineChannel,
                o.shipmentLocations().toArray(Long[]::new),
                allocations.stream().map(NewOrder.Allocation::locationKey).toArray(Long[]::new),
                allocations.stream().map(NewOrder.Allocation::linePosition).toArray(Integer[]::new),
                allocations.stream().map(NewOrder.Allocation::quantity).toArray(Integer[]::new),
                actor, channel.name(), note, numbers.toArray(String[]::new), status.name(), placedAt, o.tendered())))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    OrderRow order = null;
                    Long[] ids = new Long[n];
                    Map<Long, Long> shipments = new HashMap<>();
                    for (Row row : rows) {
                        if (order == null) {
                            order = order(row, Columns.of(rows));
                        }
                        Long location = row.getLong("part_location_id");
                        if (location == null) {
                            ids[row.getInteger("part_position")] = row.getLong("part_id");
                        } else {
                            shipments.put(location, row.getLong("part_id"));
                        }
                    }
                    return new InsertedOrder(order, new WrittenContents(Arrays.asList(ids), shipments));
                });
    }

    /** One row per line and per shipment written, each carrying the order's columns. */
    private static final String INSERT_ORDER = """
            WITH o AS (
                     INSERT INTO customer_order (number, customer_id, email, source_channel, cart_channels, cart_id, cart_version,
                         status, fulfilment_type, pickup_location_id, shipping_address, curbside_note, currency, prices_include_tax,
                         subtotal_minor, discount_minor, shipping_minor, tax_minor, total_minor, payment_method, payment_status,
                         payment_reference, card_last4, idempotency_key, request_hash, placed_at, tendered_minor)
                     VALUES ((SELECT c FROM unnest($42::text[]) WITH ORDINALITY AS n(c, ord) WHERE NOT EXISTS (
                                 SELECT 1 FROM customer_order WHERE number = n.c) ORDER BY n.ord LIMIT 1), $1, $2, $3, $4, $5, $6, $43, $7, $8, $9, $10, $11, $12, $13,
                             $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, COALESCE($44::timestamptz, now()), $45)
                     ON CONFLICT (idempotency_key) DO NOTHING
                     RETURNING *),
                 lines AS (
                     INSERT INTO order_line (order_id, position, variant_id, sku, product_name, variant_title, quantity,
                                             unit_price_minor, discount_minor, tax_minor, total_minor, channel)
                     SELECT o.id, x.* FROM o, unnest($24::int[], $25::bigint[], $26::text[], $27::text[], $28::text[], $29::int[],
                                                     $30::bigint[], $31::bigint[], $32::bigint[], $33::bigint[], $34::text[]) AS x
                     RETURNING id, position),
                 shipments AS (
                     INSERT INTO shipment (location_id, fulfilment_type, status)
                     SELECT x.location_id, o.fulfilment_type, CASE WHEN o.status = 'PLACED' THEN 'PENDING' ELSE o.status END
                       FROM o, unnest($35::bigint[]) WITH ORDINALITY AS x(location_id, ord)
                      ORDER BY x.ord
                     RETURNING id, location_id),
                 shipment_lines AS (
                     INSERT INTO shipment_line (shipment_id, order_line_id, quantity)
                     SELECT shipments.id, lines.id, a.quantity
                       FROM unnest($36::bigint[], $37::int[], $38::int[]) AS a(location_id, position, quantity)
                       JOIN shipments ON shipments.location_id = a.location_id
                       JOIN lines ON lines.position = a.position),
                 placed AS (
                     INSERT INTO order_event (order_id, kind, from_status, to_status, actor, channel, note, created_at)
                     SELECT o.id, 'PLACED', NULL, 'PLACED', $39, $40, $41, o.placed_at FROM o
                     UNION ALL SELECT o.id, 'STATUS_CHANGED', 'PLACED', o.status, $39, $40, NULL, o.placed_at FROM o WHERE o.status <> 'PLACED')
            SELECT o.*, part.id AS part_id, part.position AS part_position, part.location_id AS part_location_id
              FROM o CROSS JOIN (SELECT id, position, NULL::bigint AS location_id FROM lines
                                 UNION ALL SELECT id, NULL, location_id FROM shipments) part""";

    /** Creates shipments (one per location) and returns their ids in the same order. */
    public Uni<List<Long>> insertShipments(Db.Tx tx, List<Long> locationKeys, FulfilmentType type) {
        return tx.query("""
                INSERT INTO shipment (location_id, fulfilment_type, status)
                SELECT x.location_id, $2, 'PENDING' FROM unnest($1::bigint[]) WITH ORDINALITY AS x(location_id, ord) ORDER BY x.ord
                RETURNING id, location_id""", Tuple.of(locationKeys.toArray(Long[]::new), type.name()))
                .map(rows -> {
                    Map<Long, Long> byLocation = new HashMap<>();
                    for (Row row : rows) {
                        byLocation.put(row.getLong("location_id"), row.getLong("id"));
                    }
                    return locationKeys.stream().map(byLocation::get).toList();
                });
    }

    public Uni<Void> insertShipmentLines(Db.Tx tx, List<Long> shipmentIds, List<Long> orderLineIds, List<Integer> quantities) {
        return tx.query("""
                INSERT INTO shipment_line (shipment_id, order_line_id, quantity)
                SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::int[])
                ON CONFLICT (shipment_id, order_line_id) DO UPDATE SET quantity = shipment_line.quantity + EXCLUDED.quantity""",
                Tuple.of(shipmentIds.toArray(Long[]::new), orderLineIds.toArray(Long[]::new), quantities.toArray(Integer[]::new)))
                .replaceWithVoid();
    }

    /** Timeline entries that change no status, one per order. */
    public Uni<Void> insertEvents(Db.Tx tx, List<Long> orderIds, OrderEventKind kind, String actor, Channel channel, String note) {
        List<OrderStatus> none = java.util.Collections.nCopies(orderIds.size(), null);
        return insertEvents(tx, orderIds, kind, none, none, actor, channel, note);
    }

    public Uni<Void> insertEvents(Db.Tx tx, List<Long> orderIds, OrderEventKind kind, List<OrderStatus> from, List<OrderStatus> to,
            String actor, Channel channel, String note) {
        return tx.query("""
                INSERT INTO order_event (order_id, kind, from_status, to_status, actor, channel, note)
                SELECT x.order_id, $2, x.from_status, x.to_status, $5, $6, $7
                  FROM unnest($1::bigint[], $3::text[], $4::text[]) AS x(order_id, from_status, to_status)""",
                Tuple.from(Arrays.asList(orderIds.toArray(Long[]::new), kind.name(),
                        from.stream().map(s -> s == null ? null : s.name()).toArray(String[]::new),
                        to.stream().map(s -> s == null ? null : s.name()).toArray(String[]::new), actor, channel.name(), note)))
                .replaceWithVoid();
    }

    /**
     * Adds a line to an order that exists already (the new variant of an exchange), with its totals, in one
     * statement; returns the new line's key.
     */
    public Uni<Long> insertLine(Db.Tx tx, long orderKey, long variantKey, String sku, String productName, String variantTitle, int quantity,
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

    /** Locks orders (by id order) and returns them. */
    public Uni<List<OrderRow>> lockOrders(Db.Tx tx, Collection<Long> orderIds) {
        return tx.query("SELECT " + ORDER_COLUMNS + " FROM customer_order o WHERE o.id = ANY($1) ORDER BY o.id FOR UPDATE",
                Tuple.of(orderIds.toArray(Long[]::new))).map(OrderRepository::orders);
    }

    /** Locks shipments (by id order) and returns them. */
    public Uni<List<ShipmentRow>> lockShipments(Db.Tx tx, Collection<Long> shipmentIds) {
        return tx.query("SELECT " + SHIPMENT_COLUMNS + " FROM shipment s WHERE s.id = ANY($1) ORDER BY s.id FOR UPDATE",
                Tuple.of(shipmentIds.toArray(Long[]::new))).map(rows -> {
                    List<ShipmentRow> result = new ArrayList<>();
                    rows.forEach(r -> result.add(shipment(r)));
                    return result;
                });
    }

    /** The order ids whose lines are in the shipments. */
    public Uni<Map<Long, List<Long>>> ordersOfShipments(Db.Tx tx, Collection<Long> shipmentIds) {
        return tx.query("SELECT DISTINCT sl.shipment_id, l.order_id FROM shipment_line sl JOIN order_line l ON l.id = sl.order_line_id WHERE sl.shipment_id = ANY($1)",
                Tuple.of(shipmentIds.toArray(Long[]::new))).map(rows -> {
                    Map<Long, List<Long>> result = new HashMap<>();
                    rows.forEach(r -> result.computeIfAbsent(r.getLong("shipment_id"), k -> new ArrayList<>()).add(r.getLong("order_id")));
                    return result;
                });
    }

    public Uni<Map<Long, List<ShipmentRow>>> shipmentsByOrder(Db.Tx tx, Collection<Long> orderKeys) {
        return shipmentsByOrder(tx::query, orderKeys);
    }

    public Uni<Map<Long, List<ShipmentLineRow>>> linesByShipment(Db.Tx tx, Collection<Long> shipmentKeys) {
        return linesByShipment(tx::query, shipmentKeys);
    }

    public Uni<Void> setOrderStatus(Db.Tx tx, Collection<Long> orderIds, OrderStatus status) {
        return tx.query("UPDATE customer_order SET status = $2, updated_at = now() WHERE id = ANY($1)",
                Tuple.of(orderIds.toArray(Long[]::new), status.name())).replaceWithVoid();
    }

    public Uni<Void> setPaymentStatus(Db.Tx tx, long orderId, PaymentStatus status) {
        return tx.query("UPDATE customer_order SET payment_status = $2, updated_at = now() WHERE id = $1",
                Tuple.of(orderId, status.name())).replaceWithVoid();
    }

    public Uni<Void> setShipmentStatus(Db.Tx tx, Collection<Long> shipmentIds, ShipmentStatus status) {
        return tx.query("UPDATE shipment SET status = $2, updated_at = now() WHERE id = ANY($1)",
                Tuple.of(shipmentIds.toArray(Long[]::new), status.name())).replaceWithVoid();
    }

    public Uni<Void> setTracking(Db.Tx tx, Collection<Long> shipmentIds, String carrier, String trackingNumber) {
        return tx.query("UPDATE shipment SET carrier = $2, tracking_number = $3, updated_at = now() WHERE id = ANY($1)",
                Tuple.of(shipmentIds.toArray(Long[]::new), carrier, trackingNumber)).replaceWithVoid();
    }

    /** Takes units of order lines out of a shipment (rows left at zero are deleted). */
    public Uni<Void> removeShipmentUnits(Db.Tx tx, long shipmentId, List<Long> orderLineIds, List<Integer> quantities) {
        return tx.query("""
                UPDATE shipment_line sl SET quantity = sl.quantity - x.quantity
                  FROM unnest($2::bigint[], $3::int[]) AS x(order_line_id, quantity)
                 WHERE sl.shipment_id = $1 AND sl.order_line_id = x.order_line_id""",
                Tuple.of(shipmentId, orderLineIds.toArray(Long[]::new), quantities.toArray(Integer[]::new)))
                .chain(() -> tx.query("DELETE FROM shipment_line WHERE shipment_id = $1 AND quantity <= 0", Tuple.of(shipmentId)))
                .replaceWithVoid();
    }

    /** Moves every line of the shipments into the target shipment and deletes the emptied shipments. */
    public Uni<Void> mergeShipments(Db.Tx tx, long target, List<Long> sources) {
        Long[] ids = sources.toArray(Long[]::new);
        return tx.query("""
                INSERT INTO shipment_line (shipment_id, order_line_id, quantity)
                SELECT $1, order_line_id, sum(quantity) FROM shipment_line WHERE shipment_id = ANY($2) GROUP BY order_line_id
                ON CONFLICT (shipment_id, order_line_id) DO UPDATE SET quantity = shipment_line.quantity + EXCLUDED.quantity""",
                Tuple.of(target, ids))
                .chain(() -> tx.query("DELETE FROM shipment_line WHERE shipment_id = ANY($1)", Tuple.of((Object) ids)))
                .chain(() -> tx.query("DELETE FROM shipment WHERE id = ANY($1)", Tuple.of((Object) ids)))
                .chain(() -> tx.query("UPDATE shipment SET updated_at = now() WHERE id = $1", Tuple.of(target)))
                .replaceWithVoid();
    }

    /** Removes an order's lines from a shipment (cancellation of one order in a merged shipment). */
    public Uni<Void> removeOrderFromShipment(Db.Tx tx, long shipmentId, long orderId) {
        return tx.query("DELETE FROM shipment_line sl USING order_line l WHERE sl.order_line_id = l.id AND sl.shipment_id = $1 AND l.order_id = $2",
                Tuple.of(shipmentId, orderId)).replaceWithVoid();
    }

    // ---- mapping

    private static OrderRow firstOrder(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? order(it.next(), Columns.of(rows)) : null;
    }

    private static List<OrderRow> orders(RowSet<Row> rows) {
        List<OrderRow> result = new ArrayList<>();
        Columns columns = Columns.of(rows);
        rows.forEach(r -> result.add(order(r, columns)));
        return result;
    }

    static OrderRow order(Row row, Columns c) {
        List<Channel> channels = new ArrayList<>(Arrays.stream(row.getArrayOfStrings(c.at("cart_channels"))).map(Channel::valueOf).toList());
        Object address = row.getValue(c.at("shipping_address"));
        return new OrderRow(row.getLong(c.at("id")), row.getString(c.at("number")), row.getString(c.at("customer_id")), row.getString(c.at("email")),
                Channel.valueOf(row.getString(c.at("source_channel"))), channels, row.getString(c.at("cart_id")), row.getLong(c.at("cart_version")),
                OrderStatus.valueOf(row.getString(c.at("status"))), FulfilmentType.valueOf(row.getString(c.at("fulfilment_type"))),
                row.getLong(c.at("pickup_location_id")), address instanceof JsonObject json ? json : null, row.getString(c.at("curbside_note")),
                row.getString(c.at("currency")), row.getBoolean(c.at("prices_include_tax")), row.getLong(c.at("subtotal_minor")),
                row.getLong(c.at("discount_minor")), row.getLong(c.at("shipping_minor")), row.getLong(c.at("tax_minor")), row.getLong(c.at("total_minor")),
                row.getLong(c.at("tendered_minor")), PaymentMethod.valueOf(row.getString(c.at("payment_method"))), PaymentStatus.valueOf(row.getString(c.at("payment_status"))),
                row.getString(c.at("payment_reference")), row.getString(c.at("card_last4")), row.getString(c.at("idempotency_key")),
                row.getString(c.at("request_hash")), row.getOffsetDateTime(c.at("placed_at")), row.getOffsetDateTime(c.at("updated_at")));
    }

    static LineRow line(Row row) {
        return new LineRow(row.getLong("id"), row.getLong("order_id"), row.getInteger("position"), row.getLong("variant_id"),
                row.getString("sku"), row.getString("product_name"), row.getString("variant_title"), row.getInteger("quantity"),
                row.getLong("unit_price_minor"), row.getLong("discount_minor"), row.getLong("tax_minor"), row.getLong("total_minor"),
                Channel.valueOf(row.getString("channel")));
    }

    private static ShipmentRow shipment(Row row) {
        return new ShipmentRow(row.getLong("id"), row.getLong("location_id"), FulfilmentType.valueOf(row.getString("fulfilment_type")),
                ShipmentStatus.valueOf(row.getString("status")), row.getString("carrier"), row.getString("tracking_number"),
                row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
    }
}
