package com.omnichannel.gateway.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.support.GraphQL;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Every request limit is configurable and answers with a clear code before any work is done; after each
 * refusal the service still answers a normal query. Hostile requests as a whole (10 MB bodies, 1,000 aliases of
 * a mutation, chains of fragments, invalid UTF-8, ...) and the time they take to be refused are in
 * {@code resilience.HostileInputTest}.
 */
@QuarkusTest
class RequestLimitsTest {

    static final String HEALTHY = "query { categories { id } }";

    static int setting(String name) {
        return ConfigProvider.getConfig().getValue(name, Integer.class);
    }

    @AfterEach
    void service_still_answers_a_normal_query() {
        GraphQL.anonymous().ok(HEALTHY);
    }

    // ---- depth, complexity, aliases, tokens, page size

    @Test
    void a_query_deeper_than_max_depth_is_refused_as_bad_user_input() {
        int maxDepth = setting("app.graphql.max-depth");
        // categories (1) + children (n) + id: one level over the limit
        String query = "query { categories { " + "children { ".repeat(maxDepth - 1) + "id" + " }".repeat(maxDepth - 1) + " } }";
        JsonPath response = GraphQL.anonymous().execute(query);
        BadInputTest.assertError(response, "BAD_USER_INPUT");
        assertThat(response.getString("errors[0].message")).containsIgnoringCase("depth");
        assertThat(response.getString("data")).isNull();

        String atTheLimit = "query { categories { " + "children { ".repeat(maxDepth - 2) + "id" + " }".repeat(maxDepth - 2) + " } }";
        GraphQL.anonymous().ok(atTheLimit);
    }

    @Test
    void a_fragment_spread_deep_down_after_a_shallow_first_use_counts_at_its_depth() {
        int maxDepth = setting("app.graphql.max-depth");
        String query = "query { categories { ...Deep children { " + "children { ".repeat(maxDepth - 3) + "...Deep"
                + " }".repeat(maxDepth - 3) + " } } }\nfragment Deep on Category { parent { parent { id } } }";
        JsonPath response = GraphQL.anonymous().execute(query);
        BadInputTest.assertError(response, "BAD_USER_INPUT");
        assertThat(response.getString("errors[0].message")).containsIgnoringCase("depth");
    }

    @Test
    void a_query_with_more_fields_than_max_complexity_is_refused_as_bad_user_input() {
        int maxComplexity = setting("app.graphql.max-complexity");
        String query = "query { categories { " + "id ".repeat(maxComplexity) + "} }";
        JsonPath response = GraphQL.anonymous().execute(query);
        BadInputTest.assertError(response, "BAD_USER_INPUT");
        assertThat(response.getString("errors[0].message")).containsIgnoringCase("complexity");
    }

    @Test
    void fragments_spread_at_many_places_count_in_full_towards_max_complexity() {
        int maxComplexity = setting("app.graphql.max-complexity");
        // Fragments that each spread the level below three times: few tokens and little depth, many fields.
        StringBuilder fragments = new StringBuilder("fragment L0 on Category { id name }\n");
        int level = 0;
        long fields = 2;
        while (fields <= maxComplexity) {
            level++;
            fragments.append("fragment L").append(level).append(" on Category { children { ...L").append(level - 1)
                    .append(" } parent { ...L").append(level - 1).append(" } ancestors { ...L").append(level - 1).append(" } }\n");
            fields = fields * 3 + 3;
        }
        assertThat(level + 2).as("the query stays within the depth limit").isLessThanOrEqualTo(setting("app.graphql.max-depth"));
        JsonPath response = GraphQL.anonymous().execute("query { categories { ...L" + level + " } }\n" + fragments);
        BadInputTest.assertError(response, "BAD_USER_INPUT");
        assertThat(response.getString("errors[0].message")).containsIgnoringCase("complexity");
        assertThat(response.getString("data")).isNull();
    }

    @Test
    void more_aliases_than_max_aliases_are_refused_as_bad_user_input() {
        int maxAliases = setting("app.graphql.max-aliases");
        JsonPath response = GraphQL.anonymous().execute(aliases(maxAliases + 1));
        BadInputTest.assertError(response, "BAD_USER_INPUT");
        assertThat(response.getString("errors[0].message")).contains("aliases").contains(String.valueOf(maxAliases));
        assertThat(response.getString("data")).isNull();

        JsonPath allowed = GraphQL.anonymous().ok(aliases(maxAliases));
        assertThat(allowed.getMap("data")).hasSize(maxAliases);
    }

    @Test
    void aliases_inside_fragments_count_each_time_the_fragment_is_spread() {
        int maxAliases = setting("app.graphql.max-aliases");
        int perFragment = 5;
        int spreads = maxAliases / perFragment + 1;
        StringBuilder query = new StringBuilder("query { categories { ");
        for (int i = 0; i < spreads; i++) {
            query.append("c").append(i).append(": children { ...Many } ");
        }
        query.append("} }\nfragment Many on Category { ");
        for (int i = 0; i < perFragment; i++) {
            query.append("n").append(i).append(": name ");
        }
        query.append("}");
        BadInputTest.assertError(GraphQL.anonymous().execute(query.toString()), "BAD_USER_INPUT");
    }

    @Test
    void a_document_with_more_tokens_than_max_tokens_is_refused_as_graphql_parse_failed() {
        int maxTokens = setting("app.graphql.max-tokens");
        String query = "query { categories { " + "id ".repeat(maxTokens) + "} }";
        JsonPath response = GraphQL.anonymous().execute(query);
        BadInputTest.assertError(response, "GRAPHQL_PARSE_FAILED");
        assertThat(response.getString("errors[0].message")).contains("tokens");
        assertThat(response.getString("data")).isNull();
    }

    @Test
    void a_page_larger_than_100_is_refused_as_bad_user_input() {
        JsonPath response = GraphQL.anonymous().execute("query { products(first: 101) { edges { cursor } } }");
        BadInputTest.assertError(response, "BAD_USER_INPUT");
        assertThat(response.getString("errors[0].message")).contains("first");
    }

    // ---- the HTTP request itself

    @Test
    void a_body_over_the_size_limit_is_refused_with_413_request_too_large() {
        long limit = io.quarkus.runtime.configuration.MemorySize.class.cast(ConfigProvider.getConfig()
                .getValue("quarkus.http.limits.max-body-size", io.quarkus.runtime.configuration.MemorySize.class)).asLongValue();
        String padding = "x".repeat((int) limit + 1024);
        Response response = given().contentType("application/json")
                .body("{\"query\": \"{ __typename }\", \"variables\": {\"pad\": \"" + padding + "\"}}")
                .post("/graphql");
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.jsonPath().getString("errors[0].extensions.code")).isEqualTo("REQUEST_TOO_LARGE");
    }

    @Test
    void a_mutation_over_get_is_refused_with_405_and_changes_nothing() {
        Response response = given().queryParam("query", "mutation { cartCreate(input: { lines: [] }) { cartToken } }")
                .get("/graphql");
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.header("Allow")).contains("POST");
        assertThat(response.jsonPath().getString("errors[0].extensions.code")).isEqualTo("BAD_REQUEST");
        assertThat(response.jsonPath().getString("data")).isNull();
    }

    @Test
    void a_query_over_get_is_answered() {
        Response response = given().queryParam("query", "query($first: Int) { __typename products(first: $first) { edges { cursor } } }")
                .queryParam("variables", "{\"first\": 1}").get("/graphql");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getString("data.__typename")).isEqualTo("Query");
        assertThat(response.jsonPath().getList("data.products.edges")).hasSizeLessThanOrEqualTo(1);
        assertThat(response.jsonPath().getString("errors")).isNull();
    }

    @Test
    void a_body_that_is_not_json_is_refused_with_400_bad_request() {
        for (String body : List.of("{\"query\": \"{ __typename }\"", "not json", "[1, 2]", "\"text\"")) {
            Response response = given().contentType("application/json").body(body).post("/graphql");
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(response.jsonPath().getString("errors[0].extensions.code")).isEqualTo("BAD_REQUEST");
        }
    }

    @Test
    void parameters_of_the_wrong_type_are_refused_with_400_bad_request() {
        for (Map<String, Object> body : List.of(
                Map.<String, Object>of("query", "{ __typename }", "operationName", 42),
                Map.<String, Object>of("query", "{ __typename }", "variables", List.of(1)),
                Map.<String, Object>of("query", "{ __typename }", "extensions", "text"),
                Map.<String, Object>of("query", List.of("{ __typename }")))) {
            Response response = given().contentType("application/json").body(body).post("/graphql");
            assertThat(response.statusCode()).as(body.toString()).isEqualTo(400);
            assertThat(response.jsonPath().getString("errors[0].extensions.code")).isEqualTo("BAD_REQUEST");
        }
    }

    @Test
    void an_unsupported_content_type_is_refused_with_415() {
        Response response = given().contentType("text/plain").body("{ __typename }").post("/graphql");
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.jsonPath().getString("errors[0].extensions.code")).isEqualTo("BAD_REQUEST");
    }

    @Test
    void clients_accepting_graphql_response_json_get_400_for_a_parse_failure_and_json_clients_200() {
        Response modern = given().contentType("application/json").accept("application/graphql-response+json")
                .body(Map.of("query", "{")).post("/graphql");
        assertThat(modern.statusCode()).isEqualTo(400);
        assertThat(modern.contentType()).startsWith("application/graphql-response+json");
        assertThat(modern.jsonPath().getString("errors[0].extensions.code")).isEqualTo("GRAPHQL_PARSE_FAILED");

        Response legacy = given().contentType("application/json").accept("application/json").body(Map.of("query", "{")).post("/graphql");
        assertThat(legacy.statusCode()).isEqualTo(200);
        assertThat(legacy.contentType()).startsWith("application/json");
    }

    @Test
    void clients_accepting_graphql_response_json_get_400_for_a_validation_failure_and_json_clients_200() {
        String invalid = "query($unused: Int) { __typename }";
        Response modern = given().contentType("application/json").accept("application/graphql-response+json")
                .body(Map.of("query", invalid)).post("/graphql");
        assertThat(modern.statusCode()).isEqualTo(400);
        assertThat(modern.jsonPath().getString("errors[0].extensions.code")).isEqualTo("GRAPHQL_VALIDATION_FAILED");
        assertThat(modern.jsonPath().getString("data")).isNull();

        Response legacy = given().contentType("application/json").accept("application/json").body(Map.of("query", invalid))
                .post("/graphql");
        assertThat(legacy.statusCode()).isEqualTo(200);
        assertThat(legacy.jsonPath().getString("errors[0].extensions.code")).isEqualTo("GRAPHQL_VALIDATION_FAILED");

        // an execution error is not a request error: the status stays 200
        Response executed = given().contentType("application/json").accept("application/graphql-response+json")
                .body(Map.of("query", "query { me { id } }")).post("/graphql");
        assertThat(executed.statusCode()).isEqualTo(200);
        assertThat(executed.jsonPath().getString("errors[0].extensions.code")).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void clients_that_accept_anything_get_application_json() {
        Response response = given().contentType("application/json").accept("*/*").body(Map.of("query", "{ __typename }"))
                .post("/graphql");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
    }

    private static String aliases(int count) {
        StringBuilder query = new StringBuilder("query {");
        for (int i = 0; i < count; i++) {
            query.append(" a").append(i).append(": __typename");
        }
        return query.append(" }").toString();
    }
}
