package com.omnichannel.gateway.reporting.recommendation;

import static com.omnichannel.gateway.checkout.Checkouts.customerCart;
import static com.omnichannel.gateway.checkout.Checkouts.guestCart;
import static com.omnichannel.gateway.checkout.Checkouts.line;
import static com.omnichannel.gateway.checkout.Checkouts.payInStore;
import static com.omnichannel.gateway.checkout.Checkouts.pickup;
import static com.omnichannel.gateway.checkout.Checkouts.placed;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.support.Accounts;
import com.omnichannel.gateway.support.BackgroundWrites;
import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.TestData;
import com.omnichannel.gateway.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Products bought together, personal recommendations and best-sellers, each on data of its own. */
@QuarkusTest
class RecommendationTest {

    static final String ALSO_BOUGHT = """
            query($category: ID!, $first: Int) { products(first: 10, filter: { categoryId: $category }, sort: NAME) {
              edges { node { name alsoBought(first: $first) { name } } } } }""";
    static final String MINE = "query($first: Int) { me { recommendations(first: $first) { id name } } }";
    static final String FOR_CALLER = "query($first: Int) { recommendations(first: $first) { id name } }";
    static final String HERE = "query($first: Int) { recommendationsHere(first: $first) { id name } }";
    static final String CONSENT = """
            mutation($input: CustomerConsentSetInput!) { customerConsentSet(input: $input) { userErrors { code } } }""";
    static final String PRODUCT_PAGE = """
            query($slug: String!) { product(slug: $slug) { name priceRange { minVariantPrice { amount } }
              variants { sku price { amount } } alsoBought(first: 4) { name slug priceRange { minVariantPrice { amount } } } } }""";
    static final String ACCOUNT_PAGE = """
            query { me { firstName addresses { city } recommendations(first: 5) { name slug } } }""";

    @Inject
    TestData data;

    @Inject
    Db db;

    @Test
    void also_bought_ranks_products_by_the_orders_they_share_for_a_whole_list_at_once() {
        var category = data.category("Together", null);
        var store = data.store("Together store", 52.5, 13.4);
        var a = stocked("A together", category, store);
        var b = stocked("B together", category, store);
        var c = stocked("C together", category, store);
        var d = stocked("D together", category, store);
        var e = stocked("E together", category, store);
        order(store, a, b);
        order(store, a, b, c);
        order(store, a, b, c, d);
        order(store, e);

        JsonPath r = GraphQL.anonymous().ok(ALSO_BOUGHT, "category", category.id(), "first", 2);
        assertThat(names(r, 0)).containsExactly("B together", "C together");
        assertThat(names(r, 1)).containsExactly("A together", "C together");
        assertThat(names(r, 4)).isEmpty();
        JsonPath all = GraphQL.anonymous().ok(ALSO_BOUGHT, "category", category.id(), "first", 5);
        assertThat(names(all, 0)).containsExactly("B together", "C together", "D together");
        // Ties (one order each) in product order.
        assertThat(names(all, 3)).containsExactly("A together", "B together", "C together");
        assertThat(GraphQL.anonymous().execute(ALSO_BOUGHT, "category", category.id(), "first", 21)
                .getString("errors[0].extensions.code")).isEqualTo("BAD_USER_INPUT");
    }

    @Test
    void a_customer_with_the_consent_gets_products_from_purchases_and_views_without_what_they_bought() {
        var shoes = data.category("Reco shoes", null);
        var bags = data.category("Reco bags", null);
        var store = data.store("Reco store", 52.5, 13.4);
        var p1 = stocked("P1 boot", shoes, store);
        var p2 = stocked("P2 boot", shoes, store);
        var p3 = stocked("P3 boot", shoes, store);
        var p4 = data.product("P4 boot out of stock", shoes, 3000);
        var q1 = stocked("Q1 bag", bags, store);
        var q2 = stocked("Q2 bag", bags, store);
        // Someone else bought P1 together with Q2.
        order(store, p1, q2);

        Map<String, Object> registration = Accounts.registration(Accounts.uniqueEmail());
        registration.put("consents", List.of(Map.of("purpose", "PERSONALISATION", "granted", true)));
        Accounts.Account fan = Accounts.register(registration);
        placed(customerCart(fan.client(), line(p1.variant(0), 1)), pickup(store), payInStore());
        fan.client().channel("MOBILE").ok("query($id: ID!) { product(id: $id) { id } }", "id", q1.id());
        Accounts.await(() -> data.count("SELECT count(*) FROM customer_event WHERE customer_id = $1 AND kind = 'PRODUCT_VIEWED'",
                UUID.fromString(fan.id())) == 1);

        // Q2: bought together with P1 (3 × 2) and in the category of the viewed Q1 (1); P2, P3: P1's category (2);
        // P1 bought, P4 out of stock, Q1 in no seed's list but its own.
        JsonPath mine = fan.client().ok(MINE, "first", 3);
        assertThat(mine.getList("data.me.recommendations.name")).containsExactly("Q2 bag", "P2 boot", "P3 boot");
        assertThat(fan.client().ok(FOR_CALLER, "first", 3).getList("data.recommendations.name"))
                .containsExactly("Q2 bag", "P2 boot", "P3 boot");
        assertThat(fan.client().ok(MINE, "first", 20).getList("data.me.recommendations.name"))
                .doesNotContain("P1 boot", p4.slug()).contains("Q2 bag");

        // A customer without the consent from the start; their order comes before the best-sellers below are read
        // (and kept in Redis for a minute), so that every list below ranks the same orders.
        Accounts.Account plain = Accounts.register();
        placed(customerCart(plain.client(), line(p1.variant(0), 1)), pickup(store), payInStore());

        // Withdrawing the consent takes effect at once (the cached list is dropped): best-sellers, as for anyone.
        fan.client().ok(CONSENT, "input", Map.of("purpose", "PERSONALISATION", "granted", false));
        List<Object> bestSellers = GraphQL.anonymous().ok(FOR_CALLER, "first", 3).getList("data.recommendations.name");
        assertThat(fan.client().ok(MINE, "first", 3).getList("data.me.recommendations.name")).isEqualTo(bestSellers);

        // Without the consent from the start: best-sellers too.
        assertThat(plain.client().ok(MINE, "first", 3).getList("data.me.recommendations.name"))
                .isEqualTo(GraphQL.anonymous().ok(FOR_CALLER, "first", 3).getList("data.recommendations.name"));
    }

    @Test
    void kiosks_get_the_best_sellers_of_their_store_in_stock_there() {
        var store = data.store("Best-seller store", 48.1, 11.6);
        var elsewhere = data.store("Other best-seller store", 53.5, 10.0);
        var r1 = stocked("R1 scarf", null, store);
        var r2 = stocked("R2 scarf", null, store);
        var r3 = stocked("R3 scarf", null, store);
        var r4 = stocked("R4 scarf", null, elsewhere);
        placed(guestCart(line(r2.variant(0), 3)), pickup(store), payInStore());
        placed(guestCart(line(r1.variant(0), 1)), pickup(store), payInStore());
        placed(guestCart(line(r3.variant(0), 5)), pickup(store), payInStore());
        placed(guestCart(line(r4.variant(0), 9)), pickup(elsewhere), payInStore());
        // R3 sold out here.
        data.stock(r3.variant(0), store, 5, 5);

        GraphQL kiosk = GraphQL.as(Tokens.kiosk(store.id()));
        assertThat(kiosk.ok(HERE, "first", 5).getList("data.recommendationsHere.name")).containsExactly("R2 scarf", "R1 scarf");
        assertThat(kiosk.ok(FOR_CALLER, "first", 5).getList("data.recommendations.name")).containsExactly("R2 scarf", "R1 scarf");

        for (GraphQL notKiosk : List.of(GraphQL.anonymous(), GraphQL.as(Tokens.staff()), Accounts.register().client())) {
            assertThat(notKiosk.execute(HERE).getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");
        }
    }

    @Test
    void a_product_page_and_an_account_page_with_recommendations_cost_a_few_statements() {
        var category = data.category("Counted reco", null);
        var store = data.store("Counted reco store", 52.5, 13.4);
        var main = stocked("Counted main", category, store);
        var other = stocked("Counted other", category, store);
        var third = stocked("Counted third", category, store);
        order(store, main, other, third);

        String slug = main.slug();
        long page = statements(GraphQL.anonymous(), PRODUCT_PAGE, "slug", slug);
        assertThat(GraphQL.anonymous().ok(PRODUCT_PAGE, "slug", slug).getList("data.product.alsoBought.name"))
                .containsExactly("Counted other", "Counted third");
        // product and variants; the products bought together come from the catalog row cache (their ranking from Redis)
        assertThat(page).isEqualTo(2);

        Map<String, Object> registration = Accounts.registration(Accounts.uniqueEmail());
        registration.put("consents", List.of(Map.of("purpose", "PERSONALISATION", "granted", true)));
        Accounts.Account account = Accounts.register(registration);
        placed(customerCart(account.client(), line(main.variant(0), 1)), pickup(store), payInStore());
        long account_ = statements(account.client(), ACCOUNT_PAGE);
        assertThat(account.client().ok(ACCOUNT_PAGE).getList("data.me.recommendations.name")).contains("Counted other");
        // the customer with their addresses; the recommended products come from the catalog row cache
        assertThat(account_).isEqualTo(1);
    }

    private long statements(GraphQL client, String query, Object... variables) {
        client.ok(query, variables);
        BackgroundWrites.settle();
        long before = db.statementCount();
        client.ok(query, variables);
        return db.statementCount() - before;
    }

    private TestData.ProductRef stocked(String name, TestData.Ref category, TestData.Ref store) {
        var product = data.product(name, category, 3000);
        data.stock(product.variant(0), store, 100);
        return product;
    }

    private void order(TestData.Ref store, TestData.ProductRef... products) {
        Object[] lines = new Object[products.length];
        for (int i = 0; i < products.length; i++) {
            lines[i] = line(products[i].variant(0), 1);
        }
        placed(guestCart(lines), pickup(store), payInStore());
    }

    @SuppressWarnings("unchecked")
    private static List<String> names(JsonPath r, int product) {
        return (List<String>) (List<?>) r.getList("data.products.edges[" + product + "].node.alsoBought.name");
    }
}
