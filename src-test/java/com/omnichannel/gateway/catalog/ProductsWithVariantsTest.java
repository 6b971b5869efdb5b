package com.omnichannel.gateway.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.support.BackgroundWrites;
import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.TestData;
import com.omnichannel.gateway.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A product page and a product list read their products and the products' variants in one statement when the
 * variants are selected. The answers are the ones the batch of variants gives (as for products reached through
 * {@code nodes}): active variants only, in display order, priced in the product's currency, an empty list for a
 * product without any; and the list keeps its order for every sort.
 */
@QuarkusTest
class ProductsWithVariantsTest {

    static final String VARIANTS = "variants { id sku title price { amount currencyCode } compareAtPrice { amount } "
            + "selectedOptions { name value } barcode }";
    static final String PAGE = "query($slug: String!) { product(slug: $slug) { id name " + VARIANTS + " } }";
    static final String BY_ID = "query($id: ID!) { product(id: $id) { id name " + VARIANTS + " } }";

    @Inject
    TestData data;

    @Inject
    Db db;

    static TestData.Ref category;
    static List<TestData.ProductRef> products;
    static TestData.ProductRef withInactive;
    static TestData.ProductRef withoutVariants;
    static TestData.ProductRef draft;

    @BeforeEach
    void products_with_their_variants() {
        if (category != null) {
            return; // shared by the tests of this class; they only read
        }
        category = data.category(TestData.unique("With variants"), null);
        products = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            // Prices out of name order, so that every sort gives another order.
            products.add(data.product("Varied " + (char) ('A' + (i * 7) % 12), category, 1000 + (i * 5 % 12) * 100, 2500, 900 + i));
        }
        withInactive = products.get(3);
        data.execute("UPDATE product_variant SET active = false WHERE id = " + withInactive.variant(1).key());
        withoutVariants = products.get(5);
        data.execute("UPDATE product_variant SET active = false WHERE product_id = " + withoutVariants.key());
        draft = data.product("Varied draft", category, 4000, 4100);
        data.execute("UPDATE product SET status = 'DRAFT' WHERE id = " + draft.key());
    }

    @Test
    void a_product_page_reads_the_product_and_its_variants_in_one_statement_and_answers_as_the_batch_does() {
        for (TestData.ProductRef product : List.of(products.get(0), withInactive, withoutVariants)) {
            assertThat(statementsFor(null, PAGE, "slug", product.slug())).isEqualTo(1);
            Map<String, Object> page = GraphQL.anonymous().ok(PAGE, "slug", product.slug()).getMap("data.product");
            Map<String, Object> byId = GraphQL.anonymous().ok(BY_ID, "id", product.id()).getMap("data.product");
            Object batched = batched(List.of(product.id())).get(0);
            assertThat(page).isEqualTo(batched).isEqualTo(byId);
        }
        JsonPath inactive = GraphQL.anonymous().ok(PAGE, "slug", withInactive.slug());
        assertThat(inactive.getList("data.product.variants.id"))
                .containsExactly(withInactive.variant(0).id(), withInactive.variant(2).id());
        assertThat(inactive.getList("data.product.variants.price.currencyCode")).containsOnly("EUR");
        assertThat(GraphQL.anonymous().ok(PAGE, "slug", withoutVariants.slug()).getList("data.product.variants")).isEmpty();

        // Hidden from shoppers, with its variants for staff.
        assertThat(GraphQL.anonymous().ok(PAGE, "slug", draft.slug()).getMap("data.product")).isNull();
        GraphQL staff = GraphQL.as(Tokens.staff());
        assertThat(staff.ok(PAGE, "slug", draft.slug()).getList("data.product.variants.sku"))
                .containsExactly(draft.variant(0).sku(), draft.variant(1).sku());
        // Without variants selected, the product alone.
        assertThat(statementsFor(null, "query($slug: String!) { product(slug: $slug) { id name } }", "slug", products.get(0).slug()))
                .isEqualTo(1);
    }

    @Test
    void a_product_list_reads_its_products_and_their_variants_in_one_statement_in_the_order_of_every_sort() {
        for (String sort : List.of("RELEVANCE", "PRICE_ASC", "PRICE_DESC", "NEWEST", "NAME")) {
            String list = "query($cat: ID!, $first: Int!, $after: String) { products(first: $first, after: $after, "
                    + "filter: { categoryId: $cat }, sort: " + sort + ") { edges { cursor node { id name " + VARIANTS
                    + " } } pageInfo { hasNextPage endCursor } } }";
            String idsOnly = "query($cat: ID!, $first: Int!, $after: String) { products(first: $first, after: $after, "
                    + "filter: { categoryId: $cat }, sort: " + sort + ") { edges { node { id } } } }";
            assertThat(statementsFor(null, list, "cat", category.id(), "first", 5)).as(sort).isEqualTo(1);

            JsonPath first = GraphQL.anonymous().ok(list, "cat", category.id(), "first", 5);
            JsonPath next = GraphQL.anonymous().ok(list, "cat", category.id(), "first", 20,
                    "after", first.getString("data.products.pageInfo.endCursor"));
            List<String> ids = new ArrayList<>(first.getList("data.products.edges.node.id"));
            ids.addAll(next.getList("data.products.edges.node.id"));
            assertThat(ids).as(sort).hasSize(products.size())
                    .isEqualTo(GraphQL.anonymous().ok(idsOnly, "cat", category.id(), "first", 20).getList("data.products.edges.node.id"));
            assertThat(first.getBoolean("data.products.pageInfo.hasNextPage")).isTrue();
            assertThat(next.getBoolean("data.products.pageInfo.hasNextPage")).isFalse();

            List<Object> listed = new ArrayList<>(first.getList("data.products.edges.node"));
            listed.addAll(next.getList("data.products.edges.node"));
            assertThat(listed).as(sort).isEqualTo(batched(ids));
        }
        String search = """
                query($cat: ID!) { products(first: 20, filter: { categoryId: $cat, search: "varied" }) {
                  edges { node { id variants { id } } } } }""";
        assertThat(statementsFor(null, search, "cat", category.id())).isEqualTo(1);
        assertThat(GraphQL.anonymous().ok(search, "cat", category.id()).getList("data.products.edges")).hasSize(products.size());
    }

    /** The products as node(id:) answers them: read by key, their variants in a batch for all of them. */
    private static List<Object> batched(List<String> ids) {
        StringBuilder query = new StringBuilder("{");
        for (int i = 0; i < ids.size(); i++) {
            query.append(" p").append(i).append(": node(id: \"").append(ids.get(i)).append("\") { ... on Product { id name ")
                    .append(VARIANTS).append(" } }");
        }
        JsonPath answer = GraphQL.anonymous().ok(query.append(" }").toString());
        List<Object> products = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            products.add(answer.getMap("data.p" + i));
        }
        return products;
    }

    private long statementsFor(String token, String query, Object... variables) {
        GraphQL client = token == null ? GraphQL.anonymous() : GraphQL.as(token);
        client.ok(query, variables); // warm: prepared statements
        BackgroundWrites.settle();
        long before = db.statementCount();
        client.ok(query, variables);
        return db.statementCount() - before;
    }
}
