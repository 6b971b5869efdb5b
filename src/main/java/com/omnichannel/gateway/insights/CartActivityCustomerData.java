package com.omnichannel.gateway.insights;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.customer.CustomerDataContributor;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;

/** The carts a customer created (kept for channel insights) in their data export and erasure. */
@ApplicationScoped
public class CartActivityCustomerData implements CustomerDataContributor {

    private final Db db;

    public CartActivityCustomerData(Db db) {
        this.db = db;
    }

    @Override
    public String section() {
        return "cartActivity";
    }

    @Override
    public Uni<String> export(String customerId) {
        return db.query("""
                SELECT coalesce(json_agg(to_jsonb(a) ORDER BY a.created_at), '[]')::text AS doc
                  FROM cart_activity a WHERE a.customer_id = $1::uuid""", Tuple.of(customerId))
                .map(rows -> rows.iterator().next().getString("doc"));
    }

    /** The facts stay (carts created still count for their channel), without the customer. */
    @Override
    public Uni<Void> erase(Db.Tx tx, String customerId) {
        return tx.query("UPDATE cart_activity SET customer_id = NULL WHERE customer_id = $1::uuid", Tuple.of(customerId))
                .replaceWithVoid();
    }
}
