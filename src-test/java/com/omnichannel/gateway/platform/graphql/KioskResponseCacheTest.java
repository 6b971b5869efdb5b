package com.omnichannel.gateway.platform.graphql;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.support.BackgroundWrites;
import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.TestData;
import com.omnichannel.gateway.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;

/**
 * The response cache for kiosk devices: a barcode scan's answer depends only on the document, its variables and the
 * kiosk's store, so the kiosks of one store share it, the kiosks of another store never do, and no one else's token
 * (a customer's, also in a kiosk session) reads or fills it. Kiosk answers are never public for HTTP caches.
 */
@QuarkusTest
@TestProfile(ResponseCacheTest.Enabled.class)
class KioskResponseCacheTest {

    static String scanBarcode;

    @Inject
    TestData data;

    @Inject
    Db db;

    @BeforeAll
    static void readOperation() throws IOException {
        scanBarcode = Files.readString(Path.of("graphql-schema/operations/kiosk/ScanBarcode.graphql"), StandardCharsets.UTF_8);
    }

    private static Response scan(GraphQL client, String barcode) {
        Response response = client.post(scanBarcode, "barcode", barcode, "nearbyStoreCount", 3);
        assertThat(response.statusCode()).isEqualTo(200);
        return response;
    }

    private TestData.Ref store(String name) {
        return data.store(TestData.unique(name), 52.5 + Math.random() / 10, 13.4);
    }

    @Test
    void the_same_scan_from_a_kiosk_is_answered_from_memory_the_second_time_without_sql_and_shared_by_its_store() {
        var store = store("Scan cache store");
        var product = data.product(TestData.unique("Scanned boots"), null, 8999);
        data.stock(product.variant(0), store, 7);
        GraphQL kiosk = GraphQL.as(Tokens.kiosk(store.id(), "front-" + UUID.randomUUID()));

        Response first = scan(kiosk, product.variant(0).barcode());
        assertThat(first.header(ResponseCache.HEADER)).isEqualTo("miss");
        assertThat(first.jsonPath().getString("data.productVariant.sku")).isEqualTo(product.variant(0).sku());
        assertThat(first.jsonPath().getString("data.productVariant.price.amount")).isEqualTo("89.99");
        assertThat(first.jsonPath().getString("data.productVariant.availabilityHere.store.id")).isEqualTo(store.id());
        assertThat(first.jsonPath().getInt("data.productVariant.availabilityHere.available")).isEqualTo(7);

        BackgroundWrites.settle();
        long before = db.statementCount();
        Response second = scan(kiosk, product.variant(0).barcode());
        assertThat(db.statementCount() - before).isZero();
        assertThat(second.header(ResponseCache.HEADER)).isEqualTo("hit");
        assertThat(new JsonObject(second.asString())).isEqualTo(new JsonObject(first.asString()));

        // Another device of the same store: the same answer, from memory.
        Response otherDevice = scan(GraphQL.as(Tokens.kiosk(store.id(), "back-" + UUID.randomUUID())), product.variant(0).barcode());
        assertThat(otherDevice.header(ResponseCache.HEADER)).isEqualTo("hit");
        assertThat(otherDevice.jsonPath().getString("data.productVariant.availabilityHere.store.id")).isEqualTo(store.id());
    }

    @Test
    void a_kiosk_of_another_store_gets_its_own_answer_with_its_own_store_here() {
        var here = store("Scan store here");
        var there = store("Scan store there");
        var product = data.product(TestData.unique("Scanned scarf"), null, 1999);
        data.stock(product.variant(0), here, 3);
        data.stock(product.variant(0), there, 11);
        scan(GraphQL.as(Tokens.kiosk(here.id(), "here")), product.variant(0).barcode());
        assertThat(scan(GraphQL.as(Tokens.kiosk(here.id(), "here")), product.variant(0).barcode()).header(ResponseCache.HEADER))
                .isEqualTo("hit");

        Response elsewhere = scan(GraphQL.as(Tokens.kiosk(there.id(), "there")), product.variant(0).barcode());
        assertThat(elsewhere.header(ResponseCache.HEADER)).isEqualTo("miss");
        assertThat(elsewhere.jsonPath().getString("data.productVariant.availabilityHere.store.id")).isEqualTo(there.id());
        assertThat(elsewhere.jsonPath().getInt("data.productVariant.availabilityHere.available")).isEqualTo(11);
        assertThat(elsewhere.jsonPath().getString("data.productVariant.storeAvailability[0].store.id")).isEqualTo(there.id());
        Response again = scan(GraphQL.as(Tokens.kiosk(there.id(), "there")), product.variant(0).barcode());
        assertThat(again.header(ResponseCache.HEADER)).isEqualTo("hit");
        assertThat(again.jsonPath().getInt("data.productVariant.availabilityHere.available")).isEqualTo(11);
    }

    @Test
    void a_stock_change_at_the_kiosks_store_shows_in_its_next_scan() {
        var store = store("Scan stock store");
        var product = data.product(TestData.unique("Scanned gloves"), null, 2499);
        data.stock(product.variant(0), store, 9);
        GraphQL kiosk = GraphQL.as(Tokens.kiosk(store.id(), "stock"));
        scan(kiosk, product.variant(0).barcode());
        assertThat(scan(kiosk, product.variant(0).barcode()).header(ResponseCache.HEADER)).isEqualTo("hit");

        GraphQL.as(Tokens.staff()).ok("""
                mutation($input: StockAdjustInput!) { stockAdjust(input: $input) { userErrors { code } } }""",
                "input", Map.of("variantId", product.variant(0).id(), "locationId", store.id(), "delta", -4, "reason", "damaged"));

        Response after = scan(kiosk, product.variant(0).barcode());
        assertThat(after.header(ResponseCache.HEADER)).isEqualTo("miss");
        assertThat(after.jsonPath().getInt("data.productVariant.availabilityHere.available")).isEqualTo(5);
    }

    @Test
    void customers_also_in_a_kiosk_session_never_read_or_fill_it() {
        var store = store("Scan session store");
        var product = data.product(TestData.unique("Scanned hat"), null, 1499);
        data.stock(product.variant(0), store, 4);
        scan(GraphQL.as(Tokens.kiosk(store.id(), "session")), product.variant(0).barcode());
        String customer = "customer-" + UUID.randomUUID();
        for (GraphQL client : new GraphQL[] { GraphQL.as(Tokens.kioskSession(customer, store.id())),
                GraphQL.as(Tokens.kioskSession(customer, store.id())), GraphQL.as(Tokens.customer(customer)),
                GraphQL.as(Tokens.customer(customer)) }) {
            Response response = scan(client, product.variant(0).barcode());
            assertThat(response.header(ResponseCache.HEADER)).isNull();
            assertThat(response.jsonPath().getString("data.productVariant.sku")).isEqualTo(product.variant(0).sku());
        }
        // The kiosk session still counts for the kiosk's store, computed for it.
        Response session = scan(GraphQL.as(Tokens.kioskSession(customer, store.id())), product.variant(0).barcode());
        assertThat(session.jsonPath().getInt("data.productVariant.availabilityHere.available")).isEqualTo(4);
    }

    @Test
    void a_kiosk_answer_is_never_public_for_http_caches() {
        var store = store("Scan header store");
        var product = data.product(TestData.unique("Scanned belt"), null, 2999);
        String token = Tokens.kiosk(store.id(), "headers");
        String variables = new JsonObject().put("barcode", product.variant(0).barcode()).put("nearbyStoreCount", 3).encode();
        for (String expected : new String[] { "miss", "hit" }) {
            Response overGet = given().header("Authorization", "Bearer " + token).queryParam("query", scanBarcode)
                    .queryParam("variables", variables).get("/graphql");
            assertThat(overGet.statusCode()).isEqualTo(200);
            assertThat(overGet.header(ResponseCache.HEADER)).isEqualTo(expected);
            assertThat(overGet.header("Cache-Control")).isEqualTo("no-store");
            assertThat(overGet.header("ETag")).isNull();
            assertThat(overGet.jsonPath().getString("data.productVariant.availabilityHere.store.id")).isEqualTo(store.id());
        }
        for (int i = 0; i < 2; i++) {
            Response overPost = scan(GraphQL.as(token), product.variant(0).barcode());
            assertThat(overPost.header(ResponseCache.HEADER)).isIn("miss", "hit");
            assertThat(overPost.header("Cache-Control")).isEqualTo("no-store");
            assertThat(overPost.header("ETag")).isNull();
        }
    }

    @Test
    void an_unknown_barcode_is_kept_as_null_until_a_variant_gets_it_and_errors_are_never_kept() {
        var store = store("Scan unknown store");
        var product = data.product(TestData.unique("Relabelled socks"), null, 999);
        GraphQL kiosk = GraphQL.as(Tokens.kiosk(store.id(), "unknown"));
        String barcode = TestData.newBarcode();
        Response unknown = scan(kiosk, barcode);
        assertThat(unknown.jsonPath().getString("errors")).isNull();
        assertThat(unknown.jsonPath().getMap("data")).containsEntry("productVariant", null);
        assertThat(scan(kiosk, barcode).header(ResponseCache.HEADER)).isEqualTo("hit");

        GraphQL.as(Tokens.staff()).ok("""
                mutation($input: ProductVariantUpdateInput!) { productVariantUpdate(input: $input) { userErrors { code } } }""",
                "input", Map.of("id", product.variant(0).id(), "barcode", barcode));
        Response relabelled = scan(kiosk, barcode);
        assertThat(relabelled.header(ResponseCache.HEADER)).isEqualTo("miss");
        assertThat(relabelled.jsonPath().getString("data.productVariant.id")).isEqualTo(product.variant(0).id());

        for (int i = 0; i < 2; i++) {
            Response failed = kiosk.post(scanBarcode, "barcode", barcode, "nearbyStoreCount", 1000);
            assertThat(failed.jsonPath().getString("errors[0].extensions.code")).isEqualTo("BAD_USER_INPUT");
            assertThat(failed.header(ResponseCache.HEADER)).isEqualTo("miss");
        }
    }
}
