package com.omnichannel.gateway.customer;

import static com.omnichannel.gateway.checkout.Checkouts.card;
import static com.omnichannel.gateway.checkout.Checkouts.customerCart;
import static com.omnichannel.gateway.checkout.Checkouts.line;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.checkout.Checkouts;
import com.omnichannel.gateway.support.Accounts;
import com.omnichannel.gateway.support.BackgroundWrites;
import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.TestData;
import com.omnichannel.gateway.support.Tokens;

import io.quarkus.redis.datasource.RedisDataSource;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.quarkus.test.junit.QuarkusTest;

/** The data export holds everything about the customer; erasure leaves no personal data in any table. */
@QuarkusTest
class CustomerPrivacyTest {

    static final String EXPORT = "query { customerDataExport { generatedAt sections document } }";
    static final String DELETE = """
            mutation($input: CustomerDeleteInput!) { customerDelete(input: $input) { deletedCustomerId userErrors { code field message } } }""";
    static final String ADD_ADDRESS = """
            mutation($input: CustomerAddressCreateInput!) { customerAddressCreate(input: $input) { address { id } userErrors { code } } }""";
    static final String CONSENT = """
            mutation($input: CustomerConsentSetInput!) { customerConsentSet(input: $input) { userErrors { code } } }""";
    static final String PRODUCT = "query($id: ID!) { product(id: $id) { id } }";
    static final String REFRESH = """
            mutation($input: TokenRefreshInput!) { tokenRefresh(input: $input) { tokens { accessToken } userErrors { code } } }""";

    @Inject
    TestData data;

    @Inject
    Pool pool;

    @Inject
    RedisDataSource redis;

    /** A customer with data in every table that can hold some: profile, address, consents, events, sessions, orders, carts. */
    record Person(Accounts.Account account, String lastName, String phone, String street, String shippingName, String orderId,
            String cartId, String productId) {
    }

    Person personWithDataEverywhere() {
        String lastName = TestData.unique("Erasable");
        String phone = "+49 30 " + (1_000_000 + (int) (Math.random() * 8_999_999));
        Map<String, Object> registration = Accounts.registration(Accounts.uniqueEmail());
        registration.put("lastName", lastName);
        registration.put("phone", phone);
        registration.put("consents", List.of(Map.of("purpose", "EMAIL_MARKETING", "granted", true)));
        Accounts.Account account = Accounts.register(registration);
        GraphQL client = account.client();

        String street = TestData.unique("Loeschweg");
        Map<String, Object> address = new HashMap<>(Map.of("firstName", "Erika", "lastName", lastName, "line1", street,
                "city", "Berlin", "postalCode", "10115", "countryCode", "DE", "phone", phone));
        assertThat(client.ok(ADD_ADDRESS, "input", address).getList("data.customerAddressCreate.userErrors")).isEmpty();
        client.ok(CONSENT, "input", Map.of("purpose", "PERSONALISATION", "granted", true));
        client.ok(CONSENT, "input", Map.of("purpose", "EMAIL_MARKETING", "granted", false));

        var store = data.store("Privacy store", 52.5, 13.4);
        var product = data.product("Privacy jacket", null, 5000, 6000);
        data.stock(product.variant(0), store, 50);
        data.stock(product.variant(1), store, 50);
        client.ok(PRODUCT, "id", product.id());

        // An order shipped to the customer by card, then a new cart left open.
        String shippingName = TestData.unique("Empfaenger");
        Map<String, Object> shipTo = new HashMap<>(Map.of("firstName", shippingName, "lastName", lastName, "line1", street,
                "city", "Berlin", "postalCode", "10115", "countryCode", "DE", "phone", phone));
        Checkouts.CartRef ordered = customerCart(client, line(product.variant(0), 2));
        Map<String, Object> input = Checkouts.input(ordered, UUID.randomUUID().toString(), Map.of("type", "SHIP", "address", shipTo),
                card("4242424242424242"));
        input.put("email", account.email());
        JsonPath order = client.ok(Checkouts.CHECKOUT, "input", input);
        assertThat(order.getList("data.checkoutComplete.userErrors")).as(order.prettify()).isEmpty();
        String orderId = order.getString("data.checkoutComplete.order.id");
        Checkouts.CartRef open = customerCart(client, line(product.variant(1), 1));

        Accounts.await(() -> data.count("SELECT count(*) FROM customer_event WHERE customer_id = $1 AND kind = 'ORDER_PLACED'",
                UUID.fromString(account.id())) > 0
                && data.count("SELECT count(*) FROM cart_activity WHERE cart_id = $1", open.id()) > 0);
        // The open cart's customer event is queued by another writer than its cart fact: let both land.
        BackgroundWrites.settle();
        return new Person(account, lastName, phone, street, shippingName, orderId, open.id(), product.id());
    }

    @Test
    void the_export_holds_the_data_of_every_table_about_the_customer() {
        Person p = personWithDataEverywhere();
        JsonPath r = p.account().client().ok(EXPORT);
        assertThat(r.getString("data.customerDataExport.generatedAt")).isNotBlank();
        assertThat(r.getList("data.customerDataExport.sections", String.class)).contains("profile", "addresses", "consents",
                "consentHistory", "events", "sessions", "orders", "cart", "cartActivity");
        JsonObject doc = new JsonObject(r.getString("data.customerDataExport.document"));
        UUID id = UUID.fromString(p.account().id());

        assertThat(doc.getString("customerId")).isEqualTo(p.account().id());
        JsonObject profile = doc.getJsonObject("profile");
        assertThat(profile.getString("email")).isEqualTo(p.account().email());
        assertThat(profile.getString("last_name")).isEqualTo(p.lastName());
        assertThat(profile.getString("phone")).isEqualTo(p.phone());
        assertThat(profile.containsKey("password_hash")).isFalse();

        // Every row of every customer table, as many as the database holds.
        assertThat(doc.getJsonArray("addresses")).hasSize((int) data.count("SELECT count(*) FROM customer_address WHERE customer_id = $1", id));
        assertThat(doc.getJsonArray("addresses").getJsonObject(0).getString("line1")).isEqualTo(p.street());
        assertThat(doc.getJsonArray("consents")).hasSize(2);
        assertThat(doc.getJsonArray("consentHistory"))
                .hasSize((int) data.count("SELECT count(*) FROM customer_consent_history WHERE customer_id = $1", id)).hasSize(3);
        assertThat(doc.getJsonArray("events")).hasSize((int) data.count("SELECT count(*) FROM customer_event WHERE customer_id = $1", id));
        assertThat(kinds(doc.getJsonArray("events"))).contains("PRODUCT_VIEWED", "CART_UPDATED", "ORDER_PLACED");
        assertThat(doc.getJsonArray("sessions")).hasSize((int) data.count("SELECT count(*) FROM customer_refresh_token WHERE customer_id = $1", id));
        assertThat(doc.getJsonArray("sessions").getJsonObject(0).containsKey("token_hash")).isFalse();

        JsonArray orders = doc.getJsonArray("orders");
        assertThat(orders).hasSize((int) data.count("SELECT count(*) FROM customer_order WHERE customer_id = $1", p.account().id())).hasSize(1);
        JsonObject order = orders.getJsonObject(0);
        assertThat(order.getString("email")).isEqualTo(p.account().email());
        assertThat(order.getJsonObject("shipping_address").getString("firstName")).isEqualTo(p.shippingName());
        assertThat(order.getLong("total_minor")).isPositive();
        assertThat(order.getJsonArray("lines")).hasSize(1);
        assertThat(order.getJsonArray("lines").getJsonObject(0).getInteger("quantity")).isEqualTo(2);
        assertThat(order.getJsonArray("timeline")).isNotEmpty();
        assertThat(order.containsKey("payment_reference")).isFalse();

        assertThat(doc.getJsonObject("cart").getString("id")).isEqualTo(p.cartId());
        assertThat(doc.getJsonObject("cart").getJsonArray("lines")).hasSize(1);
        assertThat(doc.getJsonArray("cartActivity"))
                .hasSize((int) data.count("SELECT count(*) FROM cart_activity WHERE customer_id = $1", id)).hasSize(2);
    }

    @Test
    void password_confirmations_of_an_erasure_are_limited_per_account() {
        Accounts.Account account = Accounts.register();
        GraphQL client = account.client();
        for (int i = 0; i < 10; i++) {
            assertThat(client.ok(DELETE, "input", Map.of("password", "Guess-number-" + i))
                    .getString("data.customerDelete.userErrors[0].code")).isEqualTo("INVALID_CREDENTIALS");
        }
        // The eleventh attempt is refused without checking, even with the right password.
        JsonPath limited = client.ok(DELETE, "input", Map.of("password", account.password()));
        assertThat(limited.getString("data.customerDelete.userErrors[0].code")).isEqualTo("RATE_LIMITED");
        assertThat(limited.getString("data.customerDelete.deletedCustomerId")).isNull();
        assertThat(data.count("SELECT count(*) FROM customer WHERE id = $1", UUID.fromString(account.id()))).isEqualTo(1);
    }

    @Test
    void erasure_leaves_no_personal_data_in_any_table_and_keeps_the_order_figures() {
        Person p = personWithDataEverywhere();
        GraphQL client = p.account().client();
        Row before = order(p.orderId());

        JsonPath wrong = client.ok(DELETE, "input", Map.of("password", "Not-the-password-1"));
        assertThat(wrong.getString("data.customerDelete.userErrors[0].code")).isEqualTo("INVALID_CREDENTIALS");
        assertThat(data.count("SELECT count(*) FROM customer WHERE id = $1", UUID.fromString(p.account().id()))).isEqualTo(1);

        JsonPath deleted = client.ok(DELETE, "input", Map.of("password", p.account().password()));
        assertThat(deleted.getList("data.customerDelete.userErrors")).isEmpty();
        assertThat(deleted.getString("data.customerDelete.deletedCustomerId")).isEqualTo(p.account().globalId());

        // No row of any table mentions the customer's id, email, name, phone, street or the recipient's name.
        String phoneDigits = p.phone().replaceAll("[^0-9]", "");
        List<String> tables = new ArrayList<>();
        pool.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
                + " AND table_name <> 'flyway_schema_history'").execute().await().indefinitely()
                .forEach(row -> tables.add(row.getString("table_name")));
        assertThat(tables).contains("customer", "customer_order", "order_event", "cart_activity", "stock_movement");
        for (String table : tables) {
            for (String personal : List.of(p.account().id(), p.account().email(), p.lastName(), p.street(), p.shippingName())) {
                assertThat(data.count("SELECT count(*) FROM \"" + table + "\" t WHERE strpos(t::text, $1) > 0", personal))
                        .as("%s still holds %s", table, personal).isZero();
            }
            assertThat(data.count("SELECT count(*) FROM \"" + table + "\" t WHERE strpos(regexp_replace(t::text, '[^0-9]', '', 'g'), $1) > 0",
                    phoneDigits)).as("%s still holds the phone number", table).isZero();
        }

        // The order keeps its figures and lines; the shipping country stays for tax.
        Row after = order(p.orderId());
        assertThat(after.getLong("total_minor")).isEqualTo(before.getLong("total_minor"));
        assertThat(after.getLong("tax_minor")).isEqualTo(before.getLong("tax_minor"));
        assertThat(after.getString("number")).isEqualTo(before.getString("number"));
        assertThat(after.getString("customer_id")).isNull();
        assertThat(after.getString("email")).isNull();
        assertThat(after.getString("card_last4")).isNull();
        assertThat(new JsonObject(after.getValue("shipping_address").toString()).getMap()).isEqualTo(Map.of("countryCode", "DE"));
        assertThat(data.count("SELECT count(*) FROM order_line WHERE order_id = $1", after.getLong("id"))).isEqualTo(1);
        assertThat(data.count("SELECT count(*) FROM cart_activity WHERE cart_id = $1 AND customer_id IS NULL", p.cartId())).isEqualTo(1);

        // The cart is gone from Redis, the tokens stop working.
        assertThat(redis.key().exists("cart:{" + p.cartId() + "}")).isFalse();
        assertThat(redis.key().exists("customer-cart:{" + p.account().id() + "}")).isFalse();
        assertThat(client.execute("query { me { id } }").getString("errors[0].extensions.code")).isEqualTo("NOT_FOUND");
        assertThat(client.execute(EXPORT).getString("errors[0].extensions.code")).isEqualTo("NOT_FOUND");
        assertThat(client.ok("query { myOrders { edges { node { id } } } myCart { id } }").getList("data.myOrders.edges")).isEmpty();
        assertThat(GraphQL.anonymous().ok(REFRESH, "input", Map.of("refreshToken", p.account().refreshToken()))
                .getString("data.tokenRefresh.userErrors[0].code")).isEqualTo("INVALID_REFRESH_TOKEN");
        assertThat(client.execute(DELETE, "input", Map.of("password", p.account().password()))
                .getString("errors[0].extensions.code")).isEqualTo("NOT_FOUND");
        // The access token lives on for minutes, but stores nothing new about the person.
        assertThat(client.execute(Checkouts.CREATE_CART, "input", Map.of("lines", List.of()))
                .getString("errors[0].extensions.code")).isEqualTo("UNAUTHENTICATED");
        Checkouts.CartRef guest = Checkouts.guestCart();
        Map<String, Object> checkout = Checkouts.input(guest, UUID.randomUUID().toString(), Checkouts.ship(), Checkouts.payInStore());
        assertThat(client.header("X-Cart-Token", "none").execute(Checkouts.CHECKOUT, "input", checkout)
                .getString("errors[0].extensions.code")).isEqualTo("UNAUTHENTICATED");
        assertThat(Accounts.signIn(GraphQL.anonymous(), p.account().email(), p.account().password())
                .getString("data.customerSignIn.userErrors[0].code")).isEqualTo("INVALID_CREDENTIALS");
    }

    @Test
    void only_the_customer_themselves_may_export_or_erase_and_not_from_a_kiosk() {
        assertThat(GraphQL.anonymous().execute(EXPORT).getString("errors[0].extensions.code")).isEqualTo("UNAUTHENTICATED");
        assertThat(GraphQL.as(Tokens.staff()).execute(EXPORT).getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");
        var store = data.store("Kiosk privacy store", 52.5, 13.4);
        assertThat(GraphQL.as(Tokens.kiosk(store.id())).execute(DELETE, "input", Map.of("password", "x"))
                .getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");

        Accounts.Account account = Accounts.register();
        JsonPath kioskSession = Accounts.signIn(GraphQL.as(Tokens.kiosk(store.id())), account.email(), account.password());
        GraphQL atKiosk = GraphQL.as(kioskSession.getString("data.customerSignIn.tokens.accessToken"));
        assertThat(atKiosk.execute(EXPORT).getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");
        assertThat(atKiosk.execute(DELETE, "input", Map.of("password", account.password()))
                .getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");
        assertThat(data.count("SELECT count(*) FROM customer WHERE id = $1", UUID.fromString(account.id()))).isEqualTo(1);

        // Another customer's erasure does not touch this one.
        Accounts.Account other = Accounts.register();
        other.client().ok(DELETE, "input", Map.of("password", other.password()));
        assertThat(account.client().ok("query { me { id } }").getString("data.me.id")).isEqualTo(account.globalId());
    }

    private static List<String> kinds(JsonArray events) {
        List<String> kinds = new ArrayList<>();
        events.forEach(e -> kinds.add(((JsonObject) e).getString("kind")));
        return kinds;
    }

    private Row order(String orderId) {
        long key = com.omnichannel.gateway.platform.ids.GlobalId.decode("Order", orderId, "id");
        return pool.preparedQuery("SELECT id, number, customer_id, email, card_last4, shipping_address::text AS shipping_address, "
                + "total_minor, tax_minor FROM customer_order WHERE id = $1").execute(Tuple.of(key)).await().indefinitely()
                .iterator().next();
    }
}
