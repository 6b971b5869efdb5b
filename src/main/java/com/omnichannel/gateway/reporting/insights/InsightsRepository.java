package com.omnichannel.gateway.reporting.insights;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.cart.CartCreated;
import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.platform.security.Channel;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Set-based SQL for channel figures. Insights are a read model over facts other domains record (orders and their
 * cart channels, customer events) plus the cart facts written here; they read those tables and never write them.
 */
@ApplicationScoped
public class InsightsRepository {

    private final Db db;

    public InsightsRepository(Db db) {
        this.db = db;
    }

    /** Orders, revenue, carts created and carts converted of one channel in a window. */
    public record ChannelRow(Channel channel, long orders, long revenueMinor, long carts, long converted) {
    }

    public Uni<List<ChannelRow>> channelFigures(OffsetDateTime from, OffsetDateTime to) {
        return db.query("""
                WITH o AS (
                    SELECT source_channel AS channel, count(*) AS orders, sum(total_minor) AS revenue
                      FROM customer_order
                     WHERE placed_at >= $1 AND placed_at < $2 AND status <> 'CANCELLED'
                     GROUP BY source_channel),
                c AS (
                    SELECT a.channel, count(*) AS carts,
                           count(*) FILTER (WHERE EXISTS (SELECT 1 FROM customer_order x
                                                           WHERE x.cart_id = a.cart_id AND x.placed_at < $2)) AS converted
                      FROM cart_activity a
                     WHERE a.created_at >= $1 AND a.created_at < $2
                     GROUP BY a.channel)
                SELECT ch.channel, coalesce(o.orders, 0) AS orders, coalesce(o.revenue, 0) AS revenue,
                       coalesce(c.carts, 0) AS carts, coalesce(c.converted, 0) AS converted
                  FROM unnest(ARRAY['WEB', 'MOBILE', 'KIOSK', 'STAFF', 'POS']) WITH ORDINALITY AS ch(channel, position)
                  LEFT JOIN o ON o.channel = ch.channel
                  LEFT JOIN c ON c.channel = ch.channel
                 ORDER BY ch.position""", Tuple.of(from, to))
                .map(rows -> {
                    List<ChannelRow> result = new ArrayList<>();
                    for (Row r : rows) {
                        result.add(new ChannelRow(Channel.valueOf(r.getString("channel")), r.getLong("orders"),
                                r.getLong("revenue"), r.getLong("carts"), r.getLong("converted")));
                    }
                    return result;
                });
    }

    /**
     * Per channel of purchase: returns asked for in the window (declined and cancelled ones left out), the window's
     * orders that have such a return, and the refunds paid in the window.
     */
    public record ReturnRow(Channel channel, long returns, long ordersWithReturns, long refundedMinor) {
    }

    public Uni<List<ReturnRow>> returnFigures(OffsetDateTime from, OffsetDateTime to) {
        return db.query("""
                WITH r AS (
                    SELECT purchase_channel AS channel, count(*) AS returns FROM return_request
                     WHERE created_at >= $1 AND created_at < $2 AND status NOT IN ('DECLINED', 'CANCELED')
                     GROUP BY purchase_channel),
                o AS (
                    SELECT o.source_channel AS channel, count(*) AS orders FROM customer_order o
                     WHERE o.placed_at >= $1 AND o.placed_at < $2 AND o.status <> 'CANCELLED'
                       AND EXISTS (SELECT 1 FROM return_request x WHERE x.order_id = o.id AND x.status NOT IN ('DECLINED', 'CANCELED'))
                     GROUP BY o.source_channel),
                f AS (
                    SELECT r.purchase_channel AS channel, sum(f.amount_minor) AS refunded
                      FROM return_refund f JOIN return_request r ON r.id = f.return_id
                     WHERE f.created_at >= $1 AND f.created_at < $2
                     GROUP BY r.purchase_channel)
                SELECT ch.channel, coalesce(r.returns, 0) AS returns, coalesce(o.orders, 0) AS orders, coalesce(f.refunded, 0) AS refunded
                  FROM unnest(ARRAY['WEB', 'MOBILE', 'KIOSK', 'STAFF', 'POS']) WITH ORDINALITY AS ch(channel, position)
                  LEFT JOIN r ON r.channel = ch.channel LEFT JOIN o ON o.channel = ch.channel LEFT JOIN f ON f.channel = ch.channel
                 ORDER BY ch.position""", Tuple.of(from, to))
                .map(rows -> {
                    List<ReturnRow> result = new ArrayList<>();
                    for (Row r : rows) {
                        result.add(new ReturnRow(Channel.valueOf(r.getString("channel")), r.getLong("returns"), r.getLong("orders"),
                                r.getLong("refunded")));
                    }
                    return result;
                });
    }

    public record ReturnPathRow(Channel purchase, Channel returned, long returns, long refundedMinor) {
    }

    /** Returns asked for in the window by channel of purchase and channel of return, with what was refunded on them. */
    public Uni<List<ReturnPathRow>> returnPaths(OffsetDateTime from, OffsetDateTime to) {
        return db.query("""
                SELECT r.purchase_channel, r.channel, count(*) AS returns, coalesce(sum(r.refunded_minor), 0)::bigint AS refunded
                  FROM return_request r
                 WHERE r.created_at >= $1 AND r.created_at < $2 AND r.status NOT IN ('DECLINED', 'CANCELED')
                 GROUP BY r.purchase_channel, r.channel
                 ORDER BY returns DESC, r.purchase_channel, r.channel""", Tuple.of(from, to))
                .map(rows -> {
                    List<ReturnPathRow> result = new ArrayList<>();
                    for (Row r : rows) {
                        result.add(new ReturnPathRow(Channel.valueOf(r.getString("purchase_channel")), Channel.valueOf(r.getString("channel")),
                                r.getLong("returns"), r.getLong("refunded")));
                    }
                    return result;
                });
    }

    /** Orders of the window and how many of them crossed channels. */
    public record JourneyTotals(long orders, long crossChannel) {
    }

    public record PairRow(Channel from, Channel to, long orders) {
    }

    public Uni<JourneyTotals> journeyTotals(OffsetDateTime from, OffsetDateTime to) {
        return db.query("""
                SELECT count(*) AS orders, count(*) FILTER (WHERE cardinality(cart_channels) >= 2) AS cross_channel
                  FROM customer_order
                 WHERE placed_at >= $1 AND placed_at < $2 AND status <> 'CANCELLED'""", Tuple.of(from, to))
                .map(rows -> {
                    Row r = rows.iterator().next();
                    return new JourneyTotals(r.getLong("orders"), r.getLong("cross_channel"));
                });
    }

    /** Consecutive channel changes in the carts of the window's orders; each order counts a pair once. */
    public Uni<List<PairRow>> channelPairs(OffsetDateTime from, OffsetDateTime to, int limit) {
        return db.query("""
                SELECT p.from_channel, p.to_channel, count(DISTINCT p.order_id) AS orders
                  FROM (SELECT o.id AS order_id, o.cart_channels[i] AS from_channel, o.cart_channels[i + 1] AS to_channel
                          FROM customer_order o, generate_subscripts(o.cart_channels, 1) AS i
                         WHERE o.placed_at >= $1 AND o.placed_at < $2 AND o.status <> 'CANCELLED'
                           AND i < cardinality(o.cart_channels)) p
                 GROUP BY p.from_channel, p.to_channel
                 ORDER BY orders DESC, p.from_channel, p.to_channel
                 LIMIT $3""", Tuple.of(from, to, limit))
                .map(rows -> {
                    List<PairRow> result = new ArrayList<>();
                    for (Row r : rows) {
                        result.add(new PairRow(Channel.valueOf(r.getString("from_channel")),
                                Channel.valueOf(r.getString("to_channel")), r.getLong("orders")));
                    }
                    return result;
                });
    }

    /** Events and spend of one customer through one channel. */
    public record MixRow(String customerId, Channel channel, long events, long orders, long spendMinor) {
    }

    /** Activity events and (not cancelled) orders per channel, for each of these customers. */
    public Uni<Map<String, List<MixRow>>> channelMix(Collection<String> customerIds) {
        UUID[] uuids = customerIds.stream().map(UUID::fromString).toArray(UUID[]::new);
        String[] texts = customerIds.toArray(String[]::new);
        return db.query("""
                WITH e AS (
                    SELECT customer_id::text AS customer_id, channel, count(*) AS events
                      FROM customer_event WHERE customer_id = ANY($1) GROUP BY 1, 2),
                o AS (
                    SELECT customer_id, source_channel AS channel, count(*) AS orders, sum(total_minor) AS spend
                      FROM customer_order WHERE customer_id = ANY($2) AND status <> 'CANCELLED' GROUP BY 1, 2)
                SELECT coalesce(e.customer_id, o.customer_id) AS customer_id, coalesce(e.channel, o.channel) AS channel,
                       coalesce(e.events, 0) AS events, coalesce(o.orders, 0) AS orders, coalesce(o.spend, 0) AS spend
                  FROM e FULL JOIN o ON o.customer_id = e.customer_id AND o.channel = e.channel""",
                Tuple.of(uuids, texts))
                .map(rows -> {
                    Map<String, List<MixRow>> result = new HashMap<>();
                    for (Row r : rows) {
                        MixRow mix = new MixRow(r.getString("customer_id"), Channel.valueOf(r.getString("channel")),
                                r.getLong("events"), r.getLong("orders"), r.getLong("spend"));
                        result.computeIfAbsent(mix.customerId(), k -> new ArrayList<>()).add(mix);
                    }
                    return result;
                });
    }

    // ---- cart facts (this package's own table)

    /**
     * Writes a batch of cart creations. The customer is kept only when registered here (subjects of an external
     * identity provider, and customers erased meanwhile, count as anonymous); a kiosk's store only when it still exists.
     */
    Uni<Void> insertCartActivity(List<CartCreated> batch) {
        return db.query("""
                INSERT INTO cart_activity (cart_id, channel, customer_id, store_id, created_at)
                SELECT t.cart_id, t.channel, c.id, l.id, t.created_at
                  FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::timestamptz[])
                       AS t(cart_id, channel, customer_id, store_id, created_at)
                  LEFT JOIN customer c ON c.id::text = t.customer_id
                  LEFT JOIN location l ON l.id = t.store_id
                ON CONFLICT (cart_id) DO NOTHING""",
                Tuple.of(batch.stream().map(CartCreated::cartId).toArray(String[]::new),
                        batch.stream().map(c -> c.channel().name()).toArray(String[]::new),
                        batch.stream().map(CartCreated::customerId).toArray(String[]::new),
                        batch.stream().map(CartCreated::storeKey).toArray(Long[]::new),
                        batch.stream().map(CartCreated::createdAt).toArray(OffsetDateTime[]::new)))
                .replaceWithVoid();
    }

    /** A customer's cart facts as a JSON array, oldest first, for their data export. */
    Uni<String> exportCartActivity(String customerId) {
        return db.query("""
                SELECT coalesce(json_agg(to_jsonb(a) ORDER BY a.created_at), '[]')::text AS doc
                  FROM cart_activity a WHERE a.customer_id = $1::uuid""", Tuple.of(customerId))
                .map(rows -> rows.iterator().next().getString("doc"));
    }

    /** Erasure: the facts stay (carts created still count for their channel), without the customer. */
    Uni<Void> forgetCartActivityCustomer(Db.Tx tx, String customerId) {
        return tx.query("UPDATE cart_activity SET customer_id = NULL WHERE customer_id = $1::uuid", Tuple.of(customerId))
                .replaceWithVoid();
    }
}
