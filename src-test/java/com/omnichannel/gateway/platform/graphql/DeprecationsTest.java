package com.omnichannel.gateway.platform.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.support.GraphQL;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Members kept under an old name for one release are deprecated in the schema itself (introspection and the
 * committed SDL), with the reason their description gives, so codegen and IDEs warn clients that still use them.
 */
@QuarkusTest
class DeprecationsTest {

    private static final String FIELDS = """
            query($name: String!) { __type(name: $name) { fields(includeDeprecated: true) {
              name description isDeprecated deprecationReason } } }""";

    @Test
    void fields_kept_under_an_old_name_are_deprecated_with_a_reason_in_introspection() {
        Map<String, List<String>> oldFields = Map.of(
                "CartLine", List.of("addedFrom", "lineTotal"),
                "Order", List.of("cartChannels", "fulfilmentType", "pickupStore"),
                "Location", List.of("openingHours"));
        oldFields.forEach((type, names) -> {
            JsonPath r = GraphQL.anonymous().ok(FIELDS, "name", type);
            for (String name : names) {
                String field = "data.__type.fields.find { it.name == '" + name + "' }";
                assertThat(r.getBoolean(field + ".isDeprecated")).as("%s.%s isDeprecated", type, name).isTrue();
                assertThat(r.getString(field + ".deprecationReason")).as("%s.%s deprecationReason", type, name)
                        .startsWith("use ");
                assertThat(r.getString(field + ".description")).startsWith("Deprecated: " + r.getString(field + ".deprecationReason"));
            }
        });
    }

    @Test
    void fields_still_current_are_not_deprecated() {
        JsonPath r = GraphQL.anonymous().ok(FIELDS, "name", "Order");
        String channels = "data.__type.fields.find { it.name == 'channels' }";
        assertThat(r.getBoolean(channels + ".isDeprecated")).isFalse();
        assertThat(r.getString(channels + ".deprecationReason")).isNull();
    }

    @Test
    void the_committed_sdl_shows_each_deprecation_with_its_reason() throws IOException {
        String sdl = Files.readString(Path.of("graphql-schema/schema.graphql"), StandardCharsets.UTF_8);
        assertThat(sdl).contains("addedFrom: Channel! @deprecated(reason : \"use channel")
                .contains("lineTotal: Money @deprecated(reason : \"use subtotal")
                .contains("cartChannels: [Channel!]! @deprecated(reason : \"use channels")
                .contains("fulfilmentType: FulfilmentType! @deprecated(reason : \"use fulfilment { type }")
                .contains("pickupStore: Location @deprecated(reason : \"use fulfilment { store }")
                .contains("openingHours: String @deprecated(reason : \"use hours")
                .doesNotContain("@deprecated\n");
    }

    @Test
    void the_reason_is_the_sentence_after_the_marker() {
        assertThat(DescribedDeprecations.reason("Deprecated: use total. Kept for one release.")).isEqualTo("use total.");
        assertThat(DescribedDeprecations.reason("Deprecated: use channel (the name order lines use); removed later."))
                .isEqualTo("use channel (the name order lines use); removed later.");
        assertThat(DescribedDeprecations.reason("The total. Deprecated: not at the start.")).isNull();
        assertThat(DescribedDeprecations.reason(null)).isNull();
    }
}
