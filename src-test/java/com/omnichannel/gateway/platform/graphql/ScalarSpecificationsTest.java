package com.omnichannel.gateway.platform.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.support.GraphQL;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The custom scalars name the specification they follow, in introspection and in the committed SDL. */
@QuarkusTest
class ScalarSpecificationsTest {

    static final String SCALAR = "query($name: String!) { __type(name: $name) { kind specifiedByURL description } }";

    @Test
    void custom_scalars_carry_the_url_of_their_specification() throws IOException {
        String sdl = Files.readString(Path.of("graphql-schema/schema.graphql"), StandardCharsets.UTF_8);
        ScalarSpecifications.SCALARS.forEach((name, specification) -> {
            JsonPath r = GraphQL.anonymous().ok(SCALAR, "name", name).setRootPath("data.__type");
            assertThat(r.getString("kind")).isEqualTo("SCALAR");
            assertThat(r.getString("specifiedByURL")).as(name).isEqualTo(specification.url());
            assertThat(r.getString("description")).as(name).isEqualTo(specification.description());
            assertThat(sdl).contains("scalar " + name + " @specifiedBy(url : \"" + specification.url() + "\")");
        });
        assertThat(ScalarSpecifications.SCALARS.get("DateTime").url()).contains("rfc3339");
    }

    @Test
    void a_big_integer_is_answered_as_a_json_number() {
        JsonPath created = GraphQL.anonymous().ok("mutation { cartCreate { cart { version } } }");
        assertThat(created.<Object>get("data.cartCreate.cart.version")).isInstanceOf(Number.class);
    }
}
