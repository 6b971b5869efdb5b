package com.omnichannel.gateway.credit;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
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
 * Store credit accounts and their ledger in PostgreSQL. Every change of a balance is a ledger entry written by the
 * same statement that moves the cached balance, so the balance is always the ledger's sum.
 */
@ApplicationScoped
public class StoreCreditRepository {

    private static final String ENTRY_COLUMNS = "id, customer_id, kind, amount_minor, reason, reference, order_number, channel, created_at";

    private final Db db;

    public StoreCreditRepository(Db db) {
        this.db = db;
    }

    public record EntryRow(long id, String customerId, StoreCreditEntryKind kind, long amountMinor, String reason, String reference,
            String orderNumber, String channel, OffsetDateTime createdAt) {
    }

    // ---- reads

    /** Balances in minor units of the customers that have an account. */
    public Uni<Map<String, Long>> balances(Set<String> customerIds) {
        return db.query("SELECT customer_id, balance_minor FROM store_credit_account WHERE customer_id = ANY($1)",
                Tuple.of(customerIds.toArray(String[]::new))).map(rows -> {
                    Map<String, Long> result = new HashMap<>();
                    rows.forEach(r -> result.put(r.getString("customer_id"), r.getLong("balance_minor")));
                    return result;
                });
    }

    public Uni<List<EntryRow>> ledger(String customerId, int limit, int offset) {
        return db.query("SELECT " + ENTRY_COLUMNS + " FROM store_credit_entry WHERE customer_id = $1 ORDER BY id DESC LIMIT $2 OFFSET $3",
                Tuple.of(customerId, limit, offset)).map(rows -> {
                    List<EntryRow> result = new ArrayList<>();
                    rows.forEach(r -> result.add(entry(r)));
                    return result;
                });
    }

    /** Credit each order spent (positive, minor units), for the orders that spent any. */
    public Uni<Map<Long, Long>> spentByOrders(Set<Long> orderKeys) {
        return db.query("SELECT order_id, -amount_minor AS spent FROM store_credit_entry WHERE order_id = ANY($1) AND kind = 'SPEND'",
                Tuple.of(orderKeys.toArray(Long[]::new))).map(rows -> {
                    Map<Long, Long> result = new HashMap<>();
                    rows.forEach(r -> result.put(r.getLong("order_id"), r.getLong("spent")));
                    return result;
                });
    }

    // ---- changes, inside a transaction

    public Uni<Void> ensureAccount(Db.Tx tx, String customerId, String currency) {
        return tx.query("INSERT INTO store_credit_account (customer_id, currency) VALUES ($1, $2) ON CONFLICT (customer_id) DO NOTHING",
                Tuple.of(customerId, currency)).replaceWithVoid();
    }

    /**
     * Appends a ledger entry and moves the cached balance by its amount, in one statement. The balance moves only
     * when it stays at or above zero (the account's row lock serializes concurrent changes), only once per order
     * and kind, and only once per refund reference. Returns the entry, or null when nothing was written.
     */
    public Uni<EntryRow> append(Db.Tx tx, String customerId, StoreCreditEntryKind kind, long amountMinor, String reason,
            String reference, Long orderKey, String orderNumber, String channel, String actor) {
        return tx.query("""
                WITH moved AS (
                    UPDATE store_credit_account SET balance_minor = balance_minor + $3
                    WHERE customer_id = $1 AND balance_minor + $3 >= 0
                      AND NOT EXISTS (SELECT 1 FROM store_credit_entry WHERE $6::bigint IS NOT NULL AND order_id = $6 AND kind = $2)
                      AND NOT EXISTS (SELECT 1 FROM store_credit_entry WHERE $2 = 'REFUND' AND kind = 'REFUND' AND reference = $5)
                    RETURNING customer_id)
                INSERT INTO store_credit_entry (customer_id, kind, amount_minor, reason, reference, order_id, order_number, channel, actor)
                SELECT customer_id, $2, $3, $4, $5, $6, $7, $8, $9 FROM moved
                RETURNING """ + " " + ENTRY_COLUMNS,
                Tuple.from(Arrays.asList(customerId, kind.name(), amountMinor, reason, reference, orderKey, orderNumber, channel, actor)))
                .map(rows -> rows.size() == 0 ? null : entry(rows.iterator().next()));
    }

    /** The refund credited under this reference: its customer and amount, or null if none was. */
    public Uni<EntryRow> refundOf(Db.Tx tx, String reference) {
        return tx.query("SELECT " + ENTRY_COLUMNS + " FROM store_credit_entry WHERE kind = 'REFUND' AND reference = $1", Tuple.of(reference))
                .map(rows -> rows.size() == 0 ? null : entry(rows.iterator().next()));
    }

    /** Credit an order spent (positive), with the customer, or null when it spent none. */
    public Uni<EntryRow> spentBy(Db.Tx tx, long orderKey) {
        return tx.query("SELECT " + ENTRY_COLUMNS + " FROM store_credit_entry WHERE order_id = $1 AND kind = 'SPEND'", Tuple.of(orderKey))
                .map(rows -> rows.size() == 0 ? null : entry(rows.iterator().next()));
    }

    private static EntryRow entry(Row r) {
        return new EntryRow(r.getLong("id"), r.getString("customer_id"), StoreCreditEntryKind.valueOf(r.getString("kind")),
                r.getLong("amount_minor"), r.getString("reason"), r.getString("reference"), r.getString("order_number"),
                r.getString("channel"), r.getOffsetDateTime("created_at").withOffsetSameInstant(ZoneOffset.UTC));
    }

    // ---- privacy

    /** The account and every ledger entry of a customer, as one JSON object (data export); null when they have none. */
    Uni<String> exportCustomer(String customerId) {
        Tuple id = Tuple.of(customerId);
        return db.query("SELECT balance_minor, currency, created_at FROM store_credit_account WHERE customer_id = $1", id)
                .chain(account -> db.query("""
                        SELECT id, kind, amount_minor, reason, reference, order_number, channel, created_at FROM store_credit_entry
                         WHERE customer_id = $1 ORDER BY id""", id).map(ledger -> {
                    if (account.size() == 0) {
                        return null;
                    }
                    JsonObject document = new JsonObject();
                    account.forEach(row -> document.put("account", row.toJson()));
                    JsonArray entries = new JsonArray();
                    ledger.forEach(row -> entries.add(row.toJson()));
                    return document.put("ledger", entries).encode();
                }));
    }

    /**
     * Moves a customer's account and ledger to a pseudonym (erasure keeps the figures: they are the accounting of money
     * owed to the customer); the customer's own actions are attributed to {@code erasedActor}.
     */
    Uni<Void> pseudonymize(Db.Tx tx, String customerId, String pseudonym, String erasedActor) {
        return tx.query("""
                INSERT INTO store_credit_account (customer_id, balance_minor, currency, created_at)
                SELECT $2, balance_minor, currency, created_at FROM store_credit_account WHERE customer_id = $1""",
                Tuple.of(customerId, pseudonym))
                .chain(() -> tx.query("""
                        UPDATE store_credit_entry SET customer_id = $2, actor = CASE WHEN actor = $1 THEN $3 ELSE actor END
                         WHERE customer_id = $1""", Tuple.of(customerId, pseudonym, erasedActor)))
                .chain(() -> tx.query("DELETE FROM store_credit_account WHERE customer_id = $1", Tuple.of(customerId)))
                .replaceWithVoid();
    }
}
