package com.omnichannel.gateway.platform.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.DecoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;

/**
 * What browsers, CDNs and HTTP caches need from the endpoint: CORS for the allowed origins (in dev and test any
 * {@code http://localhost} port), gzip for larger answers, {@code Cache-Control} and a strong {@code ETag} on public
 * catalog answers over GET (and 304 for a matching {@code If-None-Match}), {@code no-store} on everything else,
 * {@code nosniff} everywhere and no framing.
 */
@QuarkusTest
class HttpCachingAndHeadersTest {

    static final String ORIGIN = "http://localhost:5173";
    static final String PUBLIC_QUERY = "query Categories { categories { id slug } }";

    @Test
    void a_preflight_from_an_allowed_origin_is_answered_with_the_headers_clients_send() {
        Response response = given().header("Origin", ORIGIN).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers",
                        "authorization,content-type,x-channel,x-cart-token,x-request-id,apollographql-client-name,apollographql-client-version")
                .options("/graphql");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(response.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(response.header("Access-Control-Allow-Methods")).contains("POST").contains("GET");
        assertThat(response.header("Access-Control-Allow-Headers").toLowerCase()).contains("authorization", "content-type",
                "x-channel", "x-cart-token", "x-request-id", "apollographql-client-name", "apollographql-client-version");
        assertThat(response.header("Access-Control-Max-Age")).isEqualTo("86400");
    }

    @Test
    void a_request_from_an_allowed_origin_may_read_the_answer_and_the_exposed_headers() {
        Response response = given().header("Origin", ORIGIN).contentType("application/json")
                .body("{\"query\": \"{ __typename }\"}").post("/graphql");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(response.header("Access-Control-Expose-Headers")).contains("X-Request-Id").contains("ETag");
    }

    @Test
    void another_origin_is_not_allowed() {
        Response preflight = given().header("Origin", "https://elsewhere.example").header("Access-Control-Request-Method", "POST")
                .options("/graphql");
        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
        Response request = given().header("Origin", "https://elsewhere.example").contentType("application/json")
                .body("{\"query\": \"{ __typename }\"}").post("/graphql");
        assertThat(request.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void answers_over_a_kilobyte_are_gzipped_for_clients_that_accept_it_and_small_ones_are_not() throws IOException {
        // Without the client's own decoding, which would drop Content-Encoding once it has unzipped the answer.
        RestAssuredConfig raw = RestAssured.config().decoderConfig(DecoderConfig.decoderConfig().noContentDecoders());
        Response large = given().config(raw).header("Accept-Encoding", "gzip").contentType("application/json")
                .body("{\"query\": \"{ __schema { types { name description } } }\"}").post("/graphql");
        assertThat(large.statusCode()).isEqualTo(200);
        assertThat(large.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(new String(new GZIPInputStream(large.asInputStream()).readAllBytes(), StandardCharsets.UTF_8)).contains("__schema");

        Response small = given().config(raw).header("Accept-Encoding", "gzip").contentType("application/json")
                .body("{\"query\": \"{ __typename }\"}").post("/graphql");
        assertThat(small.header("Content-Encoding")).isIn(null, "identity");
        assertThat(small.jsonPath().getString("data.__typename")).isEqualTo("Query");
    }

    @Test
    void a_public_catalog_answer_over_get_is_cacheable_with_a_strong_etag_and_revalidates_to_304() {
        String etag = null;
        Response revalidated = null;
        // A catalog change by a concurrent test empties the response cache: the next answer then carries a new tag.
        for (int attempt = 0; attempt < 5 && (revalidated == null || revalidated.statusCode() != 304); attempt++) {
            Response first = given().queryParam("query", PUBLIC_QUERY).get("/graphql");
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.header("Cache-Control")).isEqualTo("public, max-age=30, stale-while-revalidate=60");
            etag = first.header("ETag");
            assertThat(etag).matches("\"[0-9a-f]{32}\"");
            revalidated = given().queryParam("query", PUBLIC_QUERY).header("If-None-Match", etag).get("/graphql");
        }
        assertThat(revalidated.statusCode()).isEqualTo(304);
        assertThat(revalidated.header("ETag")).isEqualTo(etag);
        assertThat(revalidated.asString()).isEmpty();
    }

    @Test
    void private_answers_are_never_stored() {
        Response withCartToken = given().header("X-Cart-Token", "some-cart").queryParam("query", PUBLIC_QUERY).get("/graphql");
        assertThat(withCartToken.header("Cache-Control")).isEqualTo("no-store");
        assertThat(withCartToken.header("ETag")).isNull();

        Response withToken = given().header("Authorization", "Bearer not-a-token").queryParam("query", PUBLIC_QUERY).get("/graphql");
        assertThat(withToken.header("Cache-Control")).isEqualTo("no-store");

        Response overPost = given().contentType("application/json").body("{\"query\": \"" + PUBLIC_QUERY + "\"}").post("/graphql");
        assertThat(overPost.header("Cache-Control")).isEqualTo("no-store");

        Response mutation = given().contentType("application/json")
                .body("{\"query\": \"mutation { cartCreate(input: { lines: [] }) { cartToken } }\"}").post("/graphql");
        assertThat(mutation.header("Cache-Control")).isEqualTo("no-store");

        Response notPublic = given().queryParam("query", "{ viewer { channel } }").get("/graphql");
        assertThat(notPublic.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void every_answer_says_nosniff_and_the_ui_may_not_be_framed() {
        assertThat(given().queryParam("query", "{ __typename }").get("/graphql").header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(given().contentType("application/json").body("not json").post("/graphql").header("X-Content-Type-Options"))
                .isEqualTo("nosniff");
        assertThat(given().get("/q/health/live").header("X-Content-Type-Options")).isEqualTo("nosniff");
        Response ui = given().get("/q/graphql-ui/");
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(ui.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
    }
}
