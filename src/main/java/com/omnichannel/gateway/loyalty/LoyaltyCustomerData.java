package com.omnichannel.gateway.loyalty;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.customer.CustomerDataContributor;
import com.omnichannel.gateway.order.OrderCustomerData;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Loyalty in a customer's privacy rights: the export holds the account,
 * every ledger entry and the pending points; erasure keeps the ledger's figures (it is the accounting of the points)
 * under a random pseudonym, so nothing links them to the person any more.
 */
@ApplicationScoped
public class LoyaltyCustomerData implements CustomerDataContributor {

    private final Db db;

    public LoyaltyCustomerData(Db db) {
        this.db = db;
    }

    @Override
    public String section() {
        return "loyalty";
    }

    @Override
    public Uni<String> export(String customerId) {
        Tuple id = Tuple.of(customerId);
        return db.query("SELECT balance, pending, last_activity_at, created_at FROM loyalty_account WHERE customer_id = $1", id)
                .chain(account -> db.query("""
                        SELECT id, kind, points, reason, order_number, channel, created_at FROM loyalty_ledger_entry
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

    @Override
    public Uni<Void> erase(Db.Tx tx, String customerId) {
        String pseudonym = "erased:" + UUID.randomUUID();
        Tuple ids = Tuple.of(customerId, pseudonym, OrderCustomerData.ERASED_ACTOR);
        // The pseudonymous account first (the ledger and pending rows refer to it), then move everything over.
        return tx.query("""
                INSERT INTO loyalty_account (customer_id, balance, pending, last_activity_at, created_at)
                SELECT $2, balance, pending, last_activity_at, created_at FROM loyalty_account WHERE customer_id = $1""",
                Tuple.of(customerId, pseudonym))
                .chain(() -> tx.query("""
                        UPDATE loyalty_ledger_entry SET customer_id = $2, actor = CASE WHEN actor = $1 THEN $3 ELSE actor END
                         WHERE customer_id = $1""", ids))
                .chain(() -> tx.query("UPDATE loyalty_pending_earn SET customer_id = $2 WHERE customer_id = $1", Tuple.of(customerId, pseudonym)))
                .chain(() -> tx.query("UPDATE promotion_redemption SET customer_id = $2 WHERE customer_id = $1", Tuple.of(customerId, pseudonym)))
                .chain(() -> tx.query("DELETE FROM loyalty_account WHERE customer_id = $1", Tuple.of(customerId)))
                .replaceWithVoid();
    }
}
