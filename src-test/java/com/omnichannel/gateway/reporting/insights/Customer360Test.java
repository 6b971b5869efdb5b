package com.omnichannel.gateway.reporting.insights;

import static com.omnichannel.gateway.checkout.Checkouts.customerCart;
import static com.omnichannel.gateway.checkout.Checkouts.line;
import static com.omnichannel.gateway.checkout.Checkouts.payInStore;
import static com.omnichannel.gateway.checkout.Checkouts.pickup;
import static com.omnichannel.gateway.checkout.Checkouts.placed;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.support.Accounts;
import com.omnichannel.gateway.support.BackgroundWrites;
import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.TestData;
import com.omnichannel.gateway.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Staff see one customer across channels; customers and kiosks cannot look anyone up. */
@QuarkusTest
class Customer360Test {

    static final String SEARCH = """
            query($search: String, $first: Int, $after: String) { customers(search: $search, first: $first, after: $after) {
              edges { cursor node { id email lastName phone } } pageInfo { hasNextPage endCursor } } }""";
    static final String VIEW = """
            query($id: ID!) { customer(id: $id) {
              id email firstName lastName phone
              orders(first: 10) { edges { node { number sourceChannel total { amount } } } pageInfo { hasNextPage } }
              activeCart { id lines { quantity } }
              loyalty { balance tier }
              events(first: 50) { edges { node { kind channel } } }
              channelMix { channel events eventShare orders spend { amount currencyCode } spendShare } } }""";
    static final String PRODUCT = "query($id: ID!) { product(id: $id) { id } }";

    @Inject
    TestData data;

    @Inject
    Pool pool;

    @Test
    void staff_find_a_customer_by_email_phone_or_name_and_see_them_across_channels() {
        String lastName = TestData.unique("Dreikanal");
        String phone = "+49 171 " + (1_000_000 + (int) (Math.random() * 8_999_999));
        Map<String, Object> registration = Accounts.registration(Accounts.uniqueEmail());
        registration.put("lastName", lastName);
        registration.put("phone", phone);
        Accounts.Account account = Accounts.register(registration);
        GraphQL webClient = account.client();
        GraphQL mobileClient = account.client().channel("MOBILE");

        var store = data.store("360 store", 52.5, 13.4);
        var product = data.product("360 sneaker", null, 2500, 4000);
        data.stock(product.variant(0), store, 20);
        data.stock(product.variant(1), store, 20);
        webClient.ok(PRODUCT, "id", product.id());
        mobileClient.ok(PRODUCT, "id", product.id());
        String webOrder = placed(customerCart(webClient, line(product.variant(0), 1)), pickup(store), payInStore()).getString("number");
        String mobileOrder = placed(customerCart(mobileClient, line(product.variant(1), 2)), pickup(store), payInStore()).getString("number");
        String cartId = customerCart(mobileClient, line(product.variant(0), 3)).id();
        UUID id = UUID.fromString(account.id());
        Accounts.await(() -> data.count("SELECT count(*) FROM customer_event WHERE customer_id = $1 AND kind = 'ORDER_PLACED'", id) == 2
                && data.count("SELECT count(*) FROM customer_event WHERE customer_id = $1 AND kind = 'CART_UPDATED'", id) == 3);

        GraphQL staff = GraphQL.as(Tokens.staff());
        assertThat(staff.ok(SEARCH, "search", account.email().toUpperCase()).getList("data.customers.edges.node.id")).containsExactly(account.globalId());
        assertThat(staff.ok(SEARCH, "search", account.email().substring(0, account.email().indexOf('@') + 1))
                .getList("data.customers.edges.node.id")).containsExactly(account.globalId());
        assertThat(staff.ok(SEARCH, "search", phone.replace(" ", "-")).getList("data.customers.edges.node.id")).containsExactly(account.globalId());
        assertThat(staff.ok(SEARCH, "search", "erika " + lastName.toLowerCase()).getList("data.customers.edges.node.id"))
                .containsExactly(account.globalId());
        assertThat(staff.ok(SEARCH, "search", "100%_" + lastName).getList("data.customers.edges")).isEmpty();
        JsonPath firstPage = staff.ok(SEARCH, "first", 1);
        assertThat(firstPage.getList("data.customers.edges")).hasSize(1);
        assertThat(firstPage.getBoolean("data.customers.pageInfo.hasNextPage")).isTrue();

        JsonPath r = staff.ok(VIEW, "id", account.globalId()).setRootPath("data.customer");
        assertThat(r.getString("email")).isEqualTo(account.email());
        assertThat(r.getString("phone")).isEqualTo(phone);
        assertThat(r.getList("orders.edges.node.number")).containsExactly(mobileOrder, webOrder);
        assertThat(r.getList("orders.edges.node.sourceChannel")).containsExactly("MOBILE", "WEB");
        assertThat(r.getString("activeCart.id")).isEqualTo(cartId);
        assertThat(r.getInt("activeCart.lines[0].quantity")).isEqualTo(3);
        assertThat(r.getInt("loyalty.balance")).isZero();
        assertThat(r.getList("events.edges.node.kind")).contains("PRODUCT_VIEWED", "ORDER_PLACED", "CART_UPDATED");

        // Channel mix: events and spend per channel, as the database holds them.
        Map<String, Long> events = new HashMap<>();
        pool.preparedQuery("SELECT channel, count(*) AS n FROM customer_event WHERE customer_id = $1 GROUP BY channel")
                .execute(Tuple.of(id)).await().indefinitely().forEach(row -> events.put(row.getString("channel"), row.getLong("n")));
        long allEvents = events.values().stream().mapToLong(Long::longValue).sum();
        assertThat(r.getList("channelMix.channel")).containsExactly("WEB", "MOBILE");
        for (int i = 0; i < 2; i++) {
            String channel = r.getString("channelMix[" + i + "].channel");
            assertThat(r.getLong("channelMix[" + i + "].events")).isEqualTo(events.get(channel));
            assertThat(r.getDouble("channelMix[" + i + "].eventShare")).isEqualTo(BigDecimal.valueOf(events.get(channel))
                    .divide(BigDecimal.valueOf(allEvents), 4, RoundingMode.HALF_UP).doubleValue());
            assertThat(r.getInt("channelMix[" + i + "].orders")).isEqualTo(1);
        }
        Row web = orderTotals(webOrder);
        Row mobile = orderTotals(mobileOrder);
        long total = web.getLong("total_minor") + mobile.getLong("total_minor");
        assertThat(r.getString("channelMix[0].spend.amount")).isEqualTo(BigDecimal.valueOf(web.getLong("total_minor"), 2).toPlainString());
        assertThat(r.getString("channelMix[1].spend.amount")).isEqualTo(BigDecimal.valueOf(mobile.getLong("total_minor"), 2).toPlainString());
        assertThat(r.getDouble("channelMix[1].spendShare")).isEqualTo(BigDecimal.valueOf(mobile.getLong("total_minor"))
                .divide(BigDecimal.valueOf(total), 4, RoundingMode.HALF_UP).doubleValue());

        // The customer sees the same 360 fields of themselves through me.
        JsonPath me = webClient.ok("query { me { orders { edges { node { number } } } activeCart { id } channelMix { channel orders } } }");
        assertThat(me.getList("data.me.orders.edges.node.number")).containsExactly(mobileOrder, webOrder);
        assertThat(me.getString("data.me.activeCart.id")).isEqualTo(cartId);
    }

    @Inject
    com.omnichannel.gateway.platform.db.Db db;

    @Test
    void a_list_of_customers_with_their_orders_costs_the_same_statements_for_one_and_for_three() {
        String family = TestData.unique("Listenfamilie");
        var store = data.store("360 list store", 52.5, 13.4);
        var product = data.product("360 list item", null, 1500);
        data.stock(product.variant(0), store, 50);
        for (int i = 0; i < 3; i++) {
            Map<String, Object> registration = Accounts.registration(Accounts.uniqueEmail());
            registration.put("lastName", family);
            Accounts.Account account = Accounts.register(registration);
            placed(customerCart(account.client(), line(product.variant(0), 1)), pickup(store), payInStore());
            placed(customerCart(account.client(), line(product.variant(0), 2)), pickup(store), payInStore());
            UUID id = UUID.fromString(account.id());
            Accounts.await(() -> data.count("SELECT count(*) FROM customer_event WHERE customer_id = $1 AND kind = 'ORDER_PLACED'", id) == 2);
        }
        String list = """
                query($search: String, $first: Int) { customers(search: $search, first: $first) { edges { node {
                  email orders(first: 5) { edges { node { number lines { sku quantity } pickupStore { name } } } }
                  channelMix { channel orders spend { amount } } } } } }""";
        GraphQL staff = GraphQL.as(Tokens.staff());
        JsonPath three = staff.ok(list, "search", family, "first", 3);
        assertThat(three.getList("data.customers.edges")).hasSize(3);
        assertThat(three.getList("data.customers.edges[2].node.orders.edges")).hasSize(2);
        assertThat(three.getList("data.customers.edges[0].node.orders.edges[0].node.lines.quantity")).containsExactly(2);
        long forOne = statements(staff, list, "search", family, "first", 1);
        long forThree = statements(staff, list, "search", family, "first", 3);
        assertThat(forThree).isEqualTo(forOne);
        // customers, orders, lines, channel mix (pickup stores come from memory)
        assertThat(forThree).isLessThanOrEqualTo(4);
    }

    private long statements(GraphQL client, String query, Object... variables) {
        client.ok(query, variables);
        BackgroundWrites.settle();
        long before = db.statementCount();
        client.ok(query, variables);
        return db.statementCount() - before;
    }

    @Test
    void customers_and_kiosks_cannot_look_up_customers() {
        Accounts.Account victim = Accounts.register();
        Accounts.Account other = Accounts.register();
        String kiosk = Tokens.kiosk(data.store("360 kiosk store", 50, 10).id());
        for (GraphQL client : List.of(other.client(), other.client().channel("MOBILE"), GraphQL.as(kiosk),
                GraphQL.as(Tokens.customer(victim.id())).channel("KIOSK"))) {
            assertThat(client.execute(SEARCH, "search", victim.email()).getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");
            JsonPath byId = client.execute(VIEW, "id", victim.id());
            assertThat(byId.getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");
            assertThat(byId.getString("data.customer")).isNull();
        }
        // A customer at a kiosk session is still a customer: FORBIDDEN, even for their own id.
        JsonPath session = Accounts.signIn(GraphQL.as(kiosk), victim.email(), victim.password());
        assertThat(GraphQL.as(session.getString("data.customerSignIn.tokens.accessToken")).execute(VIEW, "id", victim.id())
                .getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");
        assertThat(GraphQL.anonymous().execute(SEARCH).getString("errors[0].extensions.code")).isEqualTo("UNAUTHENTICATED");
        assertThat(GraphQL.anonymous().execute(VIEW, "id", victim.id()).getString("errors[0].extensions.code")).isEqualTo("UNAUTHENTICATED");

        GraphQL staff = GraphQL.as(Tokens.staff());
        assertThat(staff.ok(VIEW, "id", UUID.randomUUID().toString()).getString("data.customer")).isNull();
        assertThat(staff.ok(VIEW, "id", "not-a-customer-id").getString("data.customer")).isNull();
        assertThat(staff.execute(SEARCH, "search", "x".repeat(201)).getString("errors[0].extensions.code")).isEqualTo("BAD_USER_INPUT");
    }

    private Row orderTotals(String number) {
        return pool.preparedQuery("SELECT total_minor FROM customer_order WHERE number = $1").execute(Tuple.of(number))
                .await().indefinitely().iterator().next();
    }
}
