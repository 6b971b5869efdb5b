package com.omnichannel.gateway.common;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.common.graphql.PersistedQueries;
import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.TestData;
import com.omnichannel.gateway.support.Tokens;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

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
}
