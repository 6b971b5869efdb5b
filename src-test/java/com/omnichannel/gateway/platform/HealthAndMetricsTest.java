package com.omnichannel.gateway.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class HealthAndMetricsTest {

    static final String REDIS_CHECK = "Redis (degraded does not take the pod out of rotation)";

    @Test
    void readiness_reports_postgresql_and_redis_separately() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Reactive PostgreSQL connections health check", REDIS_CHECK))
                .body("checks.find { it.name == '" + REDIS_CHECK + "' }.data.redis", equalTo("UP"))
                .body("checks.find { it.name == '" + REDIS_CHECK + "' }.data.pubsub", equalTo("SUBSCRIBED"));
    }

    @Test
    void liveness_is_up_and_checks_nothing_outside_the_process() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", not(hasItems(REDIS_CHECK)))
                .body("checks.name", not(hasItems("Reactive PostgreSQL connections health check")));
    }

    @Test
    void metrics_are_exposed_in_prometheus_format_with_the_sql_statement_counter() {
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("gateway_sql_statements_total"))
                .body(containsString("http_server_requests_seconds"));
    }
}
