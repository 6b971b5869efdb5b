package com.omnichannel.gateway.customer;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.platform.outbox.Outbox;
import com.omnichannel.gateway.platform.security.Channel;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** SQL for customer profiles, addresses, consents and activity events. */
@ApplicationScoped
public class CustomerRepository {

    static final String CUSTOMER_COLUMNS = """
            c.id, c.email, c.first_name, c.last_name, c.phone, c.language, c.preferred_store_id, c.preferred_channel,
            c.created_at""";

    static final String ADDRESS_COLUMNS = """
            a.id, a.customer_id, a.first_name, a.last_name, a.company, a.line1, a.line2, a.city, a.postal_code, a.region,
            a.country_code, a.phone, a.default_shipping""";

    private final Db db;
    private final Outbox outbox;

    public CustomerRepository(Db db, Outbox outbox) {
        this.db = db;
        this.outbox = outbox;
    }

    // ---- profile

    /** What a new account is made of; the email is already normalised and the password hashed. */
    record NewCustomer(String email, String passwordHash, String firstName, String lastName, String phone, String language,
            Map<ConsentPurpose, Boolean> consents, Channel channel) {
    }

    /** Creates the account with its consents; null when the email is taken (also when another request took it meanwhile). */
    public Uni<Customer> create(NewCustomer c) {
        return db.inTransaction(tx -> tx.query("""
                INSERT INTO customer (email, password_hash, first_name, last_name, phone, language)
                VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT (email) DO NOTHING
                RETURNING""" + " " + CUSTOMER_COLUMNS.replace("c.", ""),
                Tuple.from(java.util.Arrays.asList(c.email(), c.passwordHash(), c.firstName(), c.lastName(), c.phone(),
                        c.language())))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().nullItem();
                    }
                    Customer created = customer(rows.iterator().next());
                    // The event names the account, its channel and its consents; no personal data.
                    JsonObject consents = new JsonObject();
                    c.consents().forEach((purpose, given) -> consents.put(purpose.name(), given));
                    Uni<Void> registered = outbox.append(tx, "customer", created.id(), "customer.registered", new JsonObject()
                            .put("version", 1).put("customerId", created.id()).put("channel", c.channel().name())
                            .put("consents", consents));
                    if (c.consents().isEmpty()) {
                        return registered.replaceWith(created);
                    }
                    UUID id = UUID.fromString(created.key());
                    String[] purposes = c.consents().keySet().stream().map(Enum::name).toArray(String[]::new);
                    Boolean[] granted = c.consents().keySet().stream().map(c.consents()::get).toArray(Boolean[]::new);
                    return tx.query("""
                            WITH t AS (SELECT * FROM unnest($2::text[], $3::boolean[]) AS t(purpose, granted)),
                                 history AS (INSERT INTO customer_consent_history (customer_id, purpose, granted, channel)
                                             SELECT $1, purpose, granted, $4 FROM t)
                            INSERT INTO customer_consent (customer_id, purpose, granted, channel)
                            SELECT $1, purpose, granted, $4 FROM t""",
                            Tuple.of(id, purposes, granted, c.channel().name()))
                            .chain(() -> registered).replaceWith(created);
                }));
    }

    public Uni<Customer> byId(UUID id) {
        return db.query("SELECT " + CUSTOMER_COLUMNS + " FROM customer c WHERE c.id = $1", Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : customer(rows.iterator().next()));
    }

    /**
     * A customer with, when asked for, their address book and consents aggregated into the same row: one statement
     * where the profile and its batches took three. Ordered and mapped as {@link #addressesOf} and {@link #consentsOf}
     * read them, so answers are the same either way.
     */
    public Uni<Customer> byIdWithContents(UUID id, boolean addresses, boolean consents) {
        StringBuilder sql = new StringBuilder("SELECT ").append(CUSTOMER_COLUMNS);
        if (addresses) {
            sql.append("""
                    , coalesce((SELECT json_agg(json_build_array(a.id, a.first_name, a.last_name, a.company, a.line1, a.line2,
                                  a.city, a.postal_code, a.region, a.country_code, a.phone, a.default_shipping) ORDER BY a.id)
                                  FROM customer_address a WHERE a.customer_id = c.id), '[]') AS contents_addresses""");
        }
        if (consents) {
            sql.append("""
                    , coalesce((SELECT json_agg(json_build_array(k.purpose, k.granted, k.channel,
                                  (extract(epoch FROM k.changed_at) * 1000000)::bigint))
                                  FROM customer_consent k WHERE k.customer_id = c.id), '[]') AS contents_consents""");
        }
        sql.append(" FROM customer c WHERE c.id = $1");
        return db.query(sql.toString(), Tuple.of(id)).map(rows -> {
            if (rows.size() == 0) {
                return null;
            }
            Row row = rows.iterator().next();
            String key = row.getUUID("id").toString();
            return customer(row, new Customer.Contents(addresses ? addresses(key, row.getJsonArray("contents_addresses")) : null,
                    consents ? consents(row.getJsonArray("contents_consents")) : null));
        });
    }

    private static List<CustomerAddress> addresses(String customerId, JsonArray rows) {
        List<CustomerAddress> result = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            JsonArray a = rows.getJsonArray(i);
            long key = a.getLong(0);
            result.add(new CustomerAddress(CustomerAddress.globalId(key), a.getString(1), a.getString(2), a.getString(3),
                    a.getString(4), a.getString(5), a.getString(6), a.getString(7), a.getString(8), a.getString(9),
                    a.getString(10), a.getBoolean(11), key, customerId));
        }
        return result;
    }

    private static List<Consent> consents(JsonArray rows) {
        List<Consent> result = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            JsonArray k = rows.getJsonArray(i);
            // Microseconds since the epoch (the column's precision): the same instant the row decoder gives, in
            // UTC, without parsing ISO 8601 text with the session's offset (a fortieth of an account page's CPU).
            Long micros = k.getLong(3);
            result.add(new Consent(ConsentPurpose.valueOf(k.getString(0)), k.getBoolean(1), Channel.valueOf(k.getString(2)),
                    micros == null ? null : OffsetDateTime.ofInstant(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), ZoneOffset.UTC)));
        }
        return result;
    }

    /** The customer with this (normalised) email address, or null. */
    public Uni<Customer> byEmail(String email) {
        return db.query("SELECT " + CUSTOMER_COLUMNS + " FROM customer c WHERE c.email = $1", Tuple.of(email))
                .map(rows -> rows.size() == 0 ? null : customer(rows.iterator().next()));
    }

    /** How a staff search string is matched. */
    enum SearchBy { ALL, EMAIL, PHONE, NAME }

    /**
     * Customers for staff, newest first: by email prefix, by digits contained in the phone number, or by a part of
     * "first last" name (case-insensitive).
     */
    public Uni<List<Customer>> search(SearchBy by, String term, int limit, int offset) {
        String where = switch (by) {
            case ALL -> "TRUE";
            case EMAIL -> "c.email LIKE $1 ESCAPE '\\'";
            case PHONE -> "regexp_replace(c.phone, '[^0-9]', '', 'g') LIKE $1";
            case NAME -> "(c.first_name || ' ' || c.last_name) ILIKE $1 ESCAPE '\\'";
        };
        String pattern = switch (by) {
            case ALL -> "";
            case EMAIL -> likeEscape(term.toLowerCase(java.util.Locale.ROOT)) + "%";
            case PHONE -> "%" + term + "%";
            case NAME -> "%" + likeEscape(term) + "%";
        };
        return db.query("SELECT " + CUSTOMER_COLUMNS + " FROM customer c WHERE ($1::text IS NOT NULL) AND " + where
                + " ORDER BY c.created_at DESC, c.id LIMIT $2 OFFSET $3", Tuple.of(pattern, limit, offset))
                .map(rows -> {
                    List<Customer> result = new ArrayList<>();
                    rows.forEach(row -> result.add(customer(row)));
                    return result;
                });
    }

    private static String likeEscape(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** The profile fields to change; null keeps a field, an empty string removes an optional one. */
    record ProfileChange(String firstName, String lastName, String phone, String language, Long preferredStoreKey,
            boolean clearPreferredStore, Channel preferredChannel) {
    }

    public Uni<Customer> update(UUID id, ProfileChange change) {
        return db.query("""
                UPDATE customer c SET
                       first_name = coalesce($2, first_name),
                       last_name = coalesce($3, last_name),
                       phone = CASE WHEN $4::text IS NULL THEN phone WHEN $4 = '' THEN NULL ELSE $4 END,
                       language = coalesce($5, language),
                       preferred_store_id = CASE WHEN $7 THEN NULL ELSE coalesce($6, preferred_store_id) END,
                       preferred_channel = coalesce($8, preferred_channel),
                       updated_at = now()
                 WHERE c.id = $1
                RETURNING""" + " " + CUSTOMER_COLUMNS,
                Tuple.from(java.util.Arrays.asList(id, change.firstName(), change.lastName(), change.phone(),
                        change.language(), change.preferredStoreKey(), change.clearPreferredStore(),
                        change.preferredChannel() == null ? null : change.preferredChannel().name())))
                .map(rows -> rows.size() == 0 ? null : customer(rows.iterator().next()));
    }

    // ---- consents

    public Uni<Map<String, List<Consent>>> consentsOf(Collection<String> customerIds) {
        return db.query("SELECT customer_id, purpose, granted, channel, changed_at FROM customer_consent WHERE customer_id = ANY($1)",
                Tuple.of(uuids(customerIds)))
                .map(rows -> {
                    Map<String, List<Consent>> result = new HashMap<>();
                    for (Row row : rows) {
                        result.computeIfAbsent(row.getUUID("customer_id").toString(), k -> new ArrayList<>())
                                .add(new Consent(ConsentPurpose.valueOf(row.getString("purpose")), row.getBoolean("granted"),
                                        Channel.valueOf(row.getString("channel")), row.getOffsetDateTime("changed_at")));
                    }
                    return result;
                });
    }

    /** Sets a consent and writes the change to its history, in one transaction; unchanged consents write nothing. */
    public Uni<Void> setConsent(UUID customerId, ConsentPurpose purpose, boolean granted, Channel channel) {
        return db.inTransaction(tx -> tx.query("""
                INSERT INTO customer_consent (customer_id, purpose, granted, channel) VALUES ($1, $2, $3, $4)
                ON CONFLICT (customer_id, purpose) DO UPDATE SET granted = $3, channel = $4, changed_at = now()
                 WHERE customer_consent.granted IS DISTINCT FROM $3
                RETURNING purpose""", Tuple.of(customerId, purpose.name(), granted, channel.name()))
                .chain(rows -> rows.size() == 0 ? Uni.createFrom().voidItem()
                        : tx.query("""
                                INSERT INTO customer_consent_history (customer_id, purpose, granted, channel)
                                VALUES ($1, $2, $3, $4)""", Tuple.of(customerId, purpose.name(), granted, channel.name()))
                                .chain(() -> outbox.append(tx, "customer", Customer.globalId(customerId.toString()),
                                        "customer.consent_changed", new JsonObject().put("version", 1)
                                                .put("customerId", Customer.globalId(customerId.toString()))
                                                .put("purpose", purpose.name()).put("granted", granted)
                                                .put("channel", channel.name())))));
    }

    // ---- addresses

    public Uni<Map<String, List<CustomerAddress>>> addressesOf(Collection<String> customerIds) {
        return db.query("SELECT " + ADDRESS_COLUMNS + " FROM customer_address a WHERE a.customer_id = ANY($1) ORDER BY a.id",
                Tuple.of(uuids(customerIds)))
                .map(rows -> {
                    Map<String, List<CustomerAddress>> result = new HashMap<>();
                    for (Row row : rows) {
                        CustomerAddress address = address(row);
                        result.computeIfAbsent(address.customerId(), k -> new ArrayList<>()).add(address);
                    }
                    return result;
                });
    }

    /** An address by its key, whoever it belongs to; null when there is none. */
    public Uni<CustomerAddress> addressByKey(long key) {
        return db.query("SELECT " + ADDRESS_COLUMNS + " FROM customer_address a WHERE a.id = $1", Tuple.of(key))
                .map(rows -> rows.size() == 0 ? null : address(rows.iterator().next()));
    }

    /** The address fields as stored; for an update, the current address with the changes applied. */
    record AddressFields(String firstName, String lastName, String company, String line1, String line2, String city,
            String postalCode, String region, String countryCode, String phone, boolean defaultShipping) {
    }

    /**
     * Runs an address change of one customer with the customer row locked, so changes of one address book (the
     * address limit, the single default) are applied one after another.
     */
    public <T> Uni<T> withAddressBook(UUID customerId, java.util.function.Function<AddressBook, Uni<T>> work) {
        return db.inTransaction(tx -> tx.query("SELECT id FROM customer WHERE id = $1 FOR UPDATE", Tuple.of(customerId))
                .chain(locked -> work.apply(new AddressBook(tx, customerId, locked.size() > 0))));
    }

    /** One customer's address book inside a transaction that holds the customer's lock. */
    public static final class AddressBook {
        private final Db.Tx tx;
        private final UUID customerId;
        private final boolean exists;

        private AddressBook(Db.Tx tx, UUID customerId, boolean exists) {
            this.tx = tx;
            this.customerId = customerId;
            this.exists = exists;
        }

        public boolean customerExists() {
            return exists;
        }

        public Uni<Long> count() {
            return tx.query("SELECT count(*) AS n FROM customer_address WHERE customer_id = $1", Tuple.of(customerId))
                    .map(rows -> rows.iterator().next().getLong("n"));
        }

        /** The customer's address with this key, or null (also when it belongs to someone else). */
        public Uni<CustomerAddress> find(long key) {
            return tx.query("SELECT " + ADDRESS_COLUMNS + " FROM customer_address a WHERE a.id = $1 AND a.customer_id = $2",
                    Tuple.of(key, customerId)).map(rows -> rows.size() == 0 ? null : address(rows.iterator().next()));
        }

        public Uni<CustomerAddress> insert(AddressFields f) {
            return clearDefaultIf(f.defaultShipping(), null).chain(() -> tx.query("""
                    INSERT INTO customer_address AS a (customer_id, first_name, last_name, company, line1, line2, city,
                                                  postal_code, region, country_code, phone, default_shipping)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
                    RETURNING""" + " " + ADDRESS_COLUMNS,
                    Tuple.from(java.util.Arrays.asList(customerId, f.firstName(), f.lastName(), f.company(), f.line1(),
                            f.line2(), f.city(), f.postalCode(), f.region(), f.countryCode(), f.phone(), f.defaultShipping()))))
                    .map(rows -> address(rows.iterator().next()));
        }

        public Uni<CustomerAddress> update(long key, AddressFields f) {
            return clearDefaultIf(f.defaultShipping(), key).chain(() -> tx.query("""
                    UPDATE customer_address a SET first_name = $3, last_name = $4, company = $5, line1 = $6, line2 = $7,
                           city = $8, postal_code = $9, region = $10, country_code = $11, phone = $12,
                           default_shipping = $13, updated_at = now()
                     WHERE a.id = $1 AND a.customer_id = $2
                    RETURNING""" + " " + ADDRESS_COLUMNS,
                    Tuple.from(java.util.Arrays.asList(key, customerId, f.firstName(), f.lastName(), f.company(), f.line1(),
                            f.line2(), f.city(), f.postalCode(), f.region(), f.countryCode(), f.phone(), f.defaultShipping()))))
                    .map(rows -> rows.size() == 0 ? null : address(rows.iterator().next()));
        }

        /** Deletes the customer's address; false when they have none with this key. */
        public Uni<Boolean> delete(long key) {
            return tx.query("DELETE FROM customer_address WHERE id = $1 AND customer_id = $2", Tuple.of(key, customerId))
                    .map(rows -> rows.rowCount() > 0);
        }

        private Uni<Void> clearDefaultIf(boolean makingDefault, Long except) {
            if (!makingDefault) {
                return Uni.createFrom().voidItem();
            }
            return tx.query("""
                    UPDATE customer_address SET default_shipping = FALSE, updated_at = now()
                     WHERE customer_id = $1 AND default_shipping AND id IS DISTINCT FROM $2""",
                    Tuple.of(customerId, except)).replaceWithVoid();
        }
    }

    // ---- events

    /** One page of a customer's events, newest first. */
    public Uni<List<CustomerEvent>> events(UUID customerId, int limit, int offset) {
        return db.query("""
                SELECT id, kind, channel, subject, occurred_at FROM customer_event
                 WHERE customer_id = $1 ORDER BY occurred_at DESC, id DESC LIMIT $2 OFFSET $3""",
                Tuple.of(customerId, limit, offset))
                .map(rows -> {
                    List<CustomerEvent> events = new ArrayList<>();
                    for (Row row : rows) {
                        events.add(new CustomerEvent(CustomerEvent.globalId(row.getLong("id")),
                                CustomerEventKind.valueOf(row.getString("kind")), Channel.valueOf(row.getString("channel")),
                                row.getString("subject"), row.getOffsetDateTime("occurred_at")));
                    }
                    return events;
                });
    }

    // ---- privacy

    /**
     * Everything the customer tables hold about one customer, as one JSON object (profile, addresses, consents,
     * consentHistory, events, sessions), every stored column included except password and token hashes; null when
     * there is no such customer.
     */
    public Uni<String> exportOwnData(UUID customerId) {
        return db.query("""
                SELECT json_build_object(
                         'profile', to_jsonb(c) - 'password_hash',
                         'addresses', coalesce((SELECT json_agg(to_jsonb(a) ORDER BY a.id) FROM customer_address a
                                                 WHERE a.customer_id = c.id), '[]'),
                         'consents', coalesce((SELECT json_agg(to_jsonb(k) ORDER BY k.purpose) FROM customer_consent k
                                                WHERE k.customer_id = c.id), '[]'),
                         'consentHistory', coalesce((SELECT json_agg(to_jsonb(h) ORDER BY h.id) FROM customer_consent_history h
                                                      WHERE h.customer_id = c.id), '[]'),
                         'events', coalesce((SELECT json_agg(to_jsonb(e) ORDER BY e.id) FROM customer_event e
                                              WHERE e.customer_id = c.id), '[]'),
                         'sessions', coalesce((SELECT json_agg(to_jsonb(t) - 'token_hash' ORDER BY t.id)
                                                FROM customer_refresh_token t WHERE t.customer_id = c.id), '[]'))::text AS doc
                  FROM customer c WHERE c.id = $1""", Tuple.of(customerId))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("doc"));
    }

    /** The customer's password hash, or null when there is no such customer. */
    public Uni<String> passwordHash(UUID customerId) {
        return db.query("SELECT password_hash FROM customer WHERE id = $1", Tuple.of(customerId))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("password_hash"));
    }

    /** Locks the customer row for erasure; false when the customer does not exist (any more). */
    public Uni<Boolean> lockForErasure(Db.Tx tx, UUID customerId) {
        return tx.query("SELECT id FROM customer WHERE id = $1 FOR UPDATE", Tuple.of(customerId)).map(rows -> rows.size() > 0);
    }

    /**
     * Deletes the customer row; refresh tokens, addresses, consents, their history and events go with it (ON DELETE
     * CASCADE), so every session ends.
     */
    public Uni<Void> delete(Db.Tx tx, UUID customerId) {
        return tx.query("DELETE FROM customer WHERE id = $1", Tuple.of(customerId)).replaceWithVoid();
    }

    // ---- mapping

    static Customer customer(Row row) {
        return customer(row, null);
    }

    private static Customer customer(Row row, Customer.Contents contents) {
        String id = row.getUUID("id").toString();
        String channel = row.getString("preferred_channel");
        return new Customer(id, row.getString("email"), row.getString("first_name"), row.getString("last_name"),
                row.getString("phone"), row.getString("language"),
                new CustomerPreferences(id, row.getLong("preferred_store_id"), channel == null ? null : Channel.valueOf(channel)),
                row.getOffsetDateTime("created_at"), contents);
    }

    static CustomerAddress address(Row row) {
        long key = row.getLong("id");
        return new CustomerAddress(CustomerAddress.globalId(key), row.getString("first_name"), row.getString("last_name"),
                row.getString("company"), row.getString("line1"), row.getString("line2"), row.getString("city"),
                row.getString("postal_code"), row.getString("region"), row.getString("country_code"), row.getString("phone"),
                row.getBoolean("default_shipping"), key, row.getUUID("customer_id").toString());
    }

    private static UUID[] uuids(Collection<String> ids) {
        return ids.stream().map(UUID::fromString).toArray(UUID[]::new);
    }

    /**
     * Writes a batch of queued customer events in one statement. Unknown customer ids (tokens of an external identity
     * provider for someone never registered here) are filtered by the join instead of failing the batch.
     */
    Uni<Void> insertEvents(List<CustomerActivity.Pending> batch) {
        return db.query("""
                INSERT INTO customer_event (customer_id, kind, channel, subject, occurred_at, data)
                SELECT t.customer_id, t.kind, t.channel, t.subject, t.occurred_at, t.data::jsonb
                  FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::text[])
                       AS t(customer_id, kind, channel, subject, occurred_at, data)
                  JOIN customer c ON c.id = t.customer_id""",
                Tuple.of(batch.stream().map(CustomerActivity.Pending::customerId).toArray(UUID[]::new),
                        batch.stream().map(p -> p.kind().name()).toArray(String[]::new),
                        batch.stream().map(p -> p.channel().name()).toArray(String[]::new),
                        batch.stream().map(CustomerActivity.Pending::subject).toArray(String[]::new),
                        batch.stream().map(CustomerActivity.Pending::occurredAt).toArray(java.time.OffsetDateTime[]::new),
                        batch.stream().map(CustomerActivity.Pending::data).toArray(String[]::new)))
                .replaceWithVoid();
    }
}
