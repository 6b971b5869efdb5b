package com.omnichannel.gateway.reporting.recommendation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.platform.db.Db;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Recommendation SQL: a read model over order lines, customer events, consents, the catalog and stock levels (read,
 * never written here). Each query returns product keys in rank order; products are loaded through the catalog.
 */
@ApplicationScoped
public class RecommendationRepository {

    private static final String IN_STOCK = """
            EXISTS (SELECT 1 FROM product_variant sv JOIN stock_level st ON st.variant_id = sv.id
                     WHERE sv.product_id = p.id AND sv.active AND st.on_hand - st.reserved > 0
                       AND ($3::bigint IS NULL OR st.location_id = $3))""";

    private final Db db;

    public RecommendationRepository(Db db) {
        this.db = db;
    }

    /**
     * For each product, the active products most often in the same (not cancelled) order, most orders first, at most
     * {@code limit} each.
     */
    public Uni<Map<Long, List<Long>>> boughtTogether(Collection<Long> productKeys, int limit) {
        return db.query("""
                WITH pairs AS (
                    SELECT v1.product_id AS source, v2.product_id AS other, count(DISTINCT l1.order_id) AS orders
                      FROM product_variant v1
                      JOIN order_line l1 ON l1.variant_id = v1.id
                      JOIN customer_order o ON o.id = l1.order_id AND o.status <> 'CANCELLED'
                      JOIN order_line l2 ON l2.order_id = l1.order_id AND l2.id <> l1.id
                      JOIN product_variant v2 ON v2.id = l2.variant_id AND v2.product_id <> v1.product_id
                     WHERE v1.product_id = ANY($1)
                     GROUP BY v1.product_id, v2.product_id),
                ranked AS (
                    SELECT pairs.source, pairs.other,
                           row_number() OVER (PARTITION BY pairs.source ORDER BY pairs.orders DESC, pairs.other) AS rank
                      FROM pairs JOIN product p ON p.id = pairs.other AND p.status = 'ACTIVE')
                SELECT source, other FROM ranked WHERE rank <= $2 ORDER BY source, rank""",
                Tuple.of(productKeys.toArray(Long[]::new), limit))
                .map(rows -> {
                    Map<Long, List<Long>> result = new HashMap<>();
                    for (Row r : rows) {
                        result.computeIfAbsent(r.getLong("source"), k -> new ArrayList<>()).add(r.getLong("other"));
                    }
                    return result;
                });
    }

    /**
     * Products for one shopper, best first, only active ones in stock (at the store, or anywhere without one).
     * With a customer who gave the PERSONALISATION consent, the seeds are what they bought (weight 2) and viewed
     * (weight 1, the last 200 views): products bought together with a seed score 3 × weight per shared order,
     * products of a seed's category score its weight; what they bought is left out. Best-sellers of the window
     * (units sold, at the store when there is one) rank the rest and fill the list, and are all that anonymous
     * callers and customers without the consent get.
     *
     * @param customerId the token subject of a signed-in customer, or null
     */
    public Uni<List<Long>> recommend(String customerId, Long storeKey, Duration bestSellerWindow, int limit) {
        UUID registered = uuidOrNull(customerId);
        return db.query("""
                WITH consent AS (
                    SELECT EXISTS (SELECT 1 FROM customer_consent k
                                    WHERE k.customer_id = $2 AND k.purpose = 'PERSONALISATION' AND k.granted) AS given),
                bought AS (
                    SELECT DISTINCT v.product_id
                      FROM customer_order o JOIN order_line l ON l.order_id = o.id
                      JOIN product_variant v ON v.id = l.variant_id
                     WHERE $1::text IS NOT NULL AND o.customer_id = $1 AND (SELECT given FROM consent)),
                viewed AS (
                    SELECT product_key_of(e.subject) AS product_id
                      FROM (SELECT subject FROM customer_event
                             WHERE customer_id = $2 AND kind = 'PRODUCT_VIEWED'
                             ORDER BY occurred_at DESC LIMIT 200) e
                     WHERE (SELECT given FROM consent)),
                seeds AS (
                    SELECT product_id, sum(weight) AS weight
                      FROM (SELECT product_id, 2 AS weight FROM bought
                            UNION ALL SELECT product_id, 1 FROM viewed WHERE product_id IS NOT NULL) s
                     GROUP BY product_id),
                together AS (
                    SELECT v2.product_id, sum(s.weight) * 3 AS score
                      FROM seeds s
                      JOIN product_variant v1 ON v1.product_id = s.product_id
                      JOIN order_line l1 ON l1.variant_id = v1.id
                      JOIN order_line l2 ON l2.order_id = l1.order_id AND l2.id <> l1.id
                      JOIN product_variant v2 ON v2.id = l2.variant_id AND v2.product_id <> s.product_id
                     GROUP BY v2.product_id),
                same_category AS (
                    SELECT p.id AS product_id, sum(s.weight) AS score
                      FROM seeds s JOIN product sp ON sp.id = s.product_id
                      JOIN product p ON p.category_id = sp.category_id AND p.id <> s.product_id
                     GROUP BY p.id),
                popular AS (
                    SELECT v.product_id, sum(l.quantity) AS units
                      FROM customer_order o JOIN order_line l ON l.order_id = o.id
                      JOIN product_variant v ON v.id = l.variant_id
                     WHERE o.placed_at >= $4 AND o.status <> 'CANCELLED'
                       AND ($3::bigint IS NULL OR EXISTS (
                            SELECT 1 FROM shipment_line sl JOIN shipment sh ON sh.id = sl.shipment_id
                             WHERE sl.order_line_id = l.id AND sh.location_id = $3))
                     GROUP BY v.product_id),
                candidates AS (
                    SELECT product_id, sum(score) AS score
                      FROM (SELECT product_id, score FROM together
                            UNION ALL SELECT product_id, score FROM same_category
                            UNION ALL SELECT product_id, 0 FROM popular) c
                     GROUP BY product_id)
                SELECT c.product_id
                  FROM candidates c
                  JOIN product p ON p.id = c.product_id AND p.status = 'ACTIVE'
                  LEFT JOIN popular pop ON pop.product_id = c.product_id
                 WHERE c.product_id NOT IN (SELECT product_id FROM bought)
                   AND""" + " " + IN_STOCK + """

                 ORDER BY c.score DESC, coalesce(pop.units, 0) DESC, c.product_id
                 LIMIT $5""",
                Tuple.from(java.util.Arrays.asList(customerId, registered, storeKey,
                        java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minus(bestSellerWindow), limit)))
                .map(rows -> {
                    List<Long> keys = new ArrayList<>();
                    rows.forEach(r -> keys.add(r.getLong("product_id")));
                    return keys;
                });
    }

    private static UUID uuidOrNull(String id) {
        if (id == null || id.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
