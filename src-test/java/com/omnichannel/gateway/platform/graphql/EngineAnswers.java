package com.omnichannel.gateway.platform.graphql;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.GraphQLWebSocket;
import com.omnichannel.gateway.support.TestData;
import com.omnichannel.gateway.support.Tokens;

import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Representative operations whose answers must not depend on whether the engine patches are on: run with them on
 * ({@link EnginePatchesTest}) and off ({@link EnginePatchesOffTest}).
 */
abstract class EngineAnswers {

    static final String PRODUCTS = """
            query($first: Int!, $cat: ID!) {
              products(first: $first, filter: { categoryId: $cat }) {
                edges { node {
                  name category { name }
                  variants { sku price { amount currencyCode } availableToPromise stockLevels { available location { name } } }
                } }
              }
            }""";

    @Inject
    TestData data;

    @Inject
    Vertx vertx;

    @TestHTTPResource("/graphql")
    URI endpoint;

    /** A category of two products, with stock for every variant in one warehouse. */
    TestData.Ref category(String name) {
        TestData.Ref category = data.category(name, null);
        TestData.Ref warehouse = data.warehouse(TestData.unique(name + " warehouse"), 50.1, 8.6);
        for (int i = 0; i < 2; i++) {
            TestData.ProductRef product = data.product(name + " " + i, category, 1000 + i, 2500 + i);
            data.stock(product.variant(0), warehouse, 3 + i);
            data.stock(product.variant(1), warehouse, 7);
        }
        return category;
    }

    @Test
    void a_product_list_with_nested_batched_fields() {
        String name = TestData.unique("Engine lamps");
        TestData.Ref category = category(name);
        JsonPath answer = GraphQL.anonymous().ok(PRODUCTS, "first", 10, "cat", category.id());
        assertThat(answer.getList("data.products.edges")).hasSize(2);
        assertThat(answer.getList("data.products.edges.node.category.name", String.class)).containsOnly(name);
        assertThat(answer.getList("data.products.edges.node.variants.price.amount")).containsExactlyInAnyOrder(
                List.of("10.00", "25.00"), List.of("10.01", "25.01"));
        assertThat(answer.getList("data.products.edges.node.variants.price.currencyCode").toString()).contains("EUR");
        assertThat(answer.getList("data.products.edges.node.variants.availableToPromise")).containsExactlyInAnyOrder(
                List.of(3, 7), List.of(4, 7));
        assertThat(answer.getList("data.products.edges[0].node.variants[0].stockLevels")).hasSize(1);
    }

    @Test
    void a_repeated_document_is_validated_only_the_first_time() {
        String document = "query Repeated" + System.nanoTime() + " { categories { id } }";
        long before = EnginePatches.documentValidations();
        GraphQL.anonymous().ok(document);
        long first = EnginePatches.documentValidations();
        assertThat(first - before).as("validations of a new document").isPositive();
        GraphQL.anonymous().ok(document);
        GraphQL.anonymous().ok(document);
        assertThat(EnginePatches.documentValidations() - first).as("validations of the same document again").isZero();
    }

    @Test
    void a_cart_mutation() {
        TestData.ProductRef product = data.product(TestData.unique("Engine socks"), null, 999, 1299);
        JsonPath created = GraphQL.anonymous().ok("""
                mutation($input: CartCreateInput) {
                  cartCreate(input: $input) { cartToken cart { id version itemCount subtotal { amount } lines { quantity variant { sku } } }
                    userErrors { code } }
                }""", "input", Map.of("lines", List.of(Map.of("variantId", product.variant(0).id(), "quantity", 2))));
        assertThat(created.getList("data.cartCreate.userErrors")).isEmpty();
        JsonPath added = GraphQL.anonymous().header("X-Cart-Token", created.getString("data.cartCreate.cartToken")).ok("""
                mutation($input: CartLinesAddInput!) {
                  cartLinesAdd(input: $input) { cart { version itemCount subtotal { amount } lines { quantity variant { sku } } }
                    userErrors { code } }
                }""", "input", Map.of("cartId", created.getString("data.cartCreate.cart.id"),
                "lines", List.of(Map.of("variantId", product.variant(1).id(), "quantity", 1))));
        assertThat(added.getList("data.cartLinesAdd.userErrors")).isEmpty();
        assertThat(added.getInt("data.cartLinesAdd.cart.itemCount")).isEqualTo(3);
        assertThat(added.getString("data.cartLinesAdd.cart.subtotal.amount")).isEqualTo("32.97");
        assertThat(added.getList("data.cartLinesAdd.cart.lines.variant.sku")).containsExactly(product.variant(0).sku(),
                product.variant(1).sku());
    }

    @Test
    void errors_carry_their_code_and_no_engine_internals() {
        JsonPath notFound = GraphQL.anonymous().execute("query($id: ID!) { product(id: $id) { name } }", "id", "nope");
        assertThat(notFound.getString("errors[0].extensions.code")).isEqualTo("BAD_USER_INPUT");
        assertThat(notFound.getString("data.product")).isNull();

        JsonPath wrongLiteral = GraphQL.anonymous().execute("query { products(first: \"ten\") { edges { cursor } } }");
        assertThat(wrongLiteral.getString("errors[0].extensions.code")).isEqualTo("BAD_USER_INPUT");
        assertThat(wrongLiteral.getString("errors[0].message")).contains("'ten'").doesNotContain("StringValue");

        JsonPath unknownField = GraphQL.anonymous().execute("query { products(first: 1) { edges { node { colour } } } }");
        assertThat(unknownField.getString("errors[0].extensions.code")).isEqualTo("GRAPHQL_VALIDATION_FAILED");
    }

    @Test
    void a_persisted_query_by_its_hash() throws IOException {
        String document = Files.readString(Path.of("graphql-schema/operations/web/CategoryTree.graphql"), StandardCharsets.UTF_8);
        JsonPath answer = given().contentType("application/json")
                .body(Map.of("extensions", Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", PersistedQueries.sha256(document)))))
                .post("/graphql").then().statusCode(200).extract().jsonPath();
        assertThat(answer.getString("errors")).isNull();
        assertThat(answer.getList("data.categories")).isNotNull();
    }

    @Test
    void a_stock_subscription() throws Exception {
        TestData.Ref warehouse = data.warehouse(TestData.unique("Engine socket warehouse"), 50.1, 8.6);
        TestData.ProductRef product = data.product(TestData.unique("Engine socket lamp"), null, 1500);
        data.stock(product.variant(0), warehouse, 9);
        try (GraphQLWebSocket staff = new GraphQLWebSocket(vertx, endpoint, Tokens.staff())) {
            staff.subscribe("stock", """
                    subscription($loc: ID, $ids: [ID!]) { stockChanged(locationId: $loc, variantIds: $ids) { available variant { sku } } }""",
                    Map.of("loc", warehouse.id(), "ids", List.of(product.variant(0).id())));
            Thread.sleep(300);
            GraphQL.as(Tokens.staff()).ok("""
                    mutation($input: StockAdjustInput!) { stockAdjust(input: $input) { userErrors { code } } }""",
                    "input", Map.of("variantId", product.variant(0).id(), "locationId", warehouse.id(), "delta", -2, "reason", "test"));
            JsonObject update = staff.next();
            assertThat(update.getString("type")).as(update.encode()).isEqualTo("next");
            JsonObject changed = update.getJsonObject("payload").getJsonObject("data").getJsonObject("stockChanged");
            assertThat(changed).as(update.encode()).isNotNull();
            assertThat(changed.getInteger("available")).isEqualTo(7);
            assertThat(changed.getJsonObject("variant").getString("sku")).isEqualTo(product.variant(0).sku());
        }
    }
}
