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
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Gift cards and their transactions in PostgreSQL. A card's balance only moves together with a transaction row, in
 * one statement; a redemption is a conditional update that takes the amount only while the balance still holds it.
 */
@ApplicationScoped
public class GiftCardRepository {

    private static final String CARD_COLUMNS = "id, last4, currency, initial_minor, balance_minor, expires_at, created_at";

    private final Db db;

    public GiftCardRepository(Db db) {
        this.db = db;
    }

    public record CardRow(long id, String last4, String currency, long initialMinor, long balanceMinor, OffsetDateTime expiresAt,
            OffsetDateTime createdAt) {

        boolean expiredAt(OffsetDateTime now) {
            return !expiresAt.isAfter(now);
        }
    }

    /** A card an order redeemed, and how much. */
    public record RedemptionRow(long orderKey, long cardKey, String last4, long amountMinor) {
    }

    /** Issues a card with its ISSUE transaction, in one statement. */
    public Uni<CardRow> issue(String codeDigest, String last4, String currency, long valueMinor, OffsetDateTime expiresAt, String note,
            String issuedBy, String channel, Long orderKey) {
        return db.query("""
                WITH card AS (
                    INSERT INTO gift_card (code_hash, last4, currency, initial_minor, balance_minor, expires_at, note, issued_by, channel, order_id)
                    VALUES ($1, $2, $3, $4, $4, $5, $6, $7, $8, $9)
                    RETURNING id, last4, currency, initial_minor, balance_minor, expires_at, created_at),
                issued AS (
                    INSERT INTO gift_card_transaction (gift_card_id, kind, amount_minor, order_id, actor, channel)
                    SELECT id, 'ISSUE', initial_minor, $9, $7, $8 FROM card)
                SELECT * FROM card""",
                Tuple.from(Arrays.asList(codeDigest, last4, currency, valueMinor, expiresAt, note, issuedBy, channel, orderKey)))
                .map(rows -> card(rows.iterator().next()));
    }

    /** The cards with these code digests, by digest. */
    public Uni<Map<String, CardRow>> byDigests(Set<String> digests) {
        return db.query("SELECT code_hash, " + CARD_COLUMNS + " FROM gift_card WHERE code_hash = ANY($1)",
                Tuple.of(digests.toArray(String[]::new))).map(rows -> {
                    Map<String, CardRow> result = new HashMap<>();
                    rows.forEach(r -> result.put(r.getString("code_hash"), card(r)));
                    return result;
                });
    }

    /** The cards these orders redeemed, oldest first per order. */
    public Uni<Map<Long, List<RedemptionRow>>> redeemedByOrders(Set<Long> orderKeys) {
        return db.query("""
                SELECT t.order_id, t.gift_card_id, g.last4, -t.amount_minor AS amount FROM gift_card_transaction t
                  JOIN gift_card g ON g.id = t.gift_card_id
                 WHERE t.order_id = ANY($1) AND t.kind = 'REDEEM' ORDER BY t.id""",
                Tuple.of(orderKeys.toArray(Long[]::new))).map(rows -> {
                    Map<Long, List<RedemptionRow>> result = new HashMap<>();
                    rows.forEach(r -> result.computeIfAbsent(r.getLong("order_id"), k -> new ArrayList<>()).add(new RedemptionRow(
                            r.getLong("order_id"), r.getLong("gift_card_id"), r.getString("last4"), r.getLong("amount"))));
                    return result;
                });
    }

    /** A card an order line sold: which line and unit (its code is derived from them), its value and what is left. */
    public record SoldCardRow(long orderKey, long orderLineKey, int unitIndex, String last4, String currency, long initialMinor,
            long balanceMinor, boolean voided) {
    }

    /** The cards these orders sold, by order, in line and unit order. */
    public Uni<Map<Long, List<SoldCardRow>>> soldByOrders(Set<Long> orderKeys) {
        return db.query("""
                SELECT order_id, order_line_id, unit_index, last4, currency, initial_minor, balance_minor, voided_at IS NOT NULL AS voided
                  FROM gift_card WHERE order_id = ANY($1) AND order_line_id IS NOT NULL ORDER BY order_line_id, unit_index""",
                Tuple.of(orderKeys.toArray(Long[]::new))).map(rows -> {
                    Map<Long, List<SoldCardRow>> result = new HashMap<>();
                    rows.forEach(r -> result.computeIfAbsent(r.getLong("order_id"), k -> new ArrayList<>()).add(new SoldCardRow(
                            r.getLong("order_id"), r.getLong("order_line_id"), r.getInteger("unit_index"), r.getString("last4"),
                            r.getString("currency"), r.getLong("initial_minor"), r.getLong("balance_minor"), r.getBoolean("voided"))));
                    return result;
                });
    }

    // ---- inside an order transaction

    /** A card to issue for one unit of an order line. */
    public record SoldCard(long orderLineKey, int unitIndex, String codeDigest, String last4, long valueMinor) {
    }

    /** Issues the cards an order sold, each with its ISSUE transaction, in one statement. */
    public Uni<Integer> issueSold(Db.Tx tx, long orderKey, String orderNumber, List<SoldCard> cards, String currency,
            OffsetDateTime expiresAt, String actor, String channel) {
        return tx.query("""
                WITH sold AS (
                    SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[], $4::text[], $5::bigint[])
                        AS s(order_line_id, unit_index, code_hash, last4, value_minor)),
                card AS (
                    INSERT INTO gift_card (code_hash, last4, currency, initial_minor, balance_minor, expires_at, issued_by, channel,
                                           order_id, order_line_id, unit_index)
                    SELECT code_hash, last4, $6, value_minor, value_minor, $7, $8, $9, $10, order_line_id, unit_index FROM sold
                    RETURNING id, initial_minor)
                INSERT INTO gift_card_transaction (gift_card_id, kind, amount_minor, order_id, order_number, actor, channel)
                SELECT id, 'ISSUE', initial_minor, $10, $11, $8, $9 FROM card RETURNING id""",
                Tuple.from(Arrays.asList(cards.stream().map(SoldCard::orderLineKey).toArray(Long[]::new),
                        cards.stream().map(SoldCard::unitIndex).toArray(Integer[]::new),
                        cards.stream().map(SoldCard::codeDigest).toArray(String[]::new),
                        cards.stream().map(SoldCard::last4).toArray(String[]::new),
                        cards.stream().map(SoldCard::valueMinor).toArray(Long[]::new),
                        currency, expiresAt, actor, channel, orderKey, orderNumber)))
                .map(rows -> rows.size());
    }

    /**
     * Voids the cards a cancelled order sold that were never spent: balance to zero and a VOID transaction, once. The
     * balance must still be the whole value (checked again on the locked row, so a redemption committed meanwhile
     * keeps its card) and no redemption may exist (one given back by a cancellation still counts). Returns how many.
     */
    public Uni<Integer> voidSold(Db.Tx tx, long orderKey, String orderNumber, String actor, String channel) {
        return tx.query("""
                WITH voided AS (
                    UPDATE gift_card g SET balance_minor = 0, voided_at = now()
                     WHERE g.order_id = $1 AND g.order_line_id IS NOT NULL AND g.voided_at IS NULL
                       AND g.balance_minor = g.initial_minor
                       AND NOT EXISTS (SELECT 1 FROM gift_card_transaction t WHERE t.gift_card_id = g.id AND t.kind = 'REDEEM')
                    RETURNING g.id, g.initial_minor)
                INSERT INTO gift_card_transaction (gift_card_id, kind, amount_minor, order_id, order_number, actor, channel)
                SELECT id, 'VOID', -initial_minor, $1, $2, $3, $4 FROM voided RETURNING id""",
                Tuple.of(orderKey, orderNumber, actor, channel)).map(rows -> rows.size());
    }

    /**
     * Takes the amount off an unexpired card for an order, only while its balance still holds it: concurrent
     * redemptions of one card queue on its row, and each sees the balance the one before left. False when it did not.
     */
    public Uni<Boolean> redeem(Db.Tx tx, long cardKey, long amountMinor, long orderKey, String orderNumber, String actor, String channel) {
        return tx.query("""
                WITH taken AS (
                    UPDATE gift_card SET balance_minor = balance_minor - $2
                    WHERE id = $1 AND balance_minor >= $2 AND expires_at > now()
                    RETURNING id)
                INSERT INTO gift_card_transaction (gift_card_id, kind, amount_minor, order_id, order_number, actor, channel)
                SELECT id, 'REDEEM', -$2, $3, $4, $5, $6 FROM taken RETURNING id""",
                Tuple.from(Arrays.asList(cardKey, amountMinor, orderKey, orderNumber, actor, channel)))
                .map(rows -> rows.size() == 1);
    }

    /** Gives back what an order redeemed, once per card; returns how many cards got something back. */
    public Uni<Integer> restore(Db.Tx tx, long orderKey, String orderNumber, String actor, String channel) {
        return tx.query("""
                WITH redeemed AS (
                    SELECT t.gift_card_id, -t.amount_minor AS amount FROM gift_card_transaction t
                     WHERE t.order_id = $1 AND t.kind = 'REDEEM'
                       AND NOT EXISTS (SELECT 1 FROM gift_card_transaction r
                                        WHERE r.order_id = $1 AND r.gift_card_id = t.gift_card_id AND r.kind = 'RESTORE')),
                restored AS (
                    UPDATE gift_card g SET balance_minor = g.balance_minor + redeemed.amount FROM redeemed
                     WHERE g.id = redeemed.gift_card_id RETURNING g.id, redeemed.amount)
                INSERT INTO gift_card_transaction (gift_card_id, kind, amount_minor, order_id, order_number, actor, channel)
                SELECT id, 'RESTORE', amount, $1, $2, $3, $4 FROM restored RETURNING id""",
                Tuple.of(orderKey, orderNumber, actor, channel)).map(rows -> rows.size());
    }

    // ---- privacy

    /** The gift card transactions a customer made (their redemptions at checkout), as a JSON array; null for none. */
    Uni<String> exportActor(String customerId) {
        return db.query("""
                SELECT g.last4, t.kind, t.amount_minor, g.currency, t.order_number, t.channel, t.created_at
                  FROM gift_card_transaction t JOIN gift_card g ON g.id = t.gift_card_id
                 WHERE t.actor = $1 ORDER BY t.id""", Tuple.of(customerId)).map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    JsonArray transactions = new JsonArray();
                    rows.forEach(row -> transactions.add(row.toJson()));
                    return transactions.encode();
                });
    }

    /** Attributes a customer's gift card transactions to {@code erasedActor}; the cards and amounts stay (accounting). */
    Uni<Void> forgetActor(Db.Tx tx, String customerId, String erasedActor) {
        return tx.query("UPDATE gift_card_transaction SET actor = $2 WHERE actor = $1", Tuple.of(customerId, erasedActor)).replaceWithVoid();
    }

    private static CardRow card(Row r) {
        return new CardRow(r.getLong("id"), r.getString("last4"), r.getString("currency"), r.getLong("initial_minor"),
                r.getLong("balance_minor"), r.getOffsetDateTime("expires_at").withOffsetSameInstant(ZoneOffset.UTC),
                r.getOffsetDateTime("created_at").withOffsetSameInstant(ZoneOffset.UTC));
    }
}
