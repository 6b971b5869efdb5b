package com.omnichannel.gateway.platform.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.platform.graphql.PersistedQueries;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Queries over GET as clients send them (urql, Apollo with GET for queries or hashed queries, Apollo Kotlin and
 * iOS): each parameter is URL-decoded once, documents keep their newlines and comments, and the operation is chosen
 * by {@code operationName}.
 */
@QuarkusTest
class GraphQLOverGetTest {

    @Test
    void a_named_operation_is_chosen_by_operation_name() {
        Response response = given().queryParam("query", "query Cats { categories { id } }").queryParam("operationName", "Cats")
                .get("/graphql");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getString("errors")).isNull();
        assertThat(response.jsonPath().getList("data.categories")).isNotNull();
    }

    @Test
    void operation_name_picks_one_of_several_operations() {
        Response response = given().queryParam("query", "query A { a: __typename }\nquery B { b: __typename }")
                .queryParam("operationName", "B").get("/graphql");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getString("data.b")).isEqualTo("Query");
        assertThat(response.jsonPath().getString("data.a")).isNull();
    }

    @Test
    void a_client_operation_file_with_its_leading_comment_runs_over_get() throws IOException {
        String document = Files.readString(Path.of("graphql-schema/operations/web/CategoryTree.graphql"), StandardCharsets.UTF_8);
        assertThat(document).startsWith("#");
        Response response = given().queryParam("query", document).queryParam("operationName", "CategoryTree").get("/graphql");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getString("errors")).isNull();
        assertThat(response.jsonPath().getList("data.categories")).isNotNull();
    }

    @Test
    void variables_with_percent_signs_and_pluses_are_decoded_once() {
        Response response = given()
                .queryParam("query", "query Search($s: String) { products(first: 1, filter: { search: $s }) { edges { cursor } } }")
                .queryParam("variables", "{\"s\": \"100% merino a+b %41\"}").get("/graphql");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getString("errors")).isNull();
        assertThat(response.jsonPath().getList("data.products.edges")).isNotNull();
    }

    @Test
    void a_persisted_hash_over_get_with_operation_name_runs_the_registered_client_operation() throws IOException {
        String document = Files.readString(Path.of("graphql-schema/operations/web/CategoryTree.graphql"), StandardCharsets.UTF_8);
        Response response = given().queryParam("operationName", "CategoryTree")
                .queryParam("extensions", "{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"" + PersistedQueries.sha256(document) + "\"}}")
                .get("/graphql");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getString("errors")).isNull();
        assertThat(response.jsonPath().getList("data.categories")).isNotNull();
    }

    @Test
    void an_unknown_hash_over_get_asks_for_the_document_and_the_document_over_get_registers_it() {
        String document = "# comment line\nquery GetApq" + System.nanoTime() + " {\n  __typename\n}";
        String hash = PersistedQueries.sha256(document);
        String extensions = "{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"" + hash + "\"}}";
        Response notFound = given().queryParam("extensions", extensions).get("/graphql");
        assertThat(notFound.jsonPath().getString("errors[0].extensions.code")).isEqualTo("PERSISTED_QUERY_NOT_FOUND");
        Response withDocument = given().queryParam("query", document).queryParam("extensions", extensions).get("/graphql");
        assertThat(withDocument.statusCode()).isEqualTo(200);
        assertThat(withDocument.jsonPath().getString("data.__typename")).isEqualTo("Query");
    }

    @Test
    void a_mutation_named_by_operation_name_over_get_is_refused() {
        Response response = given().queryParam("query", "query Q { __typename }\nmutation M { cartCreate(input: { lines: [] }) { cartToken } }")
                .queryParam("operationName", "M").get("/graphql");
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.jsonPath().getString("errors[0].extensions.code")).isEqualTo("BAD_REQUEST");
    }

    @Test
    void the_request_id_a_client_sends_with_a_get_is_echoed() {
        Response response = given().header("X-Request-Id", "get-request-42").queryParam("query", "{ __typename }").get("/graphql");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("X-Request-Id")).isEqualTo("get-request-42");
    }
}
