package com.omnichannel.gateway.integration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.platform.ids.GlobalId;
import com.omnichannel.gateway.platform.outbox.Outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/** The webhook subscriptions and their deliveries. */
@ApplicationScoped
class WebhookRepository {

    private static final String SUBSCRIPTION_COLUMNS = """
            id, url, event_types, status, paused_reason, paused_at, consecutive_failures, created_at, updated_at""";
    private static final String DELIVERY_COLUMNS = """
            d.id, d.subscription_id, d.event_id::text AS event_id, d.event_type, d.aggregate_key, d.status, d.attempts,
            d.next_attempt_at, d.last_attempt_at, d.last_response_code, d.last_duration_ms, d.last_error, d.delivered_at,
            d.occurred_at""";

    /** A delivery claimed by this instance, with what it takes to send it. */
    record Claimed(long id, long subscriptionId, long outboxId, UUID claimToken, String url, String secret, int attempts) {
    }

    private final Db db;

    WebhookRepository(Db db) {
        this.db = db;
    }

    Uni<WebhookSubscription> insert(String url, List<String> eventTypes, String secret, String createdBy) {
        return db.query("INSERT INTO webhook_subscription (url, event_types, secret, created_by) VALUES ($1, $2, $3, $4) RETURNING "
                + SUBSCRIPTION_COLUMNS, Tuple.of(url, eventTypes.toArray(String[]::new), secret, createdBy))
                .map(rows -> subscription(rows.iterator().next()));
    }

    /** Changes what is given (null leaves a column as it is); null when there is no such subscription. */
    Uni<WebhookSubscription> update(long key, String url, List<String> eventTypes, String secret) {
        return db.query("""
                UPDATE webhook_subscription SET url = COALESCE($2, url), event_types = COALESCE($3, event_types),
                       secret = COALESCE($4, secret), updated_at = now()
                 WHERE id = $1 RETURNING
                """ + SUBSCRIPTION_COLUMNS,
                Tuple.of(key, url, eventTypes == null ? null : eventTypes.toArray(String[]::new), secret))
                .map(WebhookRepository::firstSubscription);
    }

    Uni<WebhookSubscription> pause(long key, String reason) {
        return db.query("""
                UPDATE webhook_subscription SET status = 'PAUSED', paused_reason = $2, paused_at = now(), updated_at = now()
                 WHERE id = $1 RETURNING
                """ + SUBSCRIPTION_COLUMNS, Tuple.of(key, reason))
                .map(WebhookRepository::firstSubscription);
    }

    /** Active again, with what was kept while paused due at once (in order, as always). */
    Uni<WebhookSubscription> resume(long key) {
        return db.inTransaction(tx -> tx.query("""
                UPDATE webhook_delivery SET next_attempt_at = now() WHERE subscription_id = $1 AND status = 'PENDING'""",
                Tuple.of(key)).chain(() -> tx.query("""
                UPDATE webhook_subscription SET status = 'ACTIVE', paused_reason = NULL, paused_at = NULL,
                       consecutive_failures = 0, updated_at = now()
                 WHERE id = $1 RETURNING
                """ + SUBSCRIPTION_COLUMNS, Tuple.of(key))))
                .map(WebhookRepository::firstSubscription);
    }

    Uni<Boolean> delete(long key) {
        return db.query("DELETE FROM webhook_subscription WHERE id = $1", Tuple.of(key)).map(rows -> rows.rowCount() == 1);
    }

    Uni<WebhookSubscription> find(long key) {
        return db.query("SELECT " + SUBSCRIPTION_COLUMNS + " FROM webhook_subscription WHERE id = $1", Tuple.of(key))
                .map(WebhookRepository::firstSubscription);
    }

    Uni<List<WebhookSubscription>> list(int limit, int offset) {
        return db.query("SELECT " + SUBSCRIPTION_COLUMNS + " FROM webhook_subscription ORDER BY id LIMIT $1 OFFSET $2",
                Tuple.of(limit, offset)).map(rows -> {
                    List<WebhookSubscription> list = new ArrayList<>();
                    rows.forEach(r -> list.add(subscription(r)));
                    return list;
                });
    }

    /** Newest first; {@code status} null for all. */
    Uni<List<WebhookDelivery>> deliveries(long subscriptionKey, String status, int limit, int offset) {
        return db.query("SELECT " + DELIVERY_COLUMNS + """

                  FROM webhook_delivery d WHERE d.subscription_id = $1 AND ($2::text IS NULL OR d.status = $2)
                 ORDER BY d.id DESC LIMIT $3 OFFSET $4""", Tuple.of(subscriptionKey, status, limit, offset))
                .map(WebhookRepository::deliveries);
    }

    /** Due again at once (also one delivered or given up), its age for giving up counted anew; null when unknown. */
    Uni<WebhookDelivery> retry(long key) {
        return db.query("""
                UPDATE webhook_delivery d SET status = 'PENDING', next_attempt_at = now(), retry_since = now(), delivered_at = NULL
                 WHERE d.id = $1 RETURNING
                """ + DELIVERY_COLUMNS, Tuple.of(key))
                .map(rows -> rows.size() == 0 ? null : deliveries(rows).get(0));
    }

    /** One delivery per event and subscription that wants its type, in the transaction that dispatches the events. */
    Uni<Void> fanOut(Db.Tx tx, List<Outbox.Event> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = events.size();
        Long[] ids = new Long[n];
        String[] eventIds = new String[n];
        String[] types = new String[n];
        String[] aggregates = new String[n];
        java.time.OffsetDateTime[] occurred = new java.time.OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            Outbox.Event e = events.get(i);
            ids[i] = e.id();
            eventIds[i] = e.eventId();
            types[i] = e.eventType();
            aggregates[i] = e.aggregateType() + ":" + e.aggregateId();
            occurred[i] = e.occurredAt();
        }
        return tx.query("""
                INSERT INTO webhook_delivery (subscription_id, outbox_id, event_id, event_type, aggregate_key, occurred_at)
                SELECT s.id, e.id, e.event_id::uuid, e.event_type, e.aggregate_key, e.occurred_at
                  FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::timestamptz[])
                       AS e(id, event_id, event_type, aggregate_key, occurred_at)
                  JOIN webhook_subscription s ON e.event_type = ANY (s.event_types)
                 ORDER BY e.id, s.id
                ON CONFLICT (subscription_id, outbox_id) DO NOTHING""",
                Tuple.tuple(List.of(ids, eventIds, types, aggregates, occurred))).replaceWithVoid();
    }

    /**
     * Claims due deliveries of active subscriptions for {@code lease}, skipping those another instance holds and
     * those with an earlier undelivered event of the same aggregate for the same subscription (that keeps an
     * aggregate's events in order while other aggregates go on).
     */
    Uni<List<Claimed>> claim(int limit, Duration lease) {
        UUID token = UUID.randomUUID();
        return db.background().inTransaction(tx -> tx.queryThenCommit("""
                WITH due AS (
                    SELECT d.id FROM webhook_delivery d
                      JOIN webhook_subscription s ON s.id = d.subscription_id
                     WHERE d.status = 'PENDING' AND s.status = 'ACTIVE' AND d.next_attempt_at <= now()
                       AND (d.locked_until IS NULL OR d.locked_until < now())
                       AND NOT EXISTS (SELECT 1 FROM webhook_delivery p
                                        WHERE p.subscription_id = d.subscription_id AND p.aggregate_key = d.aggregate_key
                                          AND p.status = 'PENDING' AND p.outbox_id < d.outbox_id)
                     ORDER BY d.next_attempt_at, d.outbox_id
                     LIMIT $1
                       FOR UPDATE OF d SKIP LOCKED)
                UPDATE webhook_delivery d
                   SET locked_until = now() + make_interval(secs => $2), claim_token = $3, attempts = d.attempts + 1,
                       last_attempt_at = clock_timestamp()
                  FROM due, webhook_subscription s
                 WHERE d.id = due.id AND s.id = d.subscription_id
                RETURNING d.id, d.subscription_id, d.outbox_id, d.attempts, s.url, s.secret""",
                Tuple.of(limit, lease.toMillis() / 1000.0, token))).map(rows -> {
                    List<Claimed> claimed = new ArrayList<>();
                    for (Row r : rows) {
                        claimed.add(new Claimed(r.getLong("id"), r.getLong("subscription_id"), r.getLong("outbox_id"), token,
                                r.getString("url"), r.getString("secret"), r.getInteger("attempts")));
                    }
                    return claimed;
                });
    }

    /** The receiver took it; its subscription's failures in a row start again from 0. Ignored when the claim was lost. */
    Uni<Void> delivered(Claimed claimed, int responseCode, int durationMs) {
        return db.background().query("""
                WITH d AS (
                    UPDATE webhook_delivery SET status = 'DELIVERED', delivered_at = now(), locked_until = NULL, claim_token = NULL,
                           next_attempt_at = now(), last_response_code = $3, last_duration_ms = $4, last_error = NULL
                     WHERE id = $1 AND claim_token = $2 RETURNING subscription_id)
                UPDATE webhook_subscription s SET consecutive_failures = 0
                  FROM d WHERE s.id = d.subscription_id AND s.consecutive_failures <> 0""",
                Tuple.of(claimed.id(), claimed.claimToken(), responseCode, durationMs)).replaceWithVoid();
    }

    /**
     * An attempt failed: due again after {@code retryIn}, or given up when failing since longer than {@code maxAge};
     * the subscription is paused with {@code reason} when this makes {@code pauseAfter} failures in a row.
     */
    Uni<Void> failed(Claimed claimed, Integer responseCode, int durationMs, String error, Duration retryIn, Duration maxAge,
            int pauseAfter, String reason) {
        return db.background().query("""
                WITH d AS (
                    UPDATE webhook_delivery
                       SET status = CASE WHEN retry_since < now() - make_interval(secs => $7) THEN 'FAILED' ELSE 'PENDING' END,
                           next_attempt_at = now() + make_interval(secs => $6), locked_until = NULL, claim_token = NULL,
                           last_response_code = $3, last_duration_ms = $4, last_error = $5
                     WHERE id = $1 AND claim_token = $2 RETURNING subscription_id)
                UPDATE webhook_subscription s
                   SET consecutive_failures = s.consecutive_failures + 1,
                       status = CASE WHEN s.consecutive_failures + 1 >= $8 THEN 'PAUSED' ELSE s.status END,
                       paused_reason = CASE WHEN s.consecutive_failures + 1 >= $8 AND s.status = 'ACTIVE' THEN $9 ELSE s.paused_reason END,
                       paused_at = CASE WHEN s.consecutive_failures + 1 >= $8 AND s.status = 'ACTIVE' THEN now() ELSE s.paused_at END,
                       updated_at = CASE WHEN s.consecutive_failures + 1 >= $8 AND s.status = 'ACTIVE' THEN now() ELSE s.updated_at END
                  FROM d WHERE s.id = d.subscription_id""",
                Tuple.tuple(java.util.Arrays.asList(claimed.id(), claimed.claimToken(), responseCode, durationMs, error,
                        retryIn.toMillis() / 1000.0, maxAge.toMillis() / 1000.0, pauseAfter, reason))).replaceWithVoid();
    }

    private static WebhookSubscription firstSubscription(RowSet<Row> rows) {
        return rows.size() == 0 ? null : subscription(rows.iterator().next());
    }

    private static WebhookSubscription subscription(Row r) {
        List<WebhookEventType> events = new ArrayList<>();
        for (String name : r.getArrayOfStrings("event_types")) {
            WebhookEventType type = WebhookEventType.ofWireName(name);
            if (type != null) {
                events.add(type);
            }
        }
        return new WebhookSubscription(r.getLong("id"), WebhookSubscription.globalId(r.getLong("id")), r.getString("url"), events,
                WebhookSubscriptionStatus.valueOf(r.getString("status")), r.getString("paused_reason"),
                r.getOffsetDateTime("paused_at"), r.getInteger("consecutive_failures"), r.getOffsetDateTime("created_at"),
                r.getOffsetDateTime("updated_at"));
    }

    private static List<WebhookDelivery> deliveries(RowSet<Row> rows) {
        List<WebhookDelivery> list = new ArrayList<>();
        for (Row r : rows) {
            WebhookDeliveryStatus status = WebhookDeliveryStatus.valueOf(r.getString("status"));
            list.add(new WebhookDelivery(r.getLong("id"), GlobalId.encode(WebhookDelivery.TYPE, r.getLong("id")),
                    WebhookSubscription.globalId(r.getLong("subscription_id")), r.getString("event_id"),
                    WebhookEventType.ofWireName(r.getString("event_type")), r.getString("aggregate_key"), status,
                    r.getInteger("attempts"), status == WebhookDeliveryStatus.PENDING ? r.getOffsetDateTime("next_attempt_at") : null,
                    r.getOffsetDateTime("last_attempt_at"), r.getInteger("last_response_code"), r.getInteger("last_duration_ms"),
                    r.getString("last_error"), r.getOffsetDateTime("delivered_at"), r.getOffsetDateTime("occurred_at")));
        }
        return list;
    }
}
