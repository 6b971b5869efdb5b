package com.omnichannel.gateway.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.support.GraphQL;

import io.quarkus.test.junit.QuarkusTest;

/** Prometheus metrics per GraphQL operation and channel, and the pool metrics of PostgreSQL and Redis. */
@QuarkusTest
class OperationMetricsTest {

    private static List<String> scrape() {
        return Arrays.asList(given().get("/q/metrics").then().statusCode(200).extract().asString().split("\n"));
    }

    private static List<String> series(List<String> metrics, String name, String... tags) {
        return metrics.stream().filter(line -> line.startsWith(name + "{"))
                .filter(line -> Arrays.stream(tags).allMatch(line::contains)).toList();
    }

    private static double value(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    @Test
    void a_named_operation_is_counted_and_timed_per_channel_and_outcome() {
        for (int i = 0; i < 3; i++) {
            GraphQL.anonymous().channel("MOBILE").ok("query MetricsCategories { categories { id } }");
        }
        GraphQL.anonymous().channel("KIOSK").execute("query MetricsBroken($id: ID!) { product(id: $id) { id } }", "id", "nope");
        GraphQL.anonymous().ok("{ categories { id } }");

        List<String> metrics = scrape();
        List<String> count = series(metrics, "graphql_operations_seconds_count", "operation=\"MetricsCategories\"",
                "channel=\"MOBILE\"", "outcome=\"success\"");
        assertThat(count).hasSize(1);
        assertThat(value(count.get(0))).isEqualTo(3.0);
        assertThat(series(metrics, "graphql_operations_seconds_bucket", "operation=\"MetricsCategories\"", "channel=\"MOBILE\"",
                "le=\"0.25\"")).hasSize(1);
        assertThat(series(metrics, "graphql_operations_seconds_sum", "operation=\"MetricsCategories\"")).isNotEmpty();
        List<String> errors = series(metrics, "graphql_operations_seconds_count", "operation=\"MetricsBroken\"",
                "channel=\"KIOSK\"", "outcome=\"error\"");
        assertThat(errors).hasSize(1);
        assertThat(value(errors.get(0))).isEqualTo(1.0);
        assertThat(series(metrics, "graphql_operations_seconds_count", "operation=\"anonymous\"", "channel=\"WEB\"",
                "outcome=\"success\"")).hasSize(1);
    }

    @Test
    void postgresql_and_redis_pool_metrics_are_exposed() {
        GraphQL.anonymous().ok("{ categories { id } }");
        List<String> metrics = scrape();
        assertThat(metrics.stream().filter(l -> !l.startsWith("#") && l.contains("redis")).toList())
                .as("redis pool metrics").isNotEmpty();
        assertThat(metrics.stream().filter(l -> !l.startsWith("#") && l.startsWith("sql_pool")).toList())
                .as("PostgreSQL pool metrics in %s", metrics.stream().filter(l -> l.contains("pool")).toList()).isNotEmpty();
    }
}
