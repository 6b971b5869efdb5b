package com.omnichannel.gateway.platform.graphql;

import static com.omnichannel.gateway.checkout.Checkouts.customerCart;
import static com.omnichannel.gateway.checkout.Checkouts.line;
import static com.omnichannel.gateway.checkout.Checkouts.pickup;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.checkout.Checkouts;
import com.omnichannel.gateway.order.OrderNumbers;
import com.omnichannel.gateway.support.Accounts;
import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.TestData;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Operations answered from their plan ({@link PlannedQueries}) answer exactly what the engine answers: each query
 * here is sent as it is (planned) and with its selection wrapped in {@code ... @include(if: true) { }} (a directive
 * keeps an operation out of the plans, so the engine executes it), and the two answers must be the same text. The
 * counters say which way each one went.
 */
@QuarkusTest
class PlannedQueriesTest {

    @Inject
    TestData data;
    @Inject
    RedisDataSource redis;

    /**
     * The same operation, executed by the engine: its selection inside an inline fragment with a directive (found
     * as the top-level braces that are not a fragment definition's; the documents here have no braces in strings).
     */
    static String byTheEngine(String query) {
        int depth = 0;
        int definitionStart = 0;
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '{' && depth++ == 0 && !query.substring(definitionStart, i).strip().startsWith("fragment")) {
                int close = i;
                for (int inner = 1; inner > 0;) {
                    char d = query.charAt(++close);
                    inner += d == '{' ? 1 : d == '}' ? -1 : 0;
                }
                return query.substring(0, i + 1) + " ... @include(if: true) { " + query.substring(i + 1, close) + " } "
                        + query.substring(close);
            }
            if (c == '}' && --depth == 0) {
                definitionStart = i + 1;
            }
        }
        throw new IllegalArgumentException("no operation in " + query);
    }

    /** Sends the operation both ways; asserts the plan answered the first, the engine the second, with one text. */
    static String sameAnswerBothWays(GraphQL client, String query, Object... variables) {
        long planned = EnginePatches.plannedAnswers();
        long left = EnginePatches.plansLeftToTheEngine();
        String fromThePlan = client.post(query, variables).then().statusCode(200).extract().asString();
        assertThat(EnginePatches.plannedAnswers() - planned).as("answered from the plan").isEqualTo(1);
        assertThat(EnginePatches.plansLeftToTheEngine() - left).as("left to the engine").isZero();

        String fromTheEngine = client.post(byTheEngine(query), variables).then().statusCode(200).extract().asString();
        assertThat(EnginePatches.plannedAnswers() - planned).as("the directive keeps the engine's run out of the plans")
                .isEqualTo(1);
        assertThat(fromThePlan).isEqualTo(fromTheEngine);
        assertThat(fromThePlan).doesNotContain("\"errors\"");
        return fromThePlan;
    }

    @Test
    void a_product_list_with_batched_fields_fragments_aliases_and_type_names() {
        String name = TestData.unique("Planned lamps");
        TestData.Ref category = data.category(name, null);
        TestData.Ref warehouse = data.warehouse(TestData.unique("Planned warehouse"), 50.1, 8.6);
        for (int i = 0; i < 3; i++) {
            TestData.ProductRef product = data.product(name + " " + i, category, 1000 + i, 2500 + i);
            data.stock(product.variant(0), warehouse, 3 + i);
        }
        String answer = sameAnswerBothWays(GraphQL.anonymous(), """
                fragment Prices on ProductVariant { price { amount currencyCode } }
                query($first: Int!, $cat: ID!) {
                  __typename
                  products(first: $first, filter: { categoryId: $cat }) {
                    __typename
                    edges { cursor node {
                      id title: name slug category { name }
                      ... on Product { priceRange { minVariantPrice { amount } maxVariantPrice { amount } } }
                      variants { __typename id sku ...Prices availableToPromise stockLevels { available location { name } } }
                    } }
                    pageInfo { hasNextPage endCursor }
                  }
                }""", "first", 10, "cat", category.id());
        JsonPath json = JsonPath.from(answer);
        assertThat(json.getList("data.products.edges")).hasSize(3);
        assertThat(json.getString("data.__typename")).isEqualTo("Query");
        assertThat(json.getList("data.products.edges.node.variants.availableToPromise").toString()).contains("3", "4", "5");
    }

    /**
     * Batched fields with arguments, asked for by the plan once per level: each alias with its own arguments, the
     * same store under several variants.
     */
    @Test
    void a_product_page_with_store_availability() {
        TestData.Ref store = data.store(TestData.unique("Planned store"), 52.52, 13.40);
        String fartherName = TestData.unique("Planned store farther");
        // Where no other test puts a store: the nearest store to it is itself.
        TestData.Ref farther = data.store(fartherName, 61.7731, 24.0317);
        TestData.ProductRef product = data.product(TestData.unique("Planned jacket"), null, 5000, 6000);
        data.stock(product.variant(0), store, 4);
        data.stock(product.variant(1), store, 2);
        data.stock(product.variant(1), farther, 7);
        String answer = sameAnswerBothWays(GraphQL.anonymous(), """
                query($slug: String!, $far: ID!) {
                  product(slug: $slug) { id name variants { id sku price { amount }
                    storeAvailability(first: 5, near: { lat: 52.52, lng: 13.40 }) { available distanceKm store { name } }
                    farther: storeAvailability(first: 1, storeId: $far) { available store { name } } } }
                }""", "slug", product.slug(), "far", farther.id());
        JsonPath json = JsonPath.from(answer);
        assertThat(json.getString("data.product.name")).startsWith("Planned jacket");
        assertThat(json.getList("data.product.variants[1].farther.store.name")).containsExactly(fartherName);
        assertThat(json.getList("data.product.variants[1].farther.available")).containsExactly(7);
        assertThat(json.getList("data.product.variants[1].storeAvailability.available")).contains(2);
    }

    @Test
    void a_nullable_field_without_a_value_and_an_empty_list() {
        String answer = sameAnswerBothWays(GraphQL.anonymous(), """
                query($slug: String!) { product(slug: $slug) { id } products(first: 1, filter: { search: "zzqqxnosuchproductzz" }) { edges { cursor } } }""",
                "slug", TestData.unique("no-such-slug"));
        assertThat(answer).contains("\"product\":null").contains("\"edges\":[]");
    }

    @Test
    void a_customers_order_history_account_page_and_cart() {
        Accounts.Account account = Accounts.register();
        GraphQL customer = account.client();
        TestData.Ref store = data.store(TestData.unique("Planned pickup store"), 52.5, 13.4);
        TestData.ProductRef product = data.product(TestData.unique("Planned socks"), null, 999, 1299);
        data.stock(product.variant(0), store, 50);
        data.stock(product.variant(1), store, 50);
        for (int i = 0; i < 2; i++) {
            Checkouts.CartRef cart = customerCart(customer, line(product.variant(0), 1 + i), line(product.variant(1), 1));
            Map<String, Object> input = Checkouts.input(cart, TestData.unique("planned-order"), pickup(store), Checkouts.payInStore());
            input.put("email", account.email());
            assertThat(customer.ok(Checkouts.CHECKOUT, "input", input).getList("data.checkoutComplete.userErrors")).isEmpty();
        }
        String orders = sameAnswerBothWays(customer, """
                { myOrders(first: 10) { edges { node { number status placedAt total { amount currencyCode }
                    lines { productName variantTitle quantity unitPrice { amount } }
                    shipments { status fulfilmentType trackingNumber location { name } } } } pageInfo { hasNextPage } } }""");
        assertThat(JsonPath.from(orders).getList("data.myOrders.edges")).hasSize(2);

        sameAnswerBothWays(customer, """
                { me { id email firstName lastName phone language
                    addresses { id firstName lastName line1 city postalCode countryCode defaultShipping }
                    consents { purpose granted changedAt }
                    recommendations(first: 5) { id slug name priceRange { minVariantPrice { amount currencyCode } } } } }""");

        Checkouts.CartRef open = customerCart(customer, line(product.variant(0), 3));
        String cart = sameAnswerBothWays(customer, """
                query($id: ID!) { cart(id: $id) { id version itemCount subtotal { amount currencyCode }
                    lines { id quantity unitPrice { amount } subtotal { amount } available warnings { code } variant { sku title } } } }""",
                "id", open.id());
        assertThat(JsonPath.from(cart).getInt("data.cart.itemCount")).isEqualTo(3);
    }

    @Test
    void an_error_is_answered_by_the_engine_with_its_path() {
        long left = EnginePatches.plansLeftToTheEngine();
        String query = "query($id: ID!) { categories { id } product(id: $id) { name } }";
        String fromThePlan = GraphQL.anonymous().post(query, "id", "nope").then().statusCode(200).extract().asString();
        assertThat(EnginePatches.plansLeftToTheEngine() - left).as("left to the engine after the plan met the error").isEqualTo(1);
        String fromTheEngine = GraphQL.anonymous().post(byTheEngine(query), "id", "nope").then().statusCode(200).extract().asString();
        // The wrapped document has the field further right: the answers differ in its column only.
        assertThat(fromThePlan.replace("\"column\":37", "\"column\":63")).isEqualTo(fromTheEngine);
        JsonPath json = JsonPath.from(fromThePlan);
        assertThat(json.getList("errors[0].locations")).isEqualTo(List.of(Map.of("line", 1, "column", 37)));
        assertThat(json.getString("errors[0].extensions.code")).isEqualTo("BAD_USER_INPUT");
        assertThat(json.getList("errors[0].path")).isEqualTo(List.of("product"));
        assertThat(json.getList("data.categories")).isNotNull();
    }

    @Test
    void operations_with_directives_and_several_mutations_are_the_engines() {
        long planned = EnginePatches.plannedAnswers();
        GraphQL.anonymous().ok("query($yes: Boolean!) { categories @include(if: $yes) { id } }", "yes", true);
        JsonPath two = GraphQL.anonymous().ok("mutation { a: cartCreate { cart { itemCount } } b: cartCreate { cart { itemCount } } }");
        assertThat(two.getInt("data.b.cart.itemCount")).isZero();
        assertThat(EnginePatches.plannedAnswers() - planned).isZero();
    }

    static final String ADD_LINES = """
            mutation($input: CartLinesAddInput!) { cartLinesAdd(input: $input) { cart { version itemCount
              lines { quantity variant { sku SELECTION } } } userErrors { code } } }""";

    @Test
    void a_mutation_is_answered_from_its_plan() {
        TestData.ProductRef product = data.product(TestData.unique("Planned mugs"), null, 999, 1299);
        Checkouts.CartRef cart = Checkouts.guestCart(line(product.variant(0), 1));
        long planned = EnginePatches.plannedAnswers();
        JsonPath added = cart.client().ok(ADD_LINES.replace("SELECTION", "title"), "input",
                Map.of("cartId", cart.id(), "lines", List.of(line(product.variant(1), 2))));
        assertThat(EnginePatches.plannedAnswers() - planned).isEqualTo(1);
        assertThat(added.getInt("data.cartLinesAdd.cart.itemCount")).isEqualTo(3);
        assertThat(added.getList("data.cartLinesAdd.cart.lines.variant.sku")).containsExactly(product.variant(0).sku(),
                product.variant(1).sku());
    }

    /**
     * A mutation whose answer the plan leaves to the engine (a field of its payload fails) runs once: the engine
     * completes what the mutation answered instead of adding the lines a second time.
     */
    @Test
    void a_mutation_left_to_the_engine_runs_once() {
        TestData.ProductRef product = data.product(TestData.unique("Planned bowls"), null, 999, 1299);
        Checkouts.CartRef cart = Checkouts.guestCart(line(product.variant(0), 1));
        String read = "query($id: ID!) { cart(id: $id) { version itemCount } }";
        int version = cart.client().ok(read, "id", cart.id()).getInt("data.cart.version");
        long left = EnginePatches.plansLeftToTheEngine();
        JsonPath added = cart.client().execute(ADD_LINES.replace("SELECTION", "storeAvailability(first: 1000) { available }"),
                "input", Map.of("cartId", cart.id(), "lines", List.of(line(product.variant(1), 2))));
        assertThat(EnginePatches.plansLeftToTheEngine() - left).isEqualTo(1);
        assertThat(added.getString("errors[0].extensions.code")).isEqualTo("BAD_USER_INPUT");
        assertThat(added.getString("errors[0].path[0]")).isEqualTo("cartLinesAdd");
        JsonPath after = cart.client().ok(read, "id", cart.id());
        assertThat(after.getInt("data.cart.itemCount")).as("the lines were added once").isEqualTo(3);
        assertThat(after.getInt("data.cart.version")).isEqualTo(version + 1);
    }

    /**
     * A query field every call of which counts against a limit counts once when its query is left to the engine:
     * the engine completes what the plan's call answered. Ten lookups of one order number are allowed; each of
     * these ten is left to the engine (a sibling field fails), and only the eleventh is refused.
     */
    @Test
    void a_counted_query_field_counts_once_when_the_plan_is_left_to_the_engine() {
        redis.key().del("order-lookups-per-address:{ip:127.0.0.1}", "order-lookups-per-address:{ip:0:0:0:0:0:0:0:1}");
        // A fresh random number, as new orders get: no order has it.
        String number = new OrderNumbers().next();
        String query = "query($n: String!) { orderLookup(number: $n, email: \"guest@example.com\") { id } product(id: \"nope\") { name } }";
        long left = EnginePatches.plansLeftToTheEngine();
        for (int i = 1; i <= 10; i++) {
            JsonPath answer = GraphQL.anonymous().execute(query, "n", number);
            assertThat(answer.getList("errors.extensions.code")).as("lookup " + i).containsExactly("BAD_USER_INPUT");
            assertThat(answer.getList("errors.path")).as("lookup " + i).containsExactly(List.of("product"));
            assertThat(answer.getMap("data")).containsEntry("orderLookup", null);
        }
        assertThat(EnginePatches.plansLeftToTheEngine() - left).isEqualTo(10);
        JsonPath refused = GraphQL.anonymous().execute(query, "n", number);
        assertThat(refused.getList("errors.extensions.code")).contains("RATE_LIMITED");
        redis.key().del("order-lookups-per-address:{ip:127.0.0.1}", "order-lookups-per-address:{ip:0:0:0:0:0:0:0:1}");
    }
}
