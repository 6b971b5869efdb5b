package com.omnichannel.gateway.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * What production runs with by default, read from application.properties with the prod profile, and that each
 * default can be changed through its environment variable.
 */
class ProductionConfigTest {

    static SmallRyeConfig prod(Map<String, String> environment) throws IOException {
        URL properties = ProductionConfigTest.class.getClassLoader().getResource("application.properties");
        return new SmallRyeConfigBuilder().withProfile("prod")
                .withSources(new PropertiesConfigSource(properties, 250))
                .withSources(new io.smallrye.config.common.MapBackedConfigSource("environment", environment, 300) {
                })
                .build();
    }

    @Test
    void production_hides_introspection_the_schema_and_the_ui_and_trusts_only_registered_kiosk_operations() throws IOException {
        SmallRyeConfig config = prod(Map.of());
        assertThat(config.getValue("app.graphql.introspection-enabled", Boolean.class)).isFalse();
        assertThat(config.getValue("app.graphql.schema-endpoint-enabled", Boolean.class)).isFalse();
        assertThat(config.getValue("quarkus.smallrye-graphql.ui.enabled", Boolean.class)).isFalse();
        assertThat(config.getValue("app.graphql.trusted-operations-only.kiosk", Boolean.class)).isTrue();
        assertThat(config.getValue("app.graphql.trusted-operations-only.web", Boolean.class)).isFalse();
        assertThat(config.getValue("app.demo-data.enabled", Boolean.class)).isFalse();
    }

    @Test
    void production_limits_and_graceful_shutdown_have_their_defaults() throws IOException {
        SmallRyeConfig config = prod(Map.of());
        assertThat(config.getValue("app.graphql.max-depth", Integer.class)).isEqualTo(12);
        assertThat(config.getValue("app.graphql.max-complexity", Integer.class)).isEqualTo(5000);
        assertThat(config.getValue("app.graphql.max-aliases", Integer.class)).isEqualTo(30);
        assertThat(config.getValue("app.graphql.max-tokens", Integer.class)).isEqualTo(15000);
        assertThat(config.getValue("quarkus.smallrye-graphql.parser-max-tokens", Integer.class)).isEqualTo(15000);
        assertThat(config.getValue("quarkus.http.limits.max-body-size", String.class)).isEqualTo("256K");
        assertThat(config.getValue("quarkus.shutdown.delay-enabled", Boolean.class)).isTrue();
        assertThat(DurationConverter.parseDuration(config.getValue("quarkus.shutdown.delay", String.class)))
                .isEqualTo(Duration.ofSeconds(5));
        assertThat(DurationConverter.parseDuration(config.getValue("quarkus.shutdown.timeout", String.class)))
                .isEqualTo(Duration.ofSeconds(25));
    }

    @Test
    void production_allows_no_other_origin_until_cors_origins_is_set() throws IOException {
        SmallRyeConfig config = prod(Map.of());
        assertThat(config.getValue("quarkus.http.cors.enabled", Boolean.class)).isTrue();
        assertThat(config.getOptionalValue("quarkus.http.cors.origins", String.class)).isEmpty();
        SmallRyeConfig configured = prod(Map.of("CORS_ORIGINS", "https://shop.example,/https://.*[.]shop[.]example/"));
        assertThat(configured.getValue("quarkus.http.cors.origins", String.class))
                .isEqualTo("https://shop.example,/https://.*[.]shop[.]example/");
        assertThat(DurationConverter.parseDuration(config.getValue("app.graphql.http-cache.max-age", String.class)))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(config.getValue("quarkus.http.header.\"X-Content-Type-Options\".value", String.class)).isEqualTo("nosniff");
    }

    @Test
    void production_caches_anonymous_catalog_reads_and_writes_json_logs() throws IOException {
        SmallRyeConfig config = prod(Map.of());
        assertThat(config.getValue("app.graphql.response-cache.enabled", Boolean.class)).isTrue();
        assertThat(DurationConverter.parseDuration(config.getValue("app.graphql.response-cache.ttl", String.class)))
                .isEqualTo(Duration.ofSeconds(2));
        assertThat(config.getValue("quarkus.log.console.json.enabled", Boolean.class)).isTrue();
        SmallRyeConfig plain = prod(Map.of("LOG_JSON", "false", "GRAPHQL_RESPONSE_CACHE_ENABLED", "false"));
        assertThat(plain.getValue("quarkus.log.console.json.enabled", Boolean.class)).isFalse();
        assertThat(plain.getValue("app.graphql.response-cache.enabled", Boolean.class)).isFalse();
    }

    @Test
    void environment_variables_reenable_what_production_hides() throws IOException {
        SmallRyeConfig config = prod(Map.of("GRAPHQL_INTROSPECTION_ENABLED", "true", "GRAPHQL_SCHEMA_ENABLED", "true",
                "GRAPHQL_UI_ENABLED", "true", "GRAPHQL_TRUSTED_ONLY_KIOSK", "false", "GRAPHQL_MAX_ALIASES", "5"));
        assertThat(config.getValue("app.graphql.introspection-enabled", Boolean.class)).isTrue();
        assertThat(config.getValue("app.graphql.schema-endpoint-enabled", Boolean.class)).isTrue();
        assertThat(config.getValue("quarkus.smallrye-graphql.ui.enabled", Boolean.class)).isTrue();
        assertThat(config.getValue("app.graphql.trusted-operations-only.kiosk", Boolean.class)).isFalse();
        assertThat(config.getValue("app.graphql.max-aliases", Integer.class)).isEqualTo(5);
    }
}
