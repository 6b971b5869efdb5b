package com.omnichannel.gateway.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.omnichannel.gateway.catalog.Product;
import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.TestData;
import com.omnichannel.gateway.support.TestData.ProductRef;
import com.omnichannel.gateway.support.TestData.Ref;
import com.omnichannel.gateway.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Bad input of every kind gets a clear error with the right code, never a stack trace, SQL or a class name,
 * and leaves the database exactly as it was.
 */
@QuarkusTest
class BadInputTest {

    /** Text that must never reach a client: it means an internal detail leaked into an error. */
    static final List<String> LEAKS = List.of("Exception", "at com.", "java.", "SELECT", "org.");

    static final String PRODUCTS = """
            query Products($first: Int, $after: String, $search: String) {
              products(first: $first, after: $after, filter: { search: $search }) {
                edges { cursor node { id name } }
                pageInfo { hasNextPage endCursor }
              }
            }""";

    static final String PRODUCT_CREATE = """
            mutation CreateProduct($input: ProductCreateInput!) {
              productCreate(input: $input) { product { id } userErrors { code field message } }
            }""";

    static final String VARIANT_CREATE = """
            mutation AddVariant($input: ProductVariantCreateInput!) {
              productVariantCreate(input: $input) { productVariant { id sku } userErrors { code field message } }
            }""";

    static final String STOCK_ADJUST = """
            mutation Adjust($input: StockAdjustInput!) {
              stockAdjust(input: $input) { stockLevel { onHand } movement { id } userErrors { code field message } }
            }""";

    static final String NEARBY = """
            query Nearby($lat: Float!, $lng: Float!, $radiusKm: Float) {
              nearbyStores(lat: $lat, lng: $lng, radiusKm: $radiusKm) { edges { node { distanceKm store { id } } } }
            }""";

    @Inject
    TestData data;

    @Inject
    Pool pool;

    // ---- paging

    @Test
    void negative_first_is_rejected_as_bad_user_input() {
        DbState before = dbState();
        assertError(GraphQL.anonymous().execute(PRODUCTS, "first", -1), "BAD_USER_INPUT");
        assertThat(dbState()).isEqualTo(before);
    }

    @Test
    void first_above_100_is_rejected_as_bad_user_input() {
        DbState before = dbState();
        JsonPath response = GraphQL.anonymous().execute(PRODUCTS, "first", 101);
        assertError(response, "BAD_USER_INPUT");
        assertThat(response.getString("errors[0].message")).contains("first");
        assertThat(dbState()).isEqualTo(before);
    }

    @Test
    void first_of_100_is_accepted() {
        GraphQL.anonymous().ok(PRODUCTS, "first", 100);
    }

    @ParameterizedTest
    @ValueSource(strings = { "not-a-cursor", "!!!", "cHJvZHVjdHM6UkVMRVZBTkNFfC01", "c3RvcmVzfDA", "" })
    void malformed_or_foreign_cursor_is_rejected_as_bad_user_input(String cursor) {
        // the 3rd and 4th decode to "products:RELEVANCE|-5" (a negative position) and "stores|0" (another list)
        DbState before = dbState();
        JsonPath response = GraphQL.anonymous().execute(PRODUCTS, "first", 5, "after", cursor);
        assertError(response, "BAD_USER_INPUT");
        assertThat(response.getString("errors[0].message")).contains("after");
        assertThat(dbState()).isEqualTo(before);
    }

    // ---- lookups

    /** A lookup that misses answers null, with no error, so its siblings in the response survive. */
    static void assertNullWithoutError(JsonPath response, String field) {
        assertThat(response.getList("errors")).as(response.prettify()).isNull();
        assertThat(response.getMap("data")).containsEntry(field, null);
    }

    @Test
    void unknown_product_id_is_null_without_an_error() {
        assertNullWithoutError(GraphQL.anonymous().execute("query($id: ID!) { product(id: $id) { id name } }",
                "id", Product.globalId(987_654_321L)), "product");
    }

    @Test
    void unknown_product_slug_is_null_without_an_error() {
        assertNullWithoutError(GraphQL.anonymous().execute("query($slug: String!) { product(slug: $slug) { id name } }",
                "slug", TestData.unique("no-such-product")), "product");
    }

    @Test
    void unknown_sku_is_null_without_an_error() {
        assertNullWithoutError(GraphQL.anonymous().execute("query($sku: String!) { productVariant(sku: $sku) { id } }",
                "sku", TestData.unique("NO-SUCH-SKU")), "productVariant");
    }

    @Test
    void unknown_barcode_is_null_without_an_error() {
        assertNullWithoutError(GraphQL.anonymous().execute("query($barcode: String!) { productVariant(barcode: $barcode) { id } }",
                "barcode", TestData.newBarcode()), "productVariant");
    }

    @ParameterizedTest
    @ValueSource(strings = { "42", "garbage!!", "UHJvZHVjdDphYmM", "UHJvZHVjdDotMQ" })
    void malformed_product_id_is_rejected_as_bad_user_input(String id) {
        // the last two decode to "Product:abc" and "Product:-1"
        JsonPath response = GraphQL.anonymous().execute("query($id: ID!) { product(id: $id) { id } }", "id", id);
        assertError(response, "BAD_USER_INPUT");
        assertThat(response.getString("errors[0].message")).contains("id");
    }

    @Test
    void id_of_another_type_is_rejected_as_bad_user_input() {
        Ref store = data.store("Store with a product-looking id", 48.1, 11.5);
        assertError(GraphQL.anonymous().execute("query($id: ID!) { product(id: $id) { id } }", "id", store.id()),
                "BAD_USER_INPUT");
    }

    // ---- nearbyStores

    @ParameterizedTest
    @CsvSource({ "90.5, 13.4", "-91, 13.4", "52.5, 180.1", "52.5, -181", "1000, 1000" })
    void coordinates_outside_the_globe_are_rejected_as_bad_user_input(double lat, double lng) {
        JsonPath response = GraphQL.anonymous().execute(NEARBY, "lat", lat, "lng", lng, "radiusKm", 10.0);
        assertError(response, "BAD_USER_INPUT");
        assertThat(response.getString("errors[0].message")).containsIgnoringCase("latitude");
    }

    @ParameterizedTest
    @ValueSource(doubles = { 0.0, -5.0, 1000.5, 1e9 })
    void radius_not_greater_than_0_or_above_1000_km_is_rejected_as_bad_user_input(double radiusKm) {
        JsonPath response = GraphQL.anonymous().execute(NEARBY, "lat", 52.5, "lng", 13.4, "radiusKm", radiusKm);
        assertError(response, "BAD_USER_INPUT");
        assertThat(response.getString("errors[0].message")).contains("radiusKm");
    }

    // ---- search text is only ever text

    @ParameterizedTest
    @ValueSource(strings = { "\"rain jacket\"", "\"unbalanced quote", "'single' quotes", "Jäcke 👕",
            "'; DROP TABLE product; --", "%_\\", "-", "or or or", "a & b | !c :* <->",
            "\\'; SELECT pg_sleep(5); --" })
    void search_with_quotes_unicode_or_sql_metacharacters_succeeds_and_changes_nothing(String search) {
        ProductRef product = data.product("Searchable parka", null, 4999);
        DbState before = dbState();
        JsonPath response = GraphQL.anonymous().ok(PRODUCTS, "first", 20, "search", search);
        assertThat(response.getList("data.products.edges")).isNotNull();
        assertThat(dbState()).isEqualTo(before);
        assertThat(data.count("SELECT count(*) FROM product WHERE id = $1", product.key())).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = { "nul\u0000char", "\u0000" })
    void search_with_a_null_character_is_bad_user_input_and_changes_nothing(String search) {
        DbState before = dbState();
        JsonPath response = GraphQL.anonymous().execute(PRODUCTS, "first", 20, "search", search);
        assertError(response, "BAD_USER_INPUT");
        assertThat(dbState()).isEqualTo(before);
    }

    @Test
    void search_finds_a_product_named_with_unicode() {
        ProductRef product = data.product("Jäcke 👕 " + TestData.unique("x"), null, 4999);
        JsonPath response = GraphQL.anonymous().ok(PRODUCTS, "first", 100, "search", "Jäcke 👕");
        assertThat(response.getList("data.products.edges.node.id", String.class)).contains(product.id());
    }

    // ---- mutations: business failures come back as userErrors and change nothing

    @Test
    void negative_price_on_productVariantCreate_is_invalid_price_and_creates_no_variant() {
        ProductRef product = data.product("Product for a negative price", null, 1000);
        String sku = TestData.unique("NEG");
        DbState before = dbState();
        JsonPath response = GraphQL.as(Tokens.staff()).ok(VARIANT_CREATE, "input", Map.of("productId", product.id(),
                "variant", Map.of("sku", sku, "price", "-1.00")));
        assertUserError(response, "data.productVariantCreate", "INVALID_PRICE");
        assertThat(response.getList("data.productVariantCreate.userErrors[0].field", String.class))
                .containsExactly("input", "variant", "price");
        assertThat(response.getString("data.productVariantCreate.productVariant")).isNull();
        assertThat(data.count("SELECT count(*) FROM product_variant WHERE sku = $1", sku)).isZero();
        assertThat(data.count("SELECT count(*) FROM product_variant WHERE product_id = $1", product.key())).isEqualTo(1);
        assertThat(dbState()).isEqualTo(before);
    }

    @Test
    void duplicate_sku_on_productVariantCreate_is_duplicate_sku_and_creates_no_variant() {
        ProductRef existing = data.product("Product owning a SKU", null, 1000);
        ProductRef other = data.product("Product trying the same SKU", null, 2000);
        String sku = existing.variant(0).sku();
        DbState before = dbState();
        JsonPath response = GraphQL.as(Tokens.staff()).ok(VARIANT_CREATE, "input", Map.of("productId", other.id(),
                "variant", Map.of("sku", sku, "price", "12.00")));
        assertUserError(response, "data.productVariantCreate", "DUPLICATE_SKU");
        assertThat(data.count("SELECT count(*) FROM product_variant WHERE sku = $1", sku)).isEqualTo(1);
        assertThat(data.count("SELECT count(*) FROM product_variant WHERE product_id = $1", other.key())).isEqualTo(1);
        assertThat(dbState()).isEqualTo(before);
    }

    @Test
    void duplicate_sku_on_productCreate_is_duplicate_sku_and_creates_no_product() {
        ProductRef existing = data.product("Product owning a SKU", null, 1000);
        String name = TestData.unique("Product reusing a SKU");
        DbState before = dbState();
        JsonPath response = GraphQL.as(Tokens.staff()).ok(PRODUCT_CREATE, "input", Map.of("name", name,
                "variants", List.of(Map.of("sku", existing.variant(0).sku(), "price", "5.00"))));
        assertUserError(response, "data.productCreate", "DUPLICATE_SKU");
        assertThat(data.count("SELECT count(*) FROM product WHERE name = $1", name)).isZero();
        assertThat(dbState()).isEqualTo(before);
    }

    @Test
    void counted_stock_below_zero_is_negative_stock_and_leaves_the_stock_unchanged() {
        Fixture f = stockFixture(5);
        DbState before = dbState();
        JsonPath response = GraphQL.as(Tokens.staff()).ok(STOCK_ADJUST, "input", Map.of("variantId", f.variantId(),
                "locationId", f.location.id(), "onHand", -1, "reason", "stock count"));
        assertUserError(response, "data.stockAdjust", "NEGATIVE_STOCK");
        assertStockUnchanged(f, 5);
        assertThat(dbState()).isEqualTo(before);
    }

    @Test
    void delta_taking_stock_below_zero_is_negative_stock_and_leaves_the_stock_unchanged() {
        Fixture f = stockFixture(5);
        DbState before = dbState();
        JsonPath response = GraphQL.as(Tokens.staff()).ok(STOCK_ADJUST, "input", Map.of("variantId", f.variantId(),
                "locationId", f.location.id(), "delta", -6, "reason", "damaged"));
        assertUserError(response, "data.stockAdjust", "NEGATIVE_STOCK");
        assertStockUnchanged(f, 5);
        assertThat(dbState()).isEqualTo(before);
    }

    // ---- who may change the catalog and stock

    @ParameterizedTest
    @ValueSource(strings = { "kiosk", "customer" })
    void kiosk_and_customer_tokens_cannot_create_products(String role) {
        String name = TestData.unique("Forbidden product");
        GraphQL caller = client(role);
        DbState before = dbState();
        JsonPath response = caller.execute(PRODUCT_CREATE, "input", Map.of("name", name,
                "variants", List.of(Map.of("sku", TestData.unique("FORB"), "price", "5.00"))));
        assertError(response, "FORBIDDEN");
        assertThat(data.count("SELECT count(*) FROM product WHERE name = $1", name)).isZero();
        assertThat(dbState()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = { "kiosk", "customer" })
    void kiosk_and_customer_tokens_cannot_adjust_stock(String role) {
        Fixture f = stockFixture(5);
        GraphQL caller = client(role);
        DbState before = dbState();
        JsonPath response = caller.execute(STOCK_ADJUST, "input", Map.of("variantId", f.variantId(),
                "locationId", f.location.id(), "delta", 100, "reason", "goods received"));
        assertError(response, "FORBIDDEN");
        assertStockUnchanged(f, 5);
        assertThat(dbState()).isEqualTo(before);
    }

    @Test
    void anonymous_caller_cannot_create_products() {
        String name = TestData.unique("Anonymous product");
        DbState before = dbState();
        JsonPath response = GraphQL.anonymous().execute(PRODUCT_CREATE, "input", Map.of("name", name));
        assertError(response, "UNAUTHENTICATED");
        assertThat(data.count("SELECT count(*) FROM product WHERE name = $1", name)).isZero();
        assertThat(dbState()).isEqualTo(before);
    }

    @Test
    void anonymous_caller_cannot_adjust_stock() {
        Fixture f = stockFixture(5);
        DbState before = dbState();
        JsonPath response = GraphQL.anonymous().execute(STOCK_ADJUST, "input", Map.of("variantId", f.variantId(),
                "locationId", f.location.id(), "onHand", 0, "reason", "stock count"));
        assertError(response, "UNAUTHENTICATED");
        assertStockUnchanged(f, 5);
        assertThat(dbState()).isEqualTo(before);
    }

    @Test
    void expired_staff_token_is_refused_with_http_401_and_changes_nothing() {
        Fixture f = stockFixture(5);
        DbState before = dbState();
        Response response = GraphQL.as(Tokens.expired()).post(STOCK_ADJUST, "input", Map.of("variantId", f.variantId(),
                "locationId", f.location.id(), "delta", 100, "reason", "goods received"));
        assertRefusedAsExpired(response);
        assertStockUnchanged(f, 5);
        assertThat(dbState()).isEqualTo(before);
    }

    @Test
    void expired_token_is_refused_with_http_401_even_for_a_public_query() {
        // an expired token is not silently downgraded to an anonymous caller
        assertRefusedAsExpired(GraphQL.as(Tokens.expired()).post(PRODUCTS, "first", 1));
    }

    // ---- malformed requests

    @Test
    void unknown_field_is_rejected_as_graphql_validation_failed() {
        JsonPath response = GraphQL.anonymous().execute("query { products(first: 1) { edges { node { id price } } } }");
        assertError(response, "GRAPHQL_VALIDATION_FAILED");
        assertThat(response.getString("errors[0].message")).contains("price");
        assertThat(response.getString("data")).isNull();
    }

    @Test
    void syntax_error_is_rejected_as_graphql_parse_failed() {
        JsonPath response = GraphQL.anonymous().execute("query { products(first: 1) { edges { node { id } }");
        assertError(response, "GRAPHQL_PARSE_FAILED");
        assertThat(response.getString("data")).isNull();
    }

    /** Variables of the wrong JSON type for their declared GraphQL type: name, query, variable, value. */
    static final Map<String, Object[]> WRONG_TYPES = Map.of(
            "Int given a word", new Object[] { PRODUCTS, "first", "ten" },
            "Int given a fraction", new Object[] { PRODUCTS, "first", 1.5 },
            "Int beyond 32 bits", new Object[] { PRODUCTS, "first", 99_999_999_999L },
            "Int given a boolean", new Object[] { PRODUCTS, "first", true },
            "Float given a word", new Object[] { NEARBY, "lat", "north" },
            "enum given an unknown value", new Object[] { "query($sort: ProductSort) { products(sort: $sort) { edges { cursor } } }",
                    "sort", "CHEAPEST" },
            "input field of the wrong type", new Object[] { "query($f: ProductFilterInput) { products(filter: $f) { edges { cursor } } }",
                    "f", Map.of("inStock", "yes") });

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "Int given a word", "Int given a fraction", "Int beyond 32 bits", "Int given a boolean",
            "Float given a word", "enum given an unknown value", "input field of the wrong type" })
    void variable_of_the_wrong_type_is_rejected_as_bad_user_input(String shape) {
        Object[] c = WRONG_TYPES.get(shape);
        JsonPath response = NEARBY.equals(c[0])
                ? GraphQL.anonymous().execute(NEARBY, c[1], c[2], "lng", 13.4)
                : GraphQL.anonymous().execute((String) c[0], c[1], c[2]);
        assertError(response, "BAD_USER_INPUT");
        assertThat(response.getList("errors.extensions.code", String.class)).as(response.prettify()).containsOnly("BAD_USER_INPUT");
        assertThat(response.getString("errors[0].message")).containsAnyOf((String) c[1], "products", "nearbyStores");
        assertThat(response.getString("data")).isNull();
    }

    @Test
    void missing_required_variable_is_rejected_as_bad_user_input() {
        JsonPath response = GraphQL.anonymous().execute("query($slug: String!) { product(slug: $slug) { id } }");
        assertError(response, "BAD_USER_INPUT");
        assertThat(response.getString("data")).isNull();
    }

    // ---- helpers

    record Fixture(ProductRef product, Ref location) {
        String variantId() {
            return product.variant(0).id();
        }
    }

    private Fixture stockFixture(int onHand) {
        ProductRef product = data.product("Stocked product", null, 1500);
        Ref location = data.warehouse(TestData.unique("Warehouse"), 50.1, 8.7);
        data.stock(product.variant(0), location, onHand);
        return new Fixture(product, location);
    }

    private void assertStockUnchanged(Fixture f, int onHand) {
        Row row = data.stockRow(f.product.variant(0), f.location);
        assertThat(row.getInteger("on_hand")).isEqualTo(onHand);
        assertThat(row.getInteger("reserved")).isZero();
        assertThat(data.count("SELECT count(*) FROM stock_movement WHERE variant_id = $1", f.product.variant(0).key()))
                .isZero();
    }

    private GraphQL client(String role) {
        return switch (role) {
            case "kiosk" -> GraphQL.as(Tokens.kiosk(data.store(TestData.unique("Kiosk store"), 52.5, 13.4).id()));
            case "customer" -> GraphQL.as(Tokens.customer("customer-" + System.nanoTime()));
            default -> throw new IllegalArgumentException(role);
        };
    }

    /** A top-level error with the code; every error message free of internals. */
    static void assertError(JsonPath response, String code) {
        List<Map<String, Object>> errors = response.getList("errors");
        assertThat(errors).as("expected a %s error, got %s", code, response.prettify()).isNotEmpty();
        assertThat(response.getString("errors[0].extensions.code")).as(response.prettify()).isEqualTo(code);
        assertThat(response.getString("errors[0].message")).as(response.prettify()).isNotBlank();
        assertNoLeaks(response.getList("errors.message", String.class));
    }

    /** A payload with the user error code (first one) and nothing else failing. */
    static void assertUserError(JsonPath response, String payload, String code) {
        assertThat(response.getList(payload + ".userErrors.code", String.class)).as(response.prettify()).contains(code);
        assertThat(response.getString(payload + ".userErrors[0].code")).isEqualTo(code);
        assertNoLeaks(response.getList(payload + ".userErrors.message", String.class));
    }

    static void assertNoLeaks(List<String> messages) {
        for (String message : messages) {
            for (String leak : LEAKS) {
                assertThat(message).as("error message leaks internals").doesNotContain(leak);
            }
        }
    }

    /**
     * The token is checked before GraphQL runs: the answer is HTTP 401 with a Bearer challenge and a GraphQL error
     * body with code UNAUTHENTICATED; an invalid token is never treated as an anonymous caller.
     */
    static void assertRefusedAsExpired(Response response) {
        assertThat(response.statusCode()).as("HTTP status; body: %s", response.asString()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(response.jsonPath().getString("errors[0].extensions.code")).isEqualTo("UNAUTHENTICATED");
        assertThat(response.jsonPath().getString("data")).isNull();
        for (String leak : LEAKS) {
            assertThat(response.asString()).doesNotContain(leak);
        }
    }

    /** Row counts of every table and the stock totals: equal before and after means nothing was written. */
    record DbState(List<Long> figures) {
    }

    private DbState dbState() {
        Row row = pool.query("""
                SELECT (SELECT count(*) FROM product), (SELECT count(*) FROM product_variant),
                       (SELECT count(*) FROM category), (SELECT count(*) FROM location),
                       (SELECT count(*) FROM stock_level), (SELECT coalesce(sum(on_hand), 0) FROM stock_level),
                       (SELECT coalesce(sum(reserved), 0) FROM stock_level), (SELECT count(*) FROM stock_movement),
                       (SELECT count(*) FROM kiosk_device),
                       (SELECT coalesce(max(updated_at), 'epoch')::text FROM product),
                       (SELECT coalesce(max(updated_at), 'epoch')::text FROM product_variant),
                       (SELECT coalesce(sum(price_minor), 0) FROM product_variant)""")
                .execute().await().indefinitely().iterator().next();
        List<Long> figures = new ArrayList<>();
        for (int i = 0; i < row.size(); i++) {
            Object value = row.getValue(i);
            figures.add(value instanceof Number n ? n.longValue() : (long) String.valueOf(value).hashCode());
        }
        return new DbState(figures);
    }
}
