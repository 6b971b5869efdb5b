package com.omnichannel.gateway.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.platform.graphql.PersistedQueries;
import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.GraphQLWebSocket;
import com.omnichannel.gateway.support.TestData;
import com.omnichannel.gateway.support.Tokens;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.smallrye.jwt.build.Jwt;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * The production defaults (see {@link ProductionConfigTest}) at work: kiosks may send only the kiosk app's
 * registered operations, and neither introspection nor the schema endpoint answer.
 */
@QuarkusTest
@TestProfile(ProductionProfileTest.ProductionDefaults.class)
class ProductionProfileTest {

    public static class ProductionDefaults implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("app.graphql.trusted-operations-only.kiosk", "true",
                    "app.graphql.schema-endpoint-enabled", "false",
                    "app.graphql.introspection-enabled", "false");
        }
    }

    @Inject
    TestData data;

    @Inject
    RedisDataSource redis;

    @Inject
    Vertx vertx;

    @TestHTTPResource("/graphql")
    URI endpoint;

    private String kioskToken() {
        return Tokens.kiosk(data.store(TestData.unique("Trusted kiosk store"), 52.5, 13.4).id());
    }

    private static Response send(String token, String query, String hash) {
        Map<String, Object> body = new HashMap<>();
        if (query != null) {
            body.put("query", query);
        }
        if (hash != null) {
            body.put("extensions", Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash)));
        }
        return given().contentType("application/json").header("Authorization", "Bearer " + token).body(body).post("/graphql");
    }

    @Test
    void a_kiosk_runs_its_registered_operations_in_full_or_by_hash() throws IOException {
        String token = kioskToken();
        String document = PersistedQueriesTest.operation("kiosk/KioskViewer.graphql");
        JsonPath full = send(token, document, null).then().statusCode(200).extract().jsonPath();
        assertThat(full.getString("errors")).isNull();
        assertThat(full.getString("data.viewer.channel")).isEqualTo("KIOSK");

        JsonPath byHash = send(token, null, PersistedQueries.sha256(document)).then().statusCode(200).extract().jsonPath();
        assertThat(byHash.getString("data.viewer.channel")).isEqualTo("KIOSK");
    }

    @Test
    void a_kiosk_sending_any_other_document_gets_operation_not_allowed() throws IOException {
        String token = kioskToken();
        for (Response response : new Response[] {
                send(token, "query { viewer { channel } }", null),
                send(token, PersistedQueriesTest.operation("web/CategoryTree.graphql"), null),
                send(token, null, PersistedQueries.sha256(PersistedQueriesTest.operation("web/CategoryTree.graphql"))),
                send(token, null, PersistedQueries.sha256("query Unknown { __typename }")) }) {
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.jsonPath().getString("errors[0].extensions.code")).isEqualTo("OPERATION_NOT_ALLOWED");
            assertThat(response.jsonPath().getString("data")).isNull();
        }
    }

    @Test
    void a_kiosk_cannot_register_documents_through_apq() {
        String document = "query Sneaky" + System.nanoTime() + " { __typename }";
        String hash = PersistedQueries.sha256(document);
        Response response = send(kioskToken(), document, hash);
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(redis.key().exists("apq:{" + hash + "}")).isFalse();
    }

    @Test
    void a_kiosk_cannot_escape_through_get() {
        Response response = given().header("Authorization", "Bearer " + kioskToken())
                .queryParam("query", "query { viewer { channel } }").get("/graphql");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.jsonPath().getString("errors[0].extensions.code")).isEqualTo("OPERATION_NOT_ALLOWED");
    }

    @Test
    void other_channels_may_still_send_any_document() {
        assertThat(GraphQL.anonymous().ok("query { viewer { channel } }").getString("data.viewer.channel")).isEqualTo("WEB");
        assertThat(GraphQL.as(Tokens.staff()).ok("query { viewer { channel } }").getString("data.viewer.channel")).isEqualTo("STAFF");
    }

    @Test
    void introspection_is_refused() {
        JsonPath schema = GraphQL.anonymous().execute("query { __schema { types { name } } }");
        assertThat(schema.getString("errors[0].extensions.code")).isEqualTo("GRAPHQL_VALIDATION_FAILED");
        assertThat(schema.getString("data")).isNull();
        JsonPath type = GraphQL.anonymous().execute("query { __type(name: \"Query\") { name } }");
        assertThat(type.getString("errors[0].extensions.code")).isEqualTo("GRAPHQL_VALIDATION_FAILED");
        // __typename is not introspection; clients rely on it
        assertThat(GraphQL.anonymous().ok("query { __typename }").getString("data.__typename")).isEqualTo("Query");
    }

    @Test
    void the_schema_endpoint_is_not_served() {
        given().get("/graphql/schema.graphql").then().statusCode(404);
    }

    // ---- over the WebSocket, and for kiosk sessions of customers

    @Test
    void a_kiosk_subscribes_with_its_registered_subscription_and_nothing_else_over_the_websocket() throws Exception {
        var store = data.store(TestData.unique("Trusted socket store"), 52.5, 13.4);
        var product = data.product(TestData.unique("Trusted socket lamp"), null, 1500);
        data.stock(product.variant(0), store, 9);
        String registered = PersistedQueriesTest.operation("kiosk/StockHere.graphql");
        try (GraphQLWebSocket kiosk = new GraphQLWebSocket(vertx, endpoint, null, Tokens.kiosk(store.id()))) {
            // Not registered: a subscription of its own, and a query sent over the socket instead of HTTP.
            kiosk.subscribe("unregistered", "subscription { stockChanged { available variant { sku } } }", Map.of());
            assertRefused(kiosk.next(), "unregistered");
            kiosk.subscribe("query", "query { viewer { channel } }", Map.of());
            assertRefused(kiosk.next(), "query");

            kiosk.subscribe("registered", registered, Map.of("variantIds", List.of(product.variant(0).id())));
            Thread.sleep(300);
            GraphQL.as(Tokens.staff()).ok("""
                    mutation($input: StockAdjustInput!) { stockAdjust(input: $input) { userErrors { code } } }""",
                    "input", Map.of("variantId", product.variant(0).id(), "locationId", store.id(), "delta", -1, "reason", "test"));
            JsonObject update = kiosk.next();
            assertThat(update.getString("id")).isEqualTo("registered");
            assertThat(update.getString("type")).as(update.encode()).isEqualTo("next");
            assertThat(update.getJsonObject("payload").getJsonObject("data").getJsonObject("stockChanged").getInteger("available"))
                    .isEqualTo(8);
        }
    }

    @Test
    void other_channels_may_subscribe_with_any_document() throws Exception {
        var warehouse = data.warehouse(TestData.unique("Open socket warehouse"), 50.1, 8.6);
        try (GraphQLWebSocket staff = new GraphQLWebSocket(vertx, endpoint, Tokens.staff())) {
            staff.subscribe("1", "subscription($loc: ID!) { lowStockAlerts(locationId: $loc) { available } }",
                    Map.of("loc", warehouse.id()));
            staff.subscribe("2", "query { viewer { channel } }", Map.of());
            JsonObject answer = staff.next();
            assertThat(answer.encode()).doesNotContain("OPERATION_NOT_ALLOWED");
        }
    }

    @Test
    void a_customer_signed_in_at_a_kiosk_is_held_to_the_kiosk_operations_too() throws IOException {
        var store = data.store(TestData.unique("Kiosk session store"), 52.5, 13.4);
        String session = Jwt.issuer(ConfigProvider.getConfig().getValue("mp.jwt.verify.issuer", String.class))
                .subject("customer-" + UUID.randomUUID()).groups(Set.of("customer")).claim("channel", "KIOSK")
                .claim("store_id", store.id()).expiresIn(Duration.ofMinutes(5)).sign();
        JsonPath refused = send(session, "query { viewer { channel } }", null).then().extract().jsonPath();
        assertThat(refused.getString("errors[0].extensions.code")).isEqualTo("OPERATION_NOT_ALLOWED");
        assertThat(refused.getString("data")).isNull();

        JsonPath viewer = send(session, PersistedQueriesTest.operation("kiosk/KioskViewer.graphql"), null).then().statusCode(200)
                .extract().jsonPath();
        assertThat(viewer.getString("errors")).isNull();
        assertThat(viewer.getString("data.viewer.channel")).isEqualTo("KIOSK");
    }

    private static void assertRefused(JsonObject message, String id) {
        assertThat(message.getString("id")).isEqualTo(id);
        assertThat(message.getString("type")).as(message.encode()).isEqualTo("error");
        assertThat(message.getJsonArray("payload").getJsonObject(0).getJsonObject("extensions").getString("code"))
                .isEqualTo("OPERATION_NOT_ALLOWED");
    }
}
