package com.omnichannel.gateway.platform.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.platform.graphql.EnginePatches.Patch;
import com.omnichannel.gateway.platform.graphql.EnginePatches.State;
import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.TestData;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * With the engine patches switched off, the engine runs as SmallRye builds it and gives the same answers (the
 * operations of {@link EngineAnswers}): the switch is a safe way back when an upgrade breaks a patch.
 */
@QuarkusTest
@TestProfile(EnginePatchesOffTest.PatchesOff.class)
class EnginePatchesOffTest extends EngineAnswers {

    public static class PatchesOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(EnginePatches.ENABLED, "false");
        }
    }

    @Inject
    EnginePatches patches;

    @Test
    void no_patch_is_applied() {
        TestData.Ref category = category(TestData.unique("Unpatched lamps"));
        GraphQL.anonymous().ok(PRODUCTS, "first", 10, "cat", category.id());
        long withEveryLoader = EnginePatches.requestsWithEveryDataLoader();
        GraphQL.anonymous().ok(PRODUCTS, "first", 10, "cat", category.id());

        assertThat(patches.on()).isFalse();
        assertThat(patches.states()).allSatisfy((patch, state) -> assertThat(state).as(patch.name()).isEqualTo(State.OFF));
        assertThat(patches.states()).containsOnlyKeys(Patch.values());
        // SmallRye makes every data loader of the schema for the request, as it does without the patches.
        assertThat(EnginePatches.requestsWithEveryDataLoader() - withEveryLoader).isEqualTo(1);
    }
}
