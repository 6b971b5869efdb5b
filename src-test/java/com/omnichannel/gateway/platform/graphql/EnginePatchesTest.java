package com.omnichannel.gateway.platform.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.platform.graphql.EnginePatches.Patch;
import com.omnichannel.gateway.platform.graphql.EnginePatches.State;
import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.TestData;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The engine patches take hold in the engine on the classpath: each reports that it applied once the engine has
 * answered a request that needs it, and what each one spares the engine is visible. An upgrade of SmallRye GraphQL
 * or graphql-java that makes one of them stop applying fails here instead of only making the service slower.
 */
@QuarkusTest
class EnginePatchesTest extends EngineAnswers {

    @Inject
    EnginePatches patches;

    @Test
    void every_patch_applies_to_this_engine() {
        TestData.Ref category = category(TestData.unique("Patched lamps"));
        // Nested batched fields (variants, their stock levels, the category) over plain record fields.
        GraphQL.anonymous().ok(PRODUCTS, "first", 10, "cat", category.id());
        GraphQL.anonymous().ok(PRODUCTS, "first", 10, "cat", category.id());

        assertThat(patches.on()).isTrue();
        assertThat(patches.states()).as("what became of each engine patch").containsOnlyKeys(Patch.values())
                .allSatisfy((patch, state) -> assertThat(state).as(patch.name()).isEqualTo(State.APPLIED));
    }

    @Test
    void data_loaders_are_made_once_not_with_every_request() {
        TestData.Ref category = category(TestData.unique("Loaders made once lamps"));
        long withEveryLoader = EnginePatches.requestsWithEveryDataLoader();

        // Nested batched fields, executed twice (another page size: not an answer of the response cache). Each
        // request gets copies of the loaders it asks for...
        JsonPath first = GraphQL.anonymous().ok(PRODUCTS, "first", 10, "cat", category.id());
        JsonPath second = GraphQL.anonymous().ok(PRODUCTS, "first", 9, "cat", category.id());

        // ...and none of the schema's loaders was made for it.
        assertThat(EnginePatches.requestsWithEveryDataLoader() - withEveryLoader).isZero();
        for (JsonPath answer : List.of(first, second)) {
            assertThat(answer.getList("data.products.edges.node.variants.availableToPromise")).containsExactlyInAnyOrder(
                    List.of(3, 7), List.of(4, 7));
        }
    }

    @Test
    void smallrye_reads_a_known_document_without_parsing_it_again() {
        TestData.Ref category = category(TestData.unique("Parsed once lamps"));
        // The first request parses and validates the document; the engine keeps it.
        GraphQL.anonymous().ok(PRODUCTS, "first", 10, "cat", category.id());
        long parsedAgain = EnginePatches.documentsParsedAgain();

        GraphQL.anonymous().ok(PRODUCTS, "first", 10, "cat", category.id());
        GraphQL.anonymous().ok(PRODUCTS, "first", 10, "cat", category.id());

        // Before each execution SmallRye reads the document for its operation types: from the kept one.
        assertThat(EnginePatches.documentsParsedAgain() - parsedAgain).isZero();
    }
}
