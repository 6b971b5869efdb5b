package com.omnichannel.gateway.resilience;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static com.omnichannel.gateway.resilience.Outages.timed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.support.GraphQL;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Hostile requests, as the public internet sends them: each is answered with a 4xx or a GraphQL error with a clear
 * code, within a bounded time, and the service answers a normal query afterwards. The limits themselves (and
 * their settings) are tested one by one in {@code RequestLimitsTest}.
 */
@QuarkusTest
class HostileInputTest {

    /** The longest any hostile request may take to be answered (generous for a loaded CI machine). */

    @AfterEach
    void the_service_still_answers_a_normal_query() {
        Response response = timed(() -> given().contentType("application/json")
                .body(Map.of("query", "query { categories { id } }")).post("/graphql"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getList("errors")).isNull();
        assertThat(response.jsonPath().getList("data.categories")).isNotNull();
    }

    @Test
    void malformed_json_is_400_bad_request() {
        Response response = timed(() -> given().contentType("application/json").body("{\"query\": \"{ __typename }\", ")
                .post("/graphql"));
        assertRefused(response, 400, "BAD_REQUEST");
    }

    @Test
    void json_nested_a_hundred_thousand_levels_deep_is_400_bad_request() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        // Sent raw: the test's HTTP client itself runs out of memory on such a body.
        Raw response = timed(() -> raw("application/json",
                "{\"query\": \"{ __typename }\", \"variables\": {\"v\": " + deep + "}}"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().getString("errors[0].extensions.code")).isEqualTo("BAD_REQUEST");
    }

    @Test
    void a_wrong_content_type_is_415() {
        Response response = timed(() -> given().contentType("text/plain").body("{ __typename }").post("/graphql"));
        assertRefused(response, 415, "BAD_REQUEST");
    }

    @Test
    void a_missing_content_type_is_415() {
        Raw response = timed(() -> raw(null, "{\"query\": \"{ __typename }\"}"));
        assertThat(response.status()).isEqualTo(415);
        assertThat(response.json().getString("errors[0].extensions.code")).isEqualTo("BAD_REQUEST");
    }

    @Test
    void a_10_mb_body_is_413_request_too_large() {
        String padding = "x".repeat(10 * 1024 * 1024);
        Response response = timed(() -> given().contentType("application/json")
                .body("{\"query\": \"{ __typename }\", \"variables\": {\"pad\": \"" + padding + "\"}}").post("/graphql"));
        assertRefused(response, 413, "REQUEST_TOO_LARGE");
    }

    @Test
    void a_document_of_100000_tokens_is_graphql_parse_failed() {
        String query = "query { categories { " + "id ".repeat(100_000) + "} }"; // ~300 KB: sent as application/graphql
        Raw response = timed(() -> raw("application/graphql", query));
        // Over the body size limit, it never reaches the parser.
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().getString("errors[0].extensions.code")).isEqualTo("REQUEST_TOO_LARGE");
        String smaller = "query { categories { " + "id ".repeat(60_000) + "} }"; // under the body limit, over the token limit
        Response parsed = timed(() -> given().contentType("application/json").body(Map.of("query", smaller)).post("/graphql"));
        assertRefused(parsed, 200, "GRAPHQL_PARSE_FAILED");
        assertThat(parsed.jsonPath().getString("errors[0].message")).contains("tokens");
    }

    @Test
    void a_thousand_aliases_of_a_mutation_are_refused_before_anything_runs() {
        StringBuilder mutation = new StringBuilder("mutation {");
        for (int i = 0; i < 1000; i++) {
            mutation.append(" m").append(i).append(": cartCreate { cartToken }"); // under the token limit
        }
        mutation.append(" }");
        Response response = timed(() -> GraphQL.anonymous().post(mutation.toString()));
        assertRefused(response, 200, "BAD_USER_INPUT");
        assertThat(response.jsonPath().getString("errors[0].message")).contains("aliases");
    }

    @Test
    void deeply_nested_fragments_are_refused_as_too_deep() {
        Response response = timed(() -> GraphQL.anonymous().post(fragmentChain(40)));
        assertRefused(response, 200, "BAD_USER_INPUT");
        assertThat(response.jsonPath().getString("errors[0].message")).containsIgnoringCase("depth");
    }

    @Test
    void a_chain_of_hundreds_of_fragments_is_refused_before_validation() {
        // The engine's fragment-cycle check grows with the cube of such a chain: 500 took the heap.
        Response response = timed(() -> GraphQL.anonymous().post(fragmentChain(500)));
        assertRefused(response, 200, "BAD_USER_INPUT");
        assertThat(response.jsonPath().getString("errors[0].message")).contains("fragments");
    }

    /** Fragments F0..Fn-1, each spreading the next one level down. */
    private static String fragmentChain(int levels) {
        StringBuilder query = new StringBuilder("query { categories { ...F0 } }\n");
        for (int i = 0; i < levels; i++) {
            query.append("fragment F").append(i).append(" on Category { id children { ")
                    .append(i + 1 < levels ? "...F" + (i + 1) : "id").append(" } }\n");
        }
        return query.toString();
    }

    @Test
    void fragments_that_spread_each_other_in_a_cycle_are_graphql_validation_failed() {
        String query = "query { categories { ...A } }\nfragment A on Category { id children { ...B } }\n"
                + "fragment B on Category { id parent { ...A } }";
        Response response = timed(() -> GraphQL.anonymous().post(query));
        assertRefused(response, 200, "GRAPHQL_VALIDATION_FAILED");
    }

    @Test
    void huge_variables_are_answered_with_a_clear_code() {
        Map<String, Object> variables = new HashMap<>();
        for (int i = 0; i < 5_000; i++) { // with the slug, just under the body size limit
            variables.put("unused" + i, i);
        }
        variables.put("slug", "s".repeat(100_000));
        Response response = timed(() -> given().contentType("application/json")
                .body(Map.of("query", "query($slug: String) { category(slug: $slug) { id } }", "variables", variables))
                .post("/graphql"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getString("errors[0].extensions.code")).isIn(null, "BAD_USER_INPUT");
        assertThat(response.jsonPath().getString("data.category")).isNull();
    }

    @Test
    void invalid_utf8_is_refused_with_a_clear_code() {
        byte[] body = "{\"query\": \"{ category(slug: \\\"x".getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\\\") { id } }\"}".getBytes(StandardCharsets.UTF_8);
        byte[] broken = new byte[body.length + 2 + tail.length];
        System.arraycopy(body, 0, broken, 0, body.length);
        broken[body.length] = (byte) 0xC3;
        broken[body.length + 1] = (byte) 0x28; // not a valid continuation byte
        System.arraycopy(tail, 0, broken, body.length + 2, tail.length);
        Response response = timed(() -> given().contentType("application/json").body(broken).post("/graphql"));
        assertRefused(response, 400, "BAD_REQUEST");
    }

    @Test
    void an_unknown_operation_name_is_a_graphql_error_with_a_code() {
        Response response = timed(() -> given().contentType("application/json")
                .body(Map.of("query", "query A { __typename } query B { __typename }", "operationName", "C")).post("/graphql"));
        assertThat(response.statusCode()).isBetween(200, 499);
        assertThat(response.jsonPath().getString("errors[0].extensions.code")).isEqualTo("BAD_USER_INPUT");
        assertThat(response.jsonPath().getString("errors[0].message")).contains("C");
        assertThat(response.jsonPath().getString("data")).isNull();
    }

    private static void assertRefused(Response response, int status, String code) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.jsonPath().getString("errors[0].extensions.code")).as(response.asString()).isEqualTo(code);
        assertThat(response.jsonPath().getString("data")).isNull();
        assertThat(response.asString()).doesNotContain("\tat ", "java.", "io.vertx", "com.fasterxml", "com.omnichannel");
    }

    record Raw(int status, String body) {
        JsonPath json() {
            return JsonPath.from(body);
        }
    }

    /** POSTs exactly these bytes, with this content type or none. */
    private static Raw raw(String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/graphql"))
                .timeout(Outages.FAST).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Raw(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

}
