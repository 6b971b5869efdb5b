package com.omnichannel.gateway.support;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Sends GraphQL operations to the running test server the way a client would. */
public final class GraphQL {

    private final Map<String, String> headers = new HashMap<>();

    private GraphQL() {
    }

    public static GraphQL anonymous() {
        return new GraphQL();
    }

    public static GraphQL as(String token) {
        GraphQL client = new GraphQL();
        client.headers.put("Authorization", "Bearer " + token);
        return client;
    }

    public GraphQL header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public GraphQL channel(String channel) {
        headers.put("X-Channel", channel);
        return this;
    }

    /** Executes and returns the whole JSON response (data and errors); asserts HTTP 200. */
    public JsonPath execute(String query, Object... variables) {
        return post(query, variables).then().statusCode(200).extract().jsonPath();
    }

    /** Executes and fails the test when the response carries errors. */
    public JsonPath ok(String query, Object... variables) {
        JsonPath response = execute(query, variables);
        if (response.get("errors") != null) {
            throw new AssertionError("Unexpected GraphQL errors: " + response.prettify());
        }
        return response;
    }

    /** Executes and returns the raw HTTP response. */
    public Response post(String query, Object... variables) {
        Map<String, Object> vars = new HashMap<>();
        for (int i = 0; i < variables.length; i += 2) {
            vars.put((String) variables[i], variables[i + 1]);
        }
        Map<String, Object> body = new HashMap<>();
        body.put("query", query);
        body.put("variables", vars);
        return given().contentType(ContentType.JSON).headers(headers).body(body).when().post("/graphql");
    }
}
