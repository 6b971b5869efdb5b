package com.omnichannel.gateway.platform.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.platform.graphql.EnginePatches.Patch;
import com.omnichannel.gateway.platform.graphql.EnginePatches.State;
import com.omnichannel.gateway.support.GraphQL;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * An engine that is not as a patch expects is noticed, and the engine keeps working without that patch: here
 * SmallRye's own depth analysis joins the engine's instrumentation, so its document cache is no longer alone there
 * and cannot be handed the validation step directly.
 */
@QuarkusTest
@TestProfile(EnginePatchNotApplyingTest.EngineDepthAnalysis.class)
class EnginePatchNotApplyingTest {

    public static class EngineDepthAnalysis implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.smallrye-graphql.instrumentation-query-depth", "1000");
        }
    }

    @Inject
    EnginePatches patches;

    @Test
    void the_patch_reports_that_it_did_not_apply_and_the_document_cache_still_works() {
        String document = "query NotApplying" + System.nanoTime() + " { categories { id } }";
        GraphQL.anonymous().ok(document);
        long validations = EnginePatches.documentValidations();
        GraphQL.anonymous().ok(document);

        assertThat(patches.states()).containsEntry(Patch.DOCUMENT_CACHE_WITHOUT_CHAIN, State.NOT_APPLIED);
        assertThat(EnginePatches.documentValidations()).as("the engine's document cache, chained").isEqualTo(validations);
    }
}
