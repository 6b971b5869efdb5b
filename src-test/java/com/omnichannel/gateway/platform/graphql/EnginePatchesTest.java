package com.omnichannel.gateway.platform.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.platform.graphql.EnginePatches.Patch;
import com.omnichannel.gateway.platform.graphql.EnginePatches.State;
import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.TestData;

import io.quarkus.test.junit.QuarkusTest;

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
    void data_fetchers_are_made_once_per_operation_not_with_every_request() {
        TestData.Ref category = category(TestData.unique("Shared fetcher lamps"));
        GraphQL.anonymous().ok(PRODUCTS, "first", 10, "cat", category.id());
        long asked = EnginePatches.dataFetchersAsked();
        long made = EnginePatches.dataFetchersMade();

        GraphQL.anonymous().ok(PRODUCTS, "first", 10, "cat", category.id());
        GraphQL.anonymous().ok(PRODUCTS, "first", 10, "cat", category.id());

        // The engine asks for a fetcher for every batched field of the schema with every request...
        assertThat(EnginePatches.dataFetchersAsked() - asked).isGreaterThanOrEqualTo(2 * 3);
        // ...and is given the one made before.
        assertThat(EnginePatches.dataFetchersMade() - made).isZero();
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
