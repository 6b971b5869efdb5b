package com.omnichannel.gateway.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.support.BackgroundWrites;
import com.omnichannel.gateway.support.Accounts;
import com.omnichannel.gateway.support.Accounts.Account;
import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.TestData;
import com.omnichannel.gateway.support.Tokens;

import io.quarkus.arc.Arc;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class CustomerProfileTest {

    @Inject
    TestData data;

    @Inject
    RedisDataSource redis;

    @BeforeEach
    void forget_earlier_sign_in_attempts_from_this_machine() {
        redis.key().del(Accounts.addressAttemptKeys().toArray(String[]::new));
    }

    static final String ADDRESS_FIELDS = """
            id firstName lastName company line1 line2 city postalCode region countryCode phone defaultShipping""";
    static final String ME = """
            {
              me {
                id email firstName lastName phone language
                preferences { preferredChannel preferredStore { id name } }
                addresses { %s }
                consents { purpose granted channel changedAt }
              }
            }""".formatted(ADDRESS_FIELDS);
    static final String UPDATE = """
            mutation($input: CustomerUpdateInput!) {
              customerUpdate(input: $input) {
                customer { firstName lastName phone language preferences { preferredChannel preferredStore { id } } }
                userErrors { code field message }
              }
            }""";
    static final String ADDRESS_CREATE = """
            mutation($input: CustomerAddressCreateInput!) {
              customerAddressCreate(input: $input) { address { %s } userErrors { code field message } }
            }""".formatted(ADDRESS_FIELDS);
    static final String ADDRESS_UPDATE = """
            mutation($input: CustomerAddressUpdateInput!) {
              customerAddressUpdate(input: $input) { address { %s } userErrors { code field message } }
            }""".formatted(ADDRESS_FIELDS);
    static final String ADDRESS_DELETE = """
            mutation($input: CustomerAddressDeleteInput!) {
              customerAddressDelete(input: $input) { deletedAddressId userErrors { code field message } }
            }""";
    static final String CONSENT_SET = """
            mutation($input: CustomerConsentSetInput!) {
              customerConsentSet(input: $input) {
                customer { consents { purpose granted channel changedAt } }
                userErrors { code field message }
              }
            }""";
    static final String EVENTS = """
            query($first: Int, $after: String) {
              me { events(first: $first, after: $after) {
                edges { cursor node { id kind channel subjectId occurredAt } }
                pageInfo { hasNextPage endCursor }
              } }
            }""";

    static Map<String, Object> address(String line1) {
        Map<String, Object> input = new HashMap<>();
        input.put("firstName", "Erika");
        input.put("lastName", "Mustermann");
        input.put("line1", line1);
        input.put("city", "Berlin");
        input.put("postalCode", "10115");
        input.put("countryCode", "de");
        return input;
    }

    private static String createAddress(Account account, Map<String, Object> input) {
        JsonPath r = account.client().ok(ADDRESS_CREATE, "input", input);
        assertThat(r.getList("data.customerAddressCreate.userErrors")).as(r.prettify()).isEmpty();
        return r.getString("data.customerAddressCreate.address.id");
    }

    // ---- who may read

    @Test
    void me_is_only_for_signed_in_customers() {
        assertThat(GraphQL.anonymous().execute(ME).getString("errors[0].extensions.code")).isEqualTo("UNAUTHENTICATED");
        assertThat(GraphQL.as(Tokens.staff()).execute(ME).getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");
        TestData.Ref store = data.store("Me store", 49.0, 9.0);
        assertThat(GraphQL.as(Tokens.kiosk(store.id())).execute(ME).getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");
        // a valid customer token of someone who has no profile here (e.g. from an external identity provider)
        assertThat(GraphQL.as(Tokens.customer("external-42")).execute(ME).getString("errors[0].extensions.code")).isEqualTo("NOT_FOUND");
        assertThat(GraphQL.as(Tokens.customer(java.util.UUID.randomUUID().toString())).execute(ME)
                .getString("errors[0].extensions.code")).isEqualTo("NOT_FOUND");
        for (String mutation : List.of(UPDATE, CONSENT_SET)) {
            assertThat(GraphQL.anonymous().execute(mutation, "input", mutation == UPDATE ? Map.of("firstName", "X")
                    : Map.of("purpose", "EMAIL_MARKETING", "granted", true)).getString("errors[0].extensions.code"))
                    .isEqualTo("UNAUTHENTICATED");
        }
        assertThat(GraphQL.as(Tokens.staff()).execute(ADDRESS_CREATE, "input", address("Staffstr. 1"))
                .getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");
    }

    // ---- profile

    @Test
    void a_customer_changes_their_profile_and_preferences() {
        Account account = Accounts.register();
        TestData.Ref store = data.store("Favourite store", 48.1, 11.5);
        Map<String, Object> input = new HashMap<>();
        input.put("firstName", "  Erica ");
        input.put("phone", "+49 89 7654321");
        input.put("language", "en-GB");
        input.put("preferredStoreId", store.id());
        input.put("preferredChannel", "MOBILE");
        JsonPath r = account.client().ok(UPDATE, "input", input);
        assertThat(r.getList("data.customerUpdate.userErrors")).isEmpty();
        assertThat(r.getString("data.customerUpdate.customer.firstName")).isEqualTo("Erica");
        assertThat(r.getString("data.customerUpdate.customer.lastName")).isEqualTo("Mustermann");

        JsonPath me = account.client().ok(ME);
        assertThat(me.getString("data.me.phone")).isEqualTo("+49 89 7654321");
        assertThat(me.getString("data.me.language")).isEqualTo("en-GB");
        assertThat(me.getString("data.me.preferences.preferredStore.id")).isEqualTo(store.id());
        assertThat(me.getString("data.me.preferences.preferredStore.name")).isEqualTo("Favourite store");
        assertThat(me.getString("data.me.preferences.preferredChannel")).isEqualTo("MOBILE");

        // empty values remove optional fields
        JsonPath cleared = account.client().ok(UPDATE, "input", Map.of("phone", "", "preferredStoreId", ""));
        assertThat(cleared.getString("data.customerUpdate.customer.phone")).isNull();
        assertThat(cleared.getString("data.customerUpdate.customer.preferences.preferredStore")).isNull();
        assertThat(cleared.getString("data.customerUpdate.customer.preferences.preferredChannel")).isEqualTo("MOBILE");
    }

    @Test
    void bad_profile_changes_are_refused_and_change_nothing() {
        Account account = Accounts.register();
        TestData.Ref warehouse = data.warehouse("Not a favourite", 50.0, 10.0);
        String before = account.client().ok(ME).prettify();
        record Case(Map<String, Object> input, String code, String field) {
        }
        for (Case c : List.of(
                new Case(Map.of("firstName", "x".repeat(101), "lastName", "Changed"), "TOO_LONG", "firstName"),
                new Case(Map.of("lastName", "", "phone", "+49 30 111111"), "REQUIRED", "lastName"),
                new Case(Map.of("phone", "not a phone"), "INVALID_PHONE", "phone"),
                new Case(Map.of("language", "klingon!"), "INVALID_LANGUAGE", "language"),
                new Case(Map.of("preferredStoreId", warehouse.id()), "UNKNOWN_STORE", "preferredStoreId"),
                new Case(Map.of("preferredStoreId", "bm90LWFuLWlk"), "UNKNOWN_STORE", "preferredStoreId"),
                new Case(Map.of("preferredChannel", "STAFF"), "INVALID_CHANNEL", "preferredChannel"))) {
            JsonPath r = account.client().ok(UPDATE, "input", c.input());
            assertThat(r.getString("data.customerUpdate.userErrors[0].code")).as(c.toString()).isEqualTo(c.code());
            assertThat(r.getList("data.customerUpdate.userErrors[0].field")).containsExactly("input", c.field());
            assertThat(r.getString("data.customerUpdate.customer")).isNull();
        }
        assertThat(account.client().ok(ME).prettify()).isEqualTo(before);
    }

    // ---- addresses

    @Test
    void a_customer_keeps_an_address_book_with_at_most_one_default_shipping_address() {
        Account account = Accounts.register();
        Map<String, Object> home = address("Unter den Linden 1");
        home.put("defaultShipping", true);
        home.put("company", "  ");
        String homeId = createAddress(account, home);
        Map<String, Object> work = address("Friedrichstr. 100");
        work.put("line2", "3rd floor");
        work.put("company", "ACME GmbH");
        String workId = createAddress(account, work);

        JsonPath me = account.client().ok(ME);
        assertThat(me.getList("data.me.addresses.id")).containsExactly(homeId, workId);
        assertThat(me.getList("data.me.addresses.defaultShipping")).containsExactly(true, false);
        assertThat(me.getString("data.me.addresses[0].countryCode")).isEqualTo("DE");
        assertThat(me.getString("data.me.addresses[0].company")).isNull();
        assertThat(me.getString("data.me.addresses[1].line2")).isEqualTo("3rd floor");

        // making another address the default takes it from the first
        JsonPath moved = account.client().ok(ADDRESS_UPDATE, "input", Map.of("id", workId, "defaultShipping", true, "line2", ""));
        assertThat(moved.getList("data.customerAddressUpdate.userErrors")).isEmpty();
        assertThat(moved.getBoolean("data.customerAddressUpdate.address.defaultShipping")).isTrue();
        assertThat(moved.getString("data.customerAddressUpdate.address.line2")).isNull();
        assertThat(moved.getString("data.customerAddressUpdate.address.company")).isEqualTo("ACME GmbH");
        me = account.client().ok(ME);
        assertThat(me.getList("data.me.addresses.defaultShipping")).containsExactly(false, true);

        JsonPath deleted = account.client().ok(ADDRESS_DELETE, "input", Map.of("id", homeId));
        assertThat(deleted.getString("data.customerAddressDelete.deletedAddressId")).isEqualTo(homeId);
        assertThat(account.client().ok(ME).getList("data.me.addresses.id")).containsExactly(workId);
        // deleting it again: it is gone
        assertThat(account.client().ok(ADDRESS_DELETE, "input", Map.of("id", homeId))
                .getString("data.customerAddressDelete.userErrors[0].code")).isEqualTo("NOT_FOUND");
    }

    @Test
    void concurrent_new_default_addresses_leave_exactly_one_default() throws Exception {
        Account account = Accounts.register();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<JsonPath>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Map<String, Object> input = address("Parallelweg " + i);
                input.put("defaultShipping", true);
                calls.add(() -> account.client().ok(ADDRESS_CREATE, "input", input));
            }
            for (Future<JsonPath> f : pool.invokeAll(calls)) {
                assertThat(f.get().getList("data.customerAddressCreate.userErrors")).isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
        JsonPath me = account.client().ok(ME);
        assertThat(me.getList("data.me.addresses")).hasSize(6);
        assertThat(me.getList("data.me.addresses.defaultShipping", Boolean.class).stream().filter(b -> b).count()).isEqualTo(1);
    }

    @Test
    void bad_addresses_are_refused_with_the_field_at_fault_and_store_nothing() {
        Account account = Accounts.register();
        record Case(String field, Object value, String code) {
        }
        for (Case c : List.of(
                new Case("countryCode", "XX", "INVALID_COUNTRY"),
                new Case("countryCode", "DEU", "INVALID_COUNTRY"),
                new Case("postalCode", "1011", "INVALID_POSTAL_CODE"),
                new Case("postalCode", "ABCDE", "INVALID_POSTAL_CODE"),
                new Case("line1", "   ", "REQUIRED"),
                new Case("firstName", "", "REQUIRED"),
                new Case("city", "C".repeat(101), "TOO_LONG"),
                new Case("line2", "L".repeat(201), "TOO_LONG"),
                new Case("company", "C".repeat(101), "TOO_LONG"),
                new Case("phone", "12", "INVALID_PHONE"))) {
            Map<String, Object> input = address("Teststr. 5");
            input.put(c.field(), c.value());
            JsonPath r = account.client().ok(ADDRESS_CREATE, "input", input);
            assertThat(r.getString("data.customerAddressCreate.userErrors[0].code")).as(c.toString()).isEqualTo(c.code());
            assertThat(r.getList("data.customerAddressCreate.userErrors[0].field")).as(c.toString()).containsExactly("input", c.field());
            assertThat(r.getString("data.customerAddressCreate.address")).isNull();
        }
        // other countries' formats
        Map<String, Object> london = address("221B Baker Street");
        london.put("countryCode", "GB");
        london.put("postalCode", "nw1 6xe");
        london.put("city", "London");
        String londonId = createAddress(account, london);
        assertThat(account.client().ok(ME).getList("data.me.addresses.postalCode")).containsExactly("NW1 6XE");

        // an update with a bad value changes nothing either
        JsonPath bad = account.client().ok(ADDRESS_UPDATE, "input", Map.of("id", londonId, "city", "Paris", "countryCode", "ZZ"));
        assertThat(bad.getString("data.customerAddressUpdate.userErrors[0].code")).isEqualTo("INVALID_COUNTRY");
        assertThat(account.client().ok(ME).getList("data.me.addresses.city")).containsExactly("London");
        assertThat(data.count("SELECT count(*) FROM customer_address WHERE customer_id::text = $1", account.id())).isEqualTo(1);
    }

    @Test
    void an_address_book_holds_at_most_twenty_addresses() {
        Account account = Accounts.register();
        for (int i = 0; i < 20; i++) {
            createAddress(account, address("Hausnummer " + i));
        }
        JsonPath r = account.client().ok(ADDRESS_CREATE, "input", address("One too many"));
        assertThat(r.getString("data.customerAddressCreate.userErrors[0].code")).isEqualTo("TOO_MANY_ADDRESSES");
        assertThat(data.count("SELECT count(*) FROM customer_address WHERE customer_id::text = $1", account.id())).isEqualTo(20);
    }

    @Test
    void another_customers_address_is_not_found_and_stays_unchanged() {
        Account owner = Accounts.register();
        Account other = Accounts.register();
        String ownerAddress = createAddress(owner, address("Privatweg 7"));

        JsonPath update = other.client().ok(ADDRESS_UPDATE, "input", Map.of("id", ownerAddress, "line1", "Hijacked 1"));
        assertThat(update.getString("data.customerAddressUpdate.userErrors[0].code")).isEqualTo("NOT_FOUND");
        assertThat(update.getList("data.customerAddressUpdate.userErrors[0].field")).containsExactly("input", "id");
        assertThat(update.getString("data.customerAddressUpdate.address")).isNull();
        JsonPath delete = other.client().ok(ADDRESS_DELETE, "input", Map.of("id", ownerAddress));
        assertThat(delete.getString("data.customerAddressDelete.userErrors[0].code")).isEqualTo("NOT_FOUND");
        // unknown and malformed ids, and an id of another type, get the same answer
        for (String id : List.of(CustomerAddress.globalId(Long.MAX_VALUE - 1), "garbage", TestData.unique("x"),
                com.omnichannel.gateway.store.Location.globalId(1))) {
            assertThat(owner.client().ok(ADDRESS_UPDATE, "input", Map.of("id", id, "city", "Nowhere"))
                    .getString("data.customerAddressUpdate.userErrors[0].code")).isEqualTo("NOT_FOUND");
        }

        assertThat(owner.client().ok(ME).getList("data.me.addresses.line1")).containsExactly("Privatweg 7");
        assertThat(other.client().ok(ME).getList("data.me.addresses")).isEmpty();
    }

    // ---- consents

    @Test
    void consents_record_when_and_through_which_channel_they_were_given_or_withdrawn() {
        Account account = Accounts.register();
        Account other = Accounts.register();
        JsonPath given = account.client().channel("MOBILE").ok(CONSENT_SET, "input", Map.of("purpose", "PERSONALISATION", "granted", true));
        assertThat(given.getList("data.customerConsentSet.userErrors")).isEmpty();
        assertThat(given.getList("data.customerConsentSet.customer.consents.granted")).containsExactly(false, false, true);
        assertThat(given.getString("data.customerConsentSet.customer.consents[2].channel")).isEqualTo("MOBILE");
        assertThat(given.getString("data.customerConsentSet.customer.consents[2].changedAt")).isNotNull();

        account.client().channel("WEB").ok(CONSENT_SET, "input", Map.of("purpose", "PERSONALISATION", "granted", false));
        // setting what is already set changes nothing and records nothing
        account.client().channel("WEB").ok(CONSENT_SET, "input", Map.of("purpose", "PERSONALISATION", "granted", false));
        JsonPath me = account.client().ok(ME);
        assertThat(me.getBoolean("data.me.consents[2].granted")).isFalse();
        assertThat(me.getString("data.me.consents[2].channel")).isEqualTo("WEB");

        assertThat(data.count("""
                SELECT count(*) FROM customer_consent_history WHERE customer_id::text = $1 AND purpose = 'PERSONALISATION'""",
                account.id())).isEqualTo(2);
        assertThat(data.count("""
                SELECT count(*) FROM customer_consent_history
                 WHERE customer_id::text = $1 AND granted AND channel = 'MOBILE'""", account.id())).isEqualTo(1);
        assertThat(other.client().ok(ME).getList("data.me.consents.granted")).containsExactly(false, false, false);
    }

    // ---- activity

    @Test
    void product_views_and_cart_changes_of_a_signed_in_customer_become_their_events() {
        Account account = Accounts.register();
        Account other = Accounts.register();
        TestData.ProductRef product = data.product("Viewed boots", null, 12900);
        TestData.Ref store = data.store("Event store", 47.0, 8.0);
        data.stock(product.variant(0), store, 5);

        account.client().channel("MOBILE").ok("query($slug: String) { product(slug: $slug) { id } }", "slug", product.slug());
        JsonPath cart = account.client().channel("WEB").ok("""
                mutation($input: CartCreateInput) { cartCreate(input: $input) { cart { id } userErrors { code } } }""",
                "input", Map.of("lines", List.of(Map.of("variantId", product.variant(0).id(), "quantity", 1))));
        String cartId = cart.getString("data.cartCreate.cart.id");
        // anonymous views are nobody's activity
        GraphQL.anonymous().ok("query($id: ID) { product(id: $id) { id } }", "id", product.id());

        Accounts.await(() -> account.client().ok(EVENTS, "first", 10).getList("data.me.events.edges").size() >= 3);
        JsonPath events = account.client().ok(EVENTS, "first", 10);
        List<String> kinds = events.getList("data.me.events.edges.node.kind", String.class);
        assertThat(kinds).containsExactly("CART_UPDATED", "PRODUCT_VIEWED", "SIGNED_IN");
        assertThat(events.getList("data.me.events.edges.node.channel", String.class)).containsExactly("WEB", "MOBILE", "WEB");
        assertThat(events.getList("data.me.events.edges.node.subjectId", String.class)).containsExactly(cartId, product.id(), null);

        // pages
        JsonPath first = account.client().ok(EVENTS, "first", 1);
        assertThat(first.getBoolean("data.me.events.pageInfo.hasNextPage")).isTrue();
        JsonPath second = account.client().ok(EVENTS, "first", 1, "after", first.getString("data.me.events.pageInfo.endCursor"));
        assertThat(second.getString("data.me.events.edges[0].node.kind")).isEqualTo("PRODUCT_VIEWED");
        assertThat(account.client().execute(EVENTS, "first", 101).getString("errors[0].extensions.code")).isEqualTo("BAD_USER_INPUT");

        // the other customer sees only their own sign-up
        assertThat(other.client().ok(EVENTS, "first", 10).getList("data.me.events.edges.node.kind")).containsExactly("SIGNED_IN");
        assertThat(data.count("SELECT count(*) FROM customer_event WHERE subject = $1", product.id())).isEqualTo(1);
    }

    @Test
    void taking_an_anonymous_cart_over_after_sign_in_is_a_cart_update_of_the_customer() {
        Account account = Accounts.register();
        TestData.ProductRef product = data.product("Attached scarf", null, 2500);
        JsonPath anonymous = GraphQL.anonymous().ok("""
                mutation($input: CartCreateInput) { cartCreate(input: $input) { cartToken cart { id } } }""",
                "input", Map.of("lines", List.of(Map.of("variantId", product.variant(0).id(), "quantity", 2))));
        String cartId = anonymous.getString("data.cartCreate.cart.id");
        JsonPath attached = account.client().channel("MOBILE").header("X-Cart-Token", anonymous.getString("data.cartCreate.cartToken"))
                .ok("""
                        mutation($input: CartAttachToCustomerInput!) {
                          cartAttachToCustomer(input: $input) { cart { id itemCount } userErrors { code } }
                        }""", "input", Map.of("cartId", cartId, "mode", "MERGE"));
        assertThat(attached.getInt("data.cartAttachToCustomer.cart.itemCount")).isEqualTo(2);
        String customerCart = attached.getString("data.cartAttachToCustomer.cart.id");

        Accounts.await(() -> data.count("""
                SELECT count(*) FROM customer_event
                 WHERE customer_id::text = $1 AND kind = 'CART_UPDATED' AND channel = 'MOBILE' AND subject = $2""",
                account.id(), customerCart) == 1);
    }

    @Test
    void the_account_page_costs_the_same_few_statements_however_full_the_address_book() {
        Account small = Accounts.register();
        Account full = Accounts.register();
        createAddress(small, address("Einzelweg 1"));
        for (int i = 0; i < 12; i++) {
            createAddress(full, address("Vielweg " + i));
        }
        TestData.Ref store = data.store("Counted store", 46.0, 7.5);
        for (Account account : List.of(small, full)) {
            account.client().ok(UPDATE, "input", Map.of("preferredStoreId", store.id()));
            account.client().ok(CONSENT_SET, "input", Map.of("purpose", "EMAIL_MARKETING", "granted", true));
            // the sign-up event is written in the background; let it land before counting
            Accounts.await(() -> data.count("SELECT count(*) FROM customer_event WHERE customer_id::text = $1", account.id()) == 1);
        }
        String page = ME.replace("consents {", "events(first: 10) { edges { node { kind } } } consents {");
        // warm: the store directory re-reads its locations from time to time
        small.client().ok(page);
        long smallCost = statements(() -> small.client().ok(page));
        long fullCost = statements(() -> full.client().ok(page));
        assertThat(full.client().ok(page).getList("data.me.addresses")).hasSize(12);
        // me with its addresses and consents, events (the store comes from the in-memory store directory)
        assertThat(smallCost).isEqualTo(2);
        assertThat(fullCost).isEqualTo(smallCost);
    }

    /** The account page as the storefront sends it (and the load benchmark measures it). */
    static final String ACCOUNT_PAGE = "{ me { id email firstName lastName phone language"
            + " addresses{ id firstName lastName line1 city postalCode countryCode defaultShipping }"
            + " consents{ purpose granted changedAt }"
            + " recommendations(first: 5){ id slug name priceRange{ minVariantPrice{ amount currencyCode } } } } }";

    @Test
    void the_account_page_reads_profile_addresses_and_consents_in_one_statement_as_the_batches_answer_them() {
        Account account = Accounts.register();
        createAddress(account, address("Erstweg 1"));
        Map<String, Object> second = address("Zweitweg 2");
        second.put("defaultShipping", true);
        second.put("company", "Muster GmbH");
        createAddress(account, second);
        account.client().ok(CONSENT_SET, "input", Map.of("purpose", "PERSONALISATION", "granted", true));
        account.client().ok(CONSENT_SET, "input", Map.of("purpose", "EMAIL_MARKETING", "granted", false));
        Accounts.await(() -> data.count("SELECT count(*) FROM customer_event WHERE customer_id::text = $1", account.id()) == 1);

        // warm: recommendations are then cached in Redis, the store directory and products' prices in memory
        account.client().ok(ACCOUNT_PAGE);
        // the profile with addresses and consents; the recommended products (none, when nothing is recommended)
        assertThat(statements(() -> account.client().ok(ACCOUNT_PAGE))).isLessThanOrEqualTo(2);
        String withoutRecommendations = ACCOUNT_PAGE.substring(0, ACCOUNT_PAGE.indexOf(" recommendations")) + " } }";
        assertThat(statements(() -> account.client().ok(withoutRecommendations))).isEqualTo(1);

        JsonPath mine = account.client().ok(ME);
        assertThat(mine.getList("data.me.addresses.line1")).containsExactly("Erstweg 1", "Zweitweg 2");
        assertThat(mine.getList("data.me.addresses.defaultShipping")).containsExactly(false, true);
        assertThat(mine.getList("data.me.consents.purpose")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(mine.getList("data.me.consents.findAll { it.purpose == 'PERSONALISATION' }.granted")).containsExactly(true);
        assertThat(mine.getString("data.me.consents.find { it.purpose == 'PERSONALISATION' }.changedAt")).isNotNull();
        // Staff reading the same customer get addresses and consents through the batch loaders: the same answer, to the byte.
        JsonPath staff = GraphQL.as(Tokens.staff()).ok(ME.replace("me {", "customer(id: \"" + mine.getString("data.me.id") + "\") {"));
        assertThat(staff.prettify().replaceFirst("\"customer\"", "\"me\"")).isEqualTo(mine.prettify());
    }

    private static long statements(Runnable request) {
        Db db = Arc.container().instance(Db.class).get();
        BackgroundWrites.settle();
        long before = db.statementCount();
        request.run();
        return db.statementCount() - before;
    }

    @Test
    void recording_an_event_does_not_wait_for_the_database() {
        Account account = Accounts.register();
        CustomerActivity activity = Arc.container().instance(CustomerActivity.class).get();
        long started = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            activity.record(account.id(), CustomerEventKind.PRODUCT_VIEWED, com.omnichannel.gateway.platform.security.Channel.WEB, "p-" + i);
        }
        long micros = (System.nanoTime() - started) / 1000;
        assertThat(micros).as("1000 events queued in %d µs", micros).isLessThan(200_000);
        // unknown ids are dropped instead of failing a batch
        activity.record("not-a-uuid", CustomerEventKind.PRODUCT_VIEWED, com.omnichannel.gateway.platform.security.Channel.WEB, "x");
        activity.record(java.util.UUID.randomUUID().toString(), CustomerEventKind.PRODUCT_VIEWED,
                com.omnichannel.gateway.platform.security.Channel.WEB, "x");
        Accounts.await(() -> data.count("SELECT count(*) FROM customer_event WHERE customer_id::text = $1 AND kind = 'PRODUCT_VIEWED'",
                account.id()) == 1000);
    }
}
