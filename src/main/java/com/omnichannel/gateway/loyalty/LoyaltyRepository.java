package com.omnichannel.gateway.loyalty;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.platform.db.Db;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Loyalty accounts, the ledger and pending points in PostgreSQL. Every change of the balance goes with a ledger
 * entry in the same transaction; the cached balance is the ledger's sum.
 */
@ApplicationScoped
public class LoyaltyRepository {

    private final Db db;

    public LoyaltyRepository(Db db) {
        this.db = db;
    }

    public record AccountRow(String customerId, long balance, long pending) {
    }

    public record EntryRow(long id, String customerId, LoyaltyLedgerKind kind, long points, String reason, String orderNumber,
            String channel, String actorChannel, OffsetDateTime createdAt) {
    }

    public record PendingRow(String customerId, long points) {
    }

    // ---- reads

    public Uni<Map<String, AccountRow>> accounts(Set<String> customerIds) {
        return db.query("SELECT customer_id, balance, pending FROM loyalty_account WHERE customer_id = ANY($1)",
                Tuple.of(customerIds.toArray(String[]::new))).map(rows -> {
                    Map<String, AccountRow> result = new HashMap<>();
                    rows.forEach(r -> result.put(r.getString("customer_id"), account(r)));
                    return result;
                });
    }

    /** Qualifying spend per customer: delivered and picked-up orders (without shipping) placed since {@code from}. */
    public Uni<Map<String, Long>> qualifyingSpend(Set<String> customerIds, OffsetDateTime from) {
        return db.query("""
                SELECT customer_id, COALESCE(SUM(total_minor - shipping_minor), 0) AS spend FROM customer_order
                WHERE customer_id = ANY($1) AND status IN ('DELIVERED', 'PICKED_UP') AND placed_at >= $2
                GROUP BY customer_id""", Tuple.of(customerIds.toArray(String[]::new), from)).map(rows -> {
                    Map<String, Long> result = new HashMap<>();
                    rows.forEach(r -> result.put(r.getString("customer_id"), r.getLong("spend")));
                    return result;
                });
    }

    /** As {@link #qualifyingSpend}, for one customer, on a transaction's connection. */
    public Uni<Long> qualifyingSpend(Db.Tx tx, String customerId, OffsetDateTime from) {
        return tx.query("""
                SELECT COALESCE(SUM(total_minor - shipping_minor), 0) AS spend FROM customer_order
                WHERE customer_id = $1 AND status IN ('DELIVERED', 'PICKED_UP') AND placed_at >= $2""", Tuple.of(customerId, from))
                .map(rows -> rows.iterator().next().getLong("spend"));
    }

    public Uni<List<EntryRow>> ledger(String customerId, int limit, int offset) {
        return db.query("""
                SELECT id, customer_id, kind, points, reason, order_number, channel, actor_channel, created_at FROM loyalty_ledger_entry
                WHERE customer_id = $1 ORDER BY id DESC LIMIT $2 OFFSET $3""", Tuple.of(customerId, limit, offset))
                .map(rows -> {
                    List<EntryRow> result = new ArrayList<>();
                    rows.forEach(r -> result.add(entry(r)));
                    return result;
                });
    }

    // ---- changes, inside a transaction

    public Uni<Void> ensureAccount(Db.Tx tx, String customerId) {
        return tx.query("INSERT INTO loyalty_account (customer_id) VALUES ($1) ON CONFLICT (customer_id) DO NOTHING",
                Tuple.of(customerId)).replaceWithVoid();
    }

    /**
     * Appends a ledger entry and moves the cached balance by its points, in one statement. The balance moves only
     * when it stays at or above zero (the row lock serializes concurrent changes of one account) and, for entries
     * of an order, only the first time (one entry per order and kind). Returns the entry, or null when nothing
     * was written: not enough points, or the order already has this kind of entry.
     */
    public Uni<EntryRow> append(Db.Tx tx, String customerId, LoyaltyLedgerKind kind, long points, String reason, Long orderKey,
            String orderNumber, String channel, String actor, String actorChannel, boolean activity) {
        return tx.query("""
                WITH moved AS (
                    UPDATE loyalty_account SET balance = balance + $3,
                        last_activity_at = CASE WHEN $9 THEN now() ELSE last_activity_at END
                    WHERE customer_id = $1 AND balance + $3 >= 0
                      AND ($2 = 'RETURN' OR NOT EXISTS (SELECT 1 FROM loyalty_ledger_entry WHERE $5::bigint IS NOT NULL AND order_id = $5 AND kind = $2))
                    RETURNING customer_id)
                INSERT INTO loyalty_ledger_entry (customer_id, kind, points, reason, order_id, order_number, channel, actor, actor_channel)
                SELECT customer_id, $2, $3, $4, $5, $6, $7, $8, $10 FROM moved
                RETURNING id, customer_id, kind, points, reason, order_number, channel, actor_channel, created_at""",
                Tuple.from(java.util.Arrays.asList(customerId, kind.name(), points, reason, orderKey, orderNumber, channel, actor, activity,
                        actorChannel)))
                .map(rows -> rows.size() == 0 ? null : entry(rows.iterator().next()));
    }

    /** Records the points an order will earn once collected; the cached pending total moves with it. */
    public Uni<Void> addPending(Db.Tx tx, String customerId, long orderKey, long points) {
        return tx.query("""
                WITH added AS (
                    INSERT INTO loyalty_pending_earn (order_id, customer_id, points, state) VALUES ($1, $2, $3, 'PENDING')
                    ON CONFLICT (order_id) DO NOTHING RETURNING customer_id, points)
                UPDATE loyalty_account a SET pending = a.pending + added.points FROM added WHERE a.customer_id = added.customer_id""",
                Tuple.of(orderKey, customerId, points)).replaceWithVoid();
    }

    /** Settles an order's pending points (EARNED or CANCELLED) once; returns them, or null if none were pending. */
    public Uni<PendingRow> settlePending(Db.Tx tx, long orderKey, String state) {
        return tx.query("""
                WITH settled AS (
                    UPDATE loyalty_pending_earn SET state = $2, settled_at = now() WHERE order_id = $1 AND state = 'PENDING'
                    RETURNING customer_id, points - returned_points AS points)
                UPDATE loyalty_account a SET pending = a.pending - settled.points FROM settled
                WHERE a.customer_id = settled.customer_id RETURNING settled.customer_id, settled.points""",
                Tuple.of(orderKey, state))
                .map(rows -> rows.size() == 0 ? null : new PendingRow(rows.iterator().next().getString("customer_id"),
                        rows.iterator().next().getLong("points")));
    }

    /** The points an order earns (as placed) and how many of them returns took back, locked; null when it earns none. */
    public Uni<EarnRow> lockEarn(Db.Tx tx, long orderKey) {
        return tx.query("SELECT customer_id, points, returned_points, state FROM loyalty_pending_earn WHERE order_id = $1 FOR UPDATE",
                Tuple.of(orderKey)).map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    return new EarnRow(r.getString("customer_id"), r.getLong("points"), r.getLong("returned_points"), r.getString("state"));
                });
    }

    public record EarnRow(String customerId, long points, long returnedPoints, String state) {
    }

    /** Records points of the order taken back by a return; while they are pending, the account's pending points drop too. */
    public Uni<Void> takeBackEarn(Db.Tx tx, long orderKey, long points, boolean pending) {
        return tx.query("""
                WITH earn AS (UPDATE loyalty_pending_earn SET returned_points = returned_points + $2 WHERE order_id = $1
                              RETURNING customer_id)
                UPDATE loyalty_account a SET pending = a.pending - $2 FROM earn WHERE $3 AND a.customer_id = earn.customer_id""",
                Tuple.of(orderKey, points, pending)).replaceWithVoid();
    }

    /**
     * Takes up to {@code points} off the balance as a RETURN entry, never below zero: answers what was taken (0 when
     * the balance was empty, with no entry written).
     */
    public Uni<Long> takeBackUpTo(Db.Tx tx, String customerId, long points, String reason, long orderKey, String orderNumber,
            String channel, String actor, String actorChannel) {
        return tx.query("""
                WITH account AS (SELECT customer_id, LEAST($2, balance) AS taken FROM loyalty_account WHERE customer_id = $1 FOR UPDATE),
                     moved AS (UPDATE loyalty_account a SET balance = a.balance - account.taken FROM account
                               WHERE a.customer_id = account.customer_id AND account.taken > 0 RETURNING account.taken)
                INSERT INTO loyalty_ledger_entry (customer_id, kind, points, reason, order_id, order_number, channel, actor, actor_channel)
                SELECT $1, 'RETURN', -taken, $3, $4, $5, $6, $7, $8 FROM moved RETURNING -points AS taken""",
                Tuple.from(java.util.Arrays.asList(customerId, points, reason, orderKey, orderNumber, channel, actor, actorChannel)))
                .map(rows -> rows.size() == 0 ? 0L : rows.iterator().next().getLong("taken"));
    }

    /** Redeemed points of the order that returns have given back so far. */
    public Uni<Long> redeemedGivenBack(Db.Tx tx, long orderKey) {
        return tx.query("SELECT COALESCE(sum(points), 0)::bigint AS points FROM loyalty_ledger_entry WHERE order_id = $1 AND kind = 'RETURN' AND points > 0",
                Tuple.of(orderKey)).map(rows -> rows.iterator().next().getLong("points"));
    }

    /** Points an order redeemed (positive), or 0. */
    public Uni<Long> redeemedBy(Db.Tx tx, long orderKey) {
        return tx.query("SELECT customer_id, -points AS points FROM loyalty_ledger_entry WHERE order_id = $1 AND kind = 'REDEEM'",
                Tuple.of(orderKey)).map(rows -> rows.size() == 0 ? 0L : rows.iterator().next().getLong("points"));
    }

    /**
     * Expires the balance of accounts without activity since {@code inactiveSince}: an EXPIRE entry each and the
     * balance to zero, in one statement, for up to {@code limit} accounts. Returns how many expired.
     */
    public Uni<Integer> expire(OffsetDateTime inactiveSince, int limit) {
        return db.query("""
                WITH due AS (
                    SELECT customer_id, balance FROM loyalty_account WHERE balance > 0 AND last_activity_at < $1
                    ORDER BY customer_id LIMIT $2 FOR UPDATE SKIP LOCKED),
                expired AS (
                    UPDATE loyalty_account a SET balance = 0 FROM due WHERE a.customer_id = due.customer_id
                    RETURNING a.customer_id, due.balance)
                INSERT INTO loyalty_ledger_entry (customer_id, kind, points, reason, actor)
                SELECT customer_id, 'EXPIRE', -balance, 'Expired after a period without activity', 'system' FROM expired
                RETURNING id""", Tuple.of(inactiveSince, limit)).map(rows -> rows.size());
    }

    private static AccountRow account(Row r) {
        return new AccountRow(r.getString("customer_id"), r.getLong("balance"), r.getLong("pending"));
    }

    private static EntryRow entry(Row r) {
        return new EntryRow(r.getLong("id"), r.getString("customer_id"), LoyaltyLedgerKind.valueOf(r.getString("kind")),
                r.getLong("points"), r.getString("reason"), r.getString("order_number"), r.getString("channel"),
                r.getString("actor_channel"), r.getOffsetDateTime("created_at").withOffsetSameInstant(ZoneOffset.UTC));
    }

    // ---- privacy

    /** The account, every ledger entry and the pending points of a customer, as one JSON object (data export). */
    Uni<String> exportCustomer(String customerId) {
        Tuple id = Tuple.of(customerId);
        return db.query("SELECT balance, pending, last_activity_at, created_at FROM loyalty_account WHERE customer_id = $1", id)
                .chain(account -> db.query("""
                        SELECT id, kind, points, reason, order_number, channel, actor_channel, created_at FROM loyalty_ledger_entry
                         WHERE customer_id = $1 ORDER BY id""", id)
                        .chain(ledger -> db.query("""
                                SELECT o.number, p.points, p.state, p.created_at, p.settled_at
                                  FROM loyalty_pending_earn p JOIN customer_order o ON o.id = p.order_id
                                 WHERE p.customer_id = $1 ORDER BY p.created_at""", id)
                                .map(pending -> {
                                    JsonObject document = new JsonObject();
                                    for (Row row : account) {
                                        document.put("account", row.toJson());
                                    }
                                    JsonArray entries = new JsonArray();
                                    ledger.forEach(row -> entries.add(row.toJson()));
                                    JsonArray pendingEarns = new JsonArray();
                                    pending.forEach(row -> pendingEarns.add(row.toJson()));
                                    return document.put("ledger", entries).put("pendingEarns", pendingEarns).encode();
                                })));
    }

    /**
     * Moves a customer's account, ledger and pending points to a pseudonym (erasure keeps the figures: they are the
     * accounting of the points); the customer's own ledger actions are attributed to {@code erasedActor}.
     */
    Uni<Void> pseudonymize(Db.Tx tx, String customerId, String pseudonym, String erasedActor) {
        // The pseudonymous account first (the ledger and pending rows refer to it), then move everything over.
        return tx.query("""
                INSERT INTO loyalty_account (customer_id, balance, pending, last_activity_at, created_at)
                SELECT $2, balance, pending, last_activity_at, created_at FROM loyalty_account WHERE customer_id = $1""",
                Tuple.of(customerId, pseudonym))
                .chain(() -> tx.query("""
                        UPDATE loyalty_ledger_entry SET customer_id = $2, actor = CASE WHEN actor = $1 THEN $3 ELSE actor END
                         WHERE customer_id = $1""", Tuple.of(customerId, pseudonym, erasedActor)))
                .chain(() -> tx.query("UPDATE loyalty_pending_earn SET customer_id = $2 WHERE customer_id = $1", Tuple.of(customerId, pseudonym)))
                .chain(() -> tx.query("DELETE FROM loyalty_account WHERE customer_id = $1", Tuple.of(customerId)))
                .replaceWithVoid();
    }
}
