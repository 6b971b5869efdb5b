package com.omnichannel.gateway.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.platform.graphql.PersistedQueries;
import com.omnichannel.gateway.support.TestData;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Clients may send a document's SHA-256 instead of the document: the client operations registered at start-up,
 * and documents registered by Apollo's automatic persisted queries protocol (shared in Redis).
 */
@QuarkusTest
class PersistedQueriesTest {

    @Inject
    RedisDataSource redis;

    static String operation(String path) throws IOException {
        return Files.readString(Path.of("graphql-schema/operations", path), StandardCharsets.UTF_8);
    }

    /** Registration does not hold up the request: waits a moment for it to appear. */
    boolean registered(String hash) throws InterruptedException {
        for (int i = 0; i < 20; i++) {
            if (redis.key().exists("apq:{" + hash + "}")) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    static Response send(String query, String hash) {
        Map<String, Object> body = new HashMap<>();
        if (query != null) {
            body.put("query", query);
        }
        if (hash != null) {
            body.put("extensions", Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash)));
        }
        return given().contentType("application/json").body(body).post("/graphql");
    }

    @Test
    void a_registered_client_operation_runs_by_its_hash_alone() throws IOException {
        String document = operation("web/CategoryTree.graphql");
        JsonPath response = send(null, PersistedQueries.sha256(document)).then().statusCode(200).extract().jsonPath();
        assertThat(response.getString("errors")).isNull();
        assertThat(response.getList("data.categories")).isNotNull();
    }

    @Test
    void an_unknown_hash_is_persisted_query_not_found_so_that_apq_clients_send_the_document() {
        String hash = PersistedQueries.sha256("query Unknown" + System.nanoTime() + " { __typename }");
        JsonPath response = send(null, hash).then().statusCode(200).extract().jsonPath();
        assertThat(response.getString("errors[0].extensions.code")).isEqualTo("PERSISTED_QUERY_NOT_FOUND");
        assertThat(response.getString("errors[0].message")).isEqualTo("PersistedQueryNotFound");
        assertThat(response.getString("data")).isNull();
    }

    @Test
    void the_apq_round_trip_registers_a_document_in_redis_and_runs_it_by_hash_afterwards() throws InterruptedException {
        String name = "Apq" + TestData.unique("q").replaceAll("[^A-Za-z0-9]", "");
        String document = "query " + name + " { __typename }";
        String hash = PersistedQueries.sha256(document);

        assertThat(send(null, hash).jsonPath().getString("errors[0].extensions.code")).isEqualTo("PERSISTED_QUERY_NOT_FOUND");
        JsonPath registered = send(document, hash).then().statusCode(200).extract().jsonPath();
        assertThat(registered.getString("data.__typename")).isEqualTo("Query");

        assertThat(registered(hash)).isTrue();
        assertThat(redis.value(String.class).get("apq:{" + hash + "}")).isEqualTo(document);
        assertThat(redis.key().ttl("apq:{" + hash + "}")).isBetween(1L, 86_400L);

        JsonPath byHash = send(null, hash).then().statusCode(200).extract().jsonPath();
        assertThat(byHash.getString("errors")).isNull();
        assertThat(byHash.getString("data.__typename")).isEqualTo("Query");

        Response overGet = given().queryParam("extensions", "{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"" + hash + "\"}}")
                .get("/graphql");
        assertThat(overGet.statusCode()).isEqualTo(200);
        assertThat(overGet.jsonPath().getString("data.__typename")).isEqualTo("Query");
    }

    @Test
    void a_hash_that_does_not_match_the_document_is_refused_and_registers_nothing() {
        String document = "query Mismatch" + System.nanoTime() + " { __typename }";
        String otherHash = PersistedQueries.sha256(document + " ");
        Response response = send(document, otherHash);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.jsonPath().getString("errors[0].extensions.code")).isEqualTo("BAD_REQUEST");
        assertThat(redis.key().exists("apq:{" + otherHash + "}")).isFalse();
    }

    @Test
    void registrations_per_client_address_are_rate_limited_but_the_documents_still_run() throws InterruptedException {
        redis.key().del("apq-registrations:{ip:127.0.0.1}", "apq-registrations:{ip:0:0:0:0:0:0:0:1}");
        int limit = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("app.rate-limit.apq-registrations.max-attempts", Integer.class);
        String last = null;
        for (int i = 0; i <= limit; i++) {
            String document = "query Many" + System.nanoTime() + " { __typename }";
            last = PersistedQueries.sha256(document);
            assertThat(send(document, last).jsonPath().getString("data.__typename")).isEqualTo("Query");
            if (i < limit) {
                assertThat(registered(last)).as("registration %d", i + 1).isTrue();
            }
        }
        assertThat(registered(last)).as("registration over the limit").isFalse();
        redis.key().del("apq-registrations:{ip:127.0.0.1}", "apq-registrations:{ip:0:0:0:0:0:0:0:1}");
    }

    @Test
    void a_document_that_does_not_parse_is_not_registered() {
        String document = "query Broken" + System.nanoTime() + " { __typename ";
        String hash = PersistedQueries.sha256(document);
        assertThat(send(document, hash).jsonPath().getString("errors[0].extensions.code")).isEqualTo("GRAPHQL_PARSE_FAILED");
        assertThat(redis.key().exists("apq:{" + hash + "}")).isFalse();
    }

    @Test
    void an_unsupported_persisted_query_version_is_refused() {
        Response response = given().contentType("application/json").body(Map.of("extensions",
                Map.of("persistedQuery", Map.of("version", 2, "sha256Hash", PersistedQueries.sha256("{ __typename }")))))
                .post("/graphql");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.jsonPath().getString("errors[0].extensions.code")).isEqualTo("BAD_REQUEST");
    }

    @Test
    void every_client_operation_is_registered_under_its_own_channel() throws IOException {
        try (var files = Files.walk(Path.of("graphql-schema/operations"))) {
            var paths = files.filter(p -> p.toString().endsWith(".graphql")).toList();
            assertThat(paths).isNotEmpty();
            for (Path path : paths) {
                String relative = Path.of("graphql-schema/operations").relativize(path).toString().replace('\\', '/');
                String document = Files.readString(path, StandardCharsets.UTF_8);
                JsonPath response = send(null, PersistedQueries.sha256(document)).jsonPath();
                assertThat(response.getString("errors[0].extensions.code")).as(relative).isNotEqualTo("PERSISTED_QUERY_NOT_FOUND");
            }
        }
    }
}
