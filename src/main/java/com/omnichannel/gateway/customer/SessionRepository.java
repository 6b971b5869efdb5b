package com.omnichannel.gateway.customer;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.platform.security.Channel;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** SQL for credentials (customers and staff) and refresh tokens. Tokens are only ever stored as SHA-256 hashes. */
@ApplicationScoped
public class SessionRepository {

    private final Db db;

    public SessionRepository(Db db) {
        this.db = db;
    }

    record Credentials(UUID id, String passwordHash) {
    }

    public Uni<Credentials> customerCredentials(String email) {
        return db.query("SELECT id, password_hash FROM customer WHERE email = $1", Tuple.of(email))
                .map(rows -> rows.size() == 0 ? null
                        : new Credentials(rows.iterator().next().getUUID("id"), rows.iterator().next().getString("password_hash")));
    }

    record StaffCredentials(UUID id, String passwordHash, List<String> roles) {
    }

    public Uni<StaffCredentials> staffCredentials(String email) {
        return db.query("SELECT id, password_hash, roles FROM staff_account WHERE email = $1 AND active", Tuple.of(email))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new StaffCredentials(row.getUUID("id"), row.getString("password_hash"),
                            Arrays.asList(row.getArrayOfStrings("roles")));
                });
    }

    /** Creates a staff account unless one has the email; for the demo data and tests of staff sign-in. */
    public Uni<Void> createStaff(String email, String passwordHash, String name, List<String> roles) {
        return db.query("""
                INSERT INTO staff_account (email, password_hash, name, roles) VALUES ($1, $2, $3, $4)
                ON CONFLICT (email) DO NOTHING""", Tuple.of(email, passwordHash, name, roles.toArray(String[]::new)))
                .replaceWithVoid();
    }

    /** Stores the first refresh token of a new session family. */
    public Uni<Void> startFamily(UUID customerId, String tokenHash, Channel channel, OffsetDateTime expiresAt) {
        return db.query("""
                INSERT INTO customer_refresh_token (token_hash, family_id, customer_id, channel, expires_at)
                VALUES ($1, gen_random_uuid(), $2, $3, $4)""", Tuple.of(tokenHash, customerId, channel.name(), expiresAt))
                .replaceWithVoid();
    }

    /** What presenting a refresh token led to. */
    enum RotationResult {
        ROTATED,
        UNKNOWN,
        EXPIRED,
        REVOKED,
        REUSED
    }

    record Rotation(RotationResult result, UUID customerId, Channel channel) {
    }

    /**
     * Exchanges a refresh token for its successor in one transaction, the token's row locked: of two requests with
     * the same token, one rotates it and the other sees a used token. A used token presented again is taken as
     * stolen: its whole family (every token of that sign-in) is revoked.
     */
    public Uni<Rotation> rotate(String tokenHash, String successorHash, OffsetDateTime successorExpiresAt) {
        return db.inTransaction(tx -> tx.query("""
                SELECT id, family_id, customer_id, channel, expires_at, used_at, revoked_at
                  FROM customer_refresh_token WHERE token_hash = $1 FOR UPDATE""", Tuple.of(tokenHash))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(new Rotation(RotationResult.UNKNOWN, null, null));
                    }
                    Row row = rows.iterator().next();
                    UUID family = row.getUUID("family_id");
                    UUID customer = row.getUUID("customer_id");
                    Channel channel = Channel.valueOf(row.getString("channel"));
                    if (row.getOffsetDateTime("revoked_at") != null) {
                        return Uni.createFrom().item(new Rotation(RotationResult.REVOKED, customer, channel));
                    }
                    if (row.getOffsetDateTime("used_at") != null) {
                        return tx.query("""
                                UPDATE customer_refresh_token SET revoked_at = now()
                                 WHERE family_id = $1 AND revoked_at IS NULL""", Tuple.of(family))
                                .replaceWith(new Rotation(RotationResult.REUSED, customer, channel));
                    }
                    if (!row.getOffsetDateTime("expires_at").isAfter(OffsetDateTime.now())) {
                        return Uni.createFrom().item(new Rotation(RotationResult.EXPIRED, customer, channel));
                    }
                    return tx.query("UPDATE customer_refresh_token SET used_at = now() WHERE id = $1", Tuple.of(row.getLong("id")))
                            .chain(() -> tx.query("""
                                    INSERT INTO customer_refresh_token (token_hash, family_id, customer_id, channel, expires_at)
                                    VALUES ($1, $2, $3, $4, $5)""",
                                    Tuple.of(successorHash, family, customer, channel.name(), successorExpiresAt)))
                            .replaceWith(new Rotation(RotationResult.ROTATED, customer, channel));
                }));
    }

    /** Revokes every token of the family the token belongs to; false when the token is unknown. */
    public Uni<Boolean> revokeFamily(String tokenHash) {
        return db.query("""
                WITH token AS (SELECT family_id FROM customer_refresh_token WHERE token_hash = $1),
                     revoked AS (UPDATE customer_refresh_token SET revoked_at = now()
                                  WHERE family_id IN (SELECT family_id FROM token) AND revoked_at IS NULL)
                SELECT count(*) AS n FROM token""", Tuple.of(tokenHash))
                .map(rows -> rows.iterator().next().getLong("n") > 0);
    }
}
