package com.omnichannel.gateway.platform.graphql;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * GraphiQL and schema tools load the schema with graphql-js' standard introspection query, which is deeper than
 * the depth limit: where introspection is on (dev, test) schema reads are answered whatever their depth, while
 * other operations stay limited. Production keeps introspection off ({@code ProductionProfileTest}).
 */
@QuarkusTest
class IntrospectionQueryTest {

    @Test
    void the_standard_introspection_query_is_answered_whatever_the_depth_limit() throws IOException {
        String query = Files.readString(Path.of("src-test/resources/graphql-js-introspection-query.graphql"), StandardCharsets.UTF_8);
        Response response = given().contentType("application/json").body(Map.of("query", query, "operationName", "IntrospectionQuery"))
                .post("/graphql");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getString("errors")).isNull();
        assertThat(response.jsonPath().getString("data.__schema.queryType.name")).isEqualTo("Query");
    }

    @Test
    void an_operation_mixing_introspection_with_data_fields_stays_limited() {
        String deep = "categories { " + "children { ".repeat(14) + "id" + " }".repeat(14) + " }";
        Response response = given().contentType("application/json")
                .body(Map.of("query", "{ __schema { queryType { name } } " + deep + " }")).post("/graphql");
        assertThat(response.jsonPath().getString("errors[0].message")).contains("depth");
    }
}
