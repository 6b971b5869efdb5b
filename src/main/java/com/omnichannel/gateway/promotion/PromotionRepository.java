package com.omnichannel.gateway.promotion;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.platform.db.Db;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/** Promotions, their uses and the discounts frozen on orders, in PostgreSQL. */
@ApplicationScoped
public class PromotionRepository {

    private static final String COLUMNS = """
            id, name, code, kind, percent_off, amount_off_minor, min_subtotal_minor, product_ids, category_ids, customer_tiers,
            channels, starts_at, ends_at, usage_limit, per_customer_limit, used_count, paused, created_at, updated_at""";

    /** Staff reads: every use counted from the redemption rows (unlimited promotions keep no counter). */
    private static final String STAFF_COLUMNS = COLUMNS
            + ", (SELECT count(*) FROM promotion_redemption r WHERE r.promotion_id = promotion.id) AS uses";

    private final Db db;

    public PromotionRepository(Db db) {
        this.db = db;
    }

    /** A promotion row as stored. */
    /** @param uses orders it was used on (staff reads only; 0 otherwise) */
    record PromotionRow(PromotionRule rule, OffsetDateTime startsAt, OffsetDateTime endsAt, OffsetDateTime createdAt,
            OffsetDateTime updatedAt, long uses) {
    }

    /** A new or changed promotion, validated; amounts in minor units, codes upper-case. */
    record Definition(String name, String code, PromotionKind kind, BigDecimal percentOff, Long amountOffMinor, Long minSubtotalMinor,
            List<Long> productKeys, List<Long> categoryKeys, List<String> customerTiers, List<String> channels, OffsetDateTime startsAt,
            OffsetDateTime endsAt, Integer usageLimit, Integer perCustomerLimit) {
    }

    record DiscountRow(long orderKey, String kind, String code, String description, long amountMinor, boolean freeShipping) {
    }

    // ---- reads

    /** Automatic promotions that are not paused and have not ended, and the coupons with these codes. */
    Uni<List<PromotionRule>> applicable(Set<String> codes, Instant now) {
        return db.query("SELECT " + COLUMNS + """
                 FROM promotion WHERE (code IS NULL AND NOT paused AND (ends_at IS NULL OR ends_at > $2)) OR code = ANY($1)
                ORDER BY id""", Tuple.of(codes.toArray(String[]::new), OffsetDateTime.ofInstant(now, ZoneOffset.UTC)))
                .map(rows -> {
                    List<PromotionRule> result = new ArrayList<>();
                    rows.forEach(r -> result.add(row(r).rule()));
                    return result;
                });
    }

    Uni<PromotionRow> findById(long key) {
        return db.query("SELECT " + STAFF_COLUMNS + " FROM promotion WHERE id = $1", Tuple.of(key))
                .map(rows -> rows.size() == 0 ? null : row(rows.iterator().next()));
    }

    Uni<PromotionRow> findByCode(String code) {
        return db.query("SELECT " + STAFF_COLUMNS + " FROM promotion WHERE code = $1", Tuple.of(code))
                .map(rows -> rows.size() == 0 ? null : row(rows.iterator().next()));
    }

    Uni<List<PromotionRow>> list(int limit, int offset) {
        return db.query("SELECT " + STAFF_COLUMNS + " FROM promotion ORDER BY id DESC LIMIT $1 OFFSET $2", Tuple.of(limit, offset))
                .map(PromotionRepository::rows);
    }

    /** Each product's category and all the category's parents. */
    Uni<Map<Long, Set<Long>>> categoriesOf(Set<Long> productKeys) {
        return db.query("""
                WITH RECURSIVE up(product_id, category_id) AS (
                    SELECT id, category_id FROM product WHERE id = ANY($1) AND category_id IS NOT NULL
                    UNION
                    SELECT up.product_id, c.parent_id FROM up JOIN category c ON c.id = up.category_id WHERE c.parent_id IS NOT NULL)
                SELECT product_id, category_id FROM up""", Tuple.of(productKeys.toArray(Long[]::new))).map(rows -> {
                    Map<Long, Set<Long>> result = new HashMap<>();
                    rows.forEach(r -> result.computeIfAbsent(r.getLong("product_id"), k -> new HashSet<>()).add(r.getLong("category_id")));
                    return result;
                });
    }

    /** How often each customer used each of these promotions. */
    Uni<Map<String, Map<Long, Integer>>> uses(Set<Long> promotionKeys, Set<String> customers) {
        return db.query("""
                SELECT promotion_id, customer_id, count(*) AS uses FROM promotion_redemption
                WHERE promotion_id = ANY($1) AND customer_id = ANY($2) GROUP BY promotion_id, customer_id""",
                Tuple.of(promotionKeys.toArray(Long[]::new), customers.toArray(String[]::new))).map(rows -> {
                    Map<String, Map<Long, Integer>> result = new HashMap<>();
                    rows.forEach(r -> result.computeIfAbsent(r.getString("customer_id"), k -> new HashMap<>())
                            .put(r.getLong("promotion_id"), r.getLong("uses").intValue()));
                    return result;
                });
    }

    Uni<Map<Long, List<DiscountRow>>> discountsByOrder(Set<Long> orderKeys) {
        return db.query("""
                SELECT order_id, kind, code, description, amount_minor, free_shipping FROM order_discount
                WHERE order_id = ANY($1) ORDER BY order_id, position""", Tuple.of(orderKeys.toArray(Long[]::new))).map(rows -> {
                    Map<Long, List<DiscountRow>> result = new HashMap<>();
                    rows.forEach(r -> result.computeIfAbsent(r.getLong("order_id"), k -> new ArrayList<>())
                            .add(new DiscountRow(r.getLong("order_id"), r.getString("kind"), r.getString("code"), r.getString("description"),
                                    r.getLong("amount_minor"), r.getBoolean("free_shipping"))));
                    return result;
                });
    }

    // ---- staff changes

    Uni<PromotionRow> insert(Definition d) {
        return db.query("INSERT INTO promotion (name, code, kind, percent_off, amount_off_minor, min_subtotal_minor, product_ids, "
                + "category_ids, customer_tiers, channels, starts_at, ends_at, usage_limit, per_customer_limit) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING " + STAFF_COLUMNS, definition(d))
                .map(rows -> row(rows.iterator().next()));
    }

    Uni<PromotionRow> update(long key, Definition d) {
        Tuple args = definition(d).addLong(key);
        return db.query("UPDATE promotion SET name = $1, code = $2, kind = $3, percent_off = $4, amount_off_minor = $5, "
                + "min_subtotal_minor = $6, product_ids = $7, category_ids = $8, customer_tiers = $9, channels = $10, starts_at = $11, "
                + "ends_at = $12, usage_limit = $13, per_customer_limit = $14, updated_at = now(), "
                // A promotion getting its first limit starts counting from the uses it already had.
                + "used_count = CASE WHEN usage_limit IS NULL AND per_customer_limit IS NULL "
                + "THEN (SELECT count(*) FROM promotion_redemption r WHERE r.promotion_id = promotion.id) ELSE used_count END "
                + "WHERE id = $15 RETURNING " + STAFF_COLUMNS, args)
                .map(rows -> rows.size() == 0 ? null : row(rows.iterator().next()));
    }

    Uni<PromotionRow> setPaused(long key, boolean paused) {
        return db.query("UPDATE promotion SET paused = $2, updated_at = now() WHERE id = $1 RETURNING " + STAFF_COLUMNS, Tuple.of(key, paused))
                .map(rows -> rows.size() == 0 ? null : row(rows.iterator().next()));
    }

    /** Which of these keys are products, and which are categories (for validating a scope). */
    Uni<Long> countExisting(String table, List<Long> keys) {
        return db.query("SELECT count(*) FROM " + table + " WHERE id = ANY($1)", Tuple.of(keys.toArray(Long[]::new)))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    // ---- inside the order transaction

    /**
     * Counts one use of a promotion with a usage limit unless the limit is reached. The row lock makes concurrent
     * checkouts take turns, so a limit of 10 gives exactly 10 uses. Promotions without limits are not locked (their
     * uses are the redemption rows), so an automatic promotion on every order does not serialize checkouts.
     */
    Uni<Claim> claimUse(Db.Tx tx, long key) {
        return tx.query("""
                WITH p AS (SELECT id, usage_limit, per_customer_limit FROM promotion WHERE id = $1),
                claimed AS (
                    UPDATE promotion SET used_count = used_count + 1 FROM p
                    WHERE promotion.id = p.id AND (p.usage_limit IS NOT NULL OR p.per_customer_limit IS NOT NULL)
                      AND (promotion.usage_limit IS NULL OR promotion.used_count < promotion.usage_limit)
                    RETURNING promotion.id)
                SELECT p.usage_limit, p.per_customer_limit, (SELECT count(*) FROM claimed) AS claimed FROM p""", Tuple.of(key))
                .map(rows -> {
                    Row r = rows.iterator().next();
                    boolean limited = r.getInteger("usage_limit") != null || r.getInteger("per_customer_limit") != null;
                    return new Claim(!limited || r.getLong("claimed") > 0, r.getInteger("per_customer_limit"));
                });
    }

    record Claim(boolean claimed, Integer perCustomerLimit) {
    }

    /** Uses of a promotion by a customer; after {@link #claimUse} holds the promotion's lock, so the count is current. */
    Uni<Integer> usesBy(Db.Tx tx, long key, String customer) {
        return tx.query("SELECT count(*) FROM promotion_redemption WHERE promotion_id = $1 AND customer_id = $2", Tuple.of(key, customer))
                .map(rows -> rows.iterator().next().getLong(0).intValue());
    }

    Uni<Void> insertRedemption(Db.Tx tx, long key, long orderKey, String customer) {
        return tx.query("INSERT INTO promotion_redemption (promotion_id, order_id, customer_id) VALUES ($1, $2, $3)",
                Tuple.of(key, orderKey, customer)).replaceWithVoid();
    }

    Uni<Void> insertOrderDiscounts(Db.Tx tx, long orderKey, List<Long> promotionKeys, List<String> kinds, List<String> codes,
            List<String> descriptions, List<Long> amounts, List<Boolean> freeShipping) {
        int n = kinds.size();
        Integer[] positions = new Integer[n];
        for (int i = 0; i < n; i++) {
            positions[i] = i;
        }
        return tx.query("""
                INSERT INTO order_discount (order_id, position, promotion_id, kind, code, description, amount_minor, free_shipping)
                SELECT $1::bigint, * FROM unnest($2::int[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::boolean[])""",
                Tuple.from(Arrays.asList(orderKey, positions, promotionKeys.toArray(Long[]::new), kinds.toArray(String[]::new),
                        codes.toArray(String[]::new), descriptions.toArray(String[]::new), amounts.toArray(Long[]::new),
                        freeShipping.toArray(Boolean[]::new))))
                .replaceWithVoid();
    }

    // ---- mapping

    private static Tuple definition(Definition d) {
        return Tuple.from(Arrays.asList(d.name(), d.code(), d.kind().name(), d.percentOff(), d.amountOffMinor(), d.minSubtotalMinor(),
                d.productKeys().toArray(Long[]::new), d.categoryKeys().toArray(Long[]::new), d.customerTiers().toArray(String[]::new),
                d.channels().toArray(String[]::new), d.startsAt(), d.endsAt(), d.usageLimit(), d.perCustomerLimit()));
    }

    private static List<PromotionRow> rows(RowSet<Row> rows) {
        List<PromotionRow> result = new ArrayList<>();
        rows.forEach(r -> result.add(row(r)));
        return result;
    }

    private static PromotionRow row(Row r) {
        OffsetDateTime starts = r.getOffsetDateTime("starts_at");
        OffsetDateTime ends = r.getOffsetDateTime("ends_at");
        PromotionRule rule = new PromotionRule(r.getLong("id"), r.getString("name"), r.getString("code"),
                PromotionKind.valueOf(r.getString("kind")), r.getBigDecimal("percent_off"), r.getLong("amount_off_minor"),
                r.getLong("min_subtotal_minor"), new LinkedHashSet<>(Arrays.asList(r.getArrayOfLongs("product_ids"))),
                new LinkedHashSet<>(Arrays.asList(r.getArrayOfLongs("category_ids"))),
                new LinkedHashSet<>(Arrays.asList(r.getArrayOfStrings("customer_tiers"))),
                new LinkedHashSet<>(Arrays.asList(r.getArrayOfStrings("channels"))),
                starts == null ? null : starts.toInstant(), ends == null ? null : ends.toInstant(), r.getInteger("usage_limit"),
                r.getInteger("per_customer_limit"), r.getInteger("used_count"), r.getBoolean("paused"));
        return new PromotionRow(rule, starts == null ? null : starts.withOffsetSameInstant(ZoneOffset.UTC),
                ends == null ? null : ends.withOffsetSameInstant(ZoneOffset.UTC), r.getOffsetDateTime("created_at").withOffsetSameInstant(ZoneOffset.UTC),
                r.getOffsetDateTime("updated_at").withOffsetSameInstant(ZoneOffset.UTC),
                r.getColumnIndex("uses") >= 0 ? r.getLong("uses") : 0);
    }

    /** Erasure: a customer's redemptions keep counting towards usage limits under a pseudonym. */
    Uni<Void> pseudonymizeRedemptions(Db.Tx tx, String customerId, String pseudonym) {
        return tx.query("UPDATE promotion_redemption SET customer_id = $2 WHERE customer_id = $1", Tuple.of(customerId, pseudonym))
                .replaceWithVoid();
    }
}
