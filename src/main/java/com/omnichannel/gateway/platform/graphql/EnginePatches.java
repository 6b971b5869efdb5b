package com.omnichannel.gateway.platform.graphql;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * The changes this service makes inside the GraphQL engine to make it faster, whether they are on
 * ({@value #ENABLED}, default true) and, for each, whether it took hold in the engine on the classpath.
 * <p>
 * Each one relies on how a given version of SmallRye GraphQL or graphql-java works inside; an upgrade can make one
 * stop applying without anything failing, only slower. So each reports here when it applies or when it finds the
 * engine is not as it expects (logged at WARN, once), and {@code EnginePatchesTest} asserts that all applied.
 * Switched off, the engine runs as SmallRye builds it, with this service's instrumentation chained to its own: the
 * same answers, at the engine's own cost.
 * <p>
 * The engine's parts are made by service loaders and by the engine itself, not by CDI, and some of them before the
 * container is up: hence the state is kept statically (one engine per application).
 */
@ApplicationScoped
public class EnginePatches {

    private static final Logger LOG = Logger.getLogger(EnginePatches.class);

    static final String ENABLED = "app.graphql.engine-patches.enabled";

    /** The patches, each named after what it spares the engine. */
    public enum Patch {
        /** No field-blocking rule run for every field when field visibility is at its default. */
        DEFAULT_FIELD_VISIBILITY,
        /** The document cache is handed the validation step directly, without an instrumentation chain. */
        DOCUMENT_CACHE_WITHOUT_CHAIN,
        /** Only the data loaders a request used are dispatched. */
        USED_DATA_LOADERS,
        /** The schema's data loaders are made once, at start-up, and copied when a request asks for one. */
        DATA_LOADERS_MADE_ONCE,
        /** Plain record fields read through their accessor instead of the engine's property fetcher. */
        PLAIN_FIELD_READS,
        /** The engine's fetchers are given no selection set to copy. */
        NO_SELECTION_SET_COPY,
        /** SmallRye reads a request's document from the validated documents instead of parsing it again. */
        NO_SECOND_PARSE,
        /** An answer's data is written as JSON text once ({@link EncodedAnswers}), not copied into a JSON tree first. */
        DATA_ENCODED_ONCE,
        /** Queries executed from a plan prepared once per operation ({@link PlannedQueries}), not field by field. */
        PLANNED_QUERIES,
        /** A plan asks a batched field's batch function once per level, not SmallRye's fetcher once per object. */
        BATCHES_FROM_PLANS,
        /** Input objects bound straight into their records ({@link InputRecords}), not through JSON text. */
        INPUTS_BOUND_DIRECTLY
    }

    /** What became of a patch. */
    public enum State {
        /** Not yet known: the engine builds some parts on its first request. */
        PENDING,
        APPLIED,
        /** The engine is not as the patch expects; it runs as SmallRye made it. */
        NOT_APPLIED,
        /** Configuration already spares the engine what the patch would (e.g. a field visibility of its own). */
        NOT_NEEDED,
        /** {@value EnginePatches#ENABLED} is false. */
        OFF
    }

    private static final Map<Patch, State> STATES = new EnumMap<>(Patch.class);
    private static final LongAdder VALIDATIONS = new LongAdder();
    private static final LongAdder SECOND_PARSES = new LongAdder();
    private static final LongAdder EVERY_DATA_LOADER = new LongAdder();
    private static final LongAdder PLANNED_ANSWERS = new LongAdder();
    private static final LongAdder PLANS_LEFT = new LongAdder();

    static {
        for (Patch patch : Patch.values()) {
            STATES.put(patch, State.PENDING);
        }
    }

    /** Whether the patches are on; each part of the engine asks once, when it is made. */
    static boolean enabled() {
        return ConfigProvider.getConfig().getOptionalValue(ENABLED, Boolean.class).orElse(true);
    }

    static void applied(Patch patch) {
        record(patch, State.APPLIED, null);
    }

    static void notNeeded(Patch patch) {
        record(patch, State.NOT_NEEDED, null);
    }

    static void off(Patch patch) {
        record(patch, State.OFF, null);
    }

    /** The engine is not as the patch expects: said once, at WARN, with what was found instead. */
    static void notApplied(Patch patch, String found) {
        record(patch, State.NOT_APPLIED, found);
    }

    private static void record(Patch patch, State state, String found) {
        State before;
        synchronized (STATES) {
            before = STATES.put(patch, state);
        }
        if (state == State.NOT_APPLIED && before != State.NOT_APPLIED) {
            LOG.warnf("GraphQL engine patch %s does not apply to this engine (%s); the engine runs without it there",
                    patch, found);
        }
    }

    // ---- what the engine did, for the tests that notice when a patch stops applying

    /** A document was validated: the engine's document cache did not know it. */
    static void documentValidated() {
        VALIDATIONS.increment();
    }

    /** A request came with a data loader for every batched field of the schema, made for it by SmallRye. */
    static void everyDataLoaderMade() {
        EVERY_DATA_LOADER.increment();
    }

    /** A query answered from its plan ({@code answered}), or left to the engine after its plan was started. */
    static void planExecuted(boolean answered) {
        (answered ? PLANNED_ANSWERS : PLANS_LEFT).increment();
    }

    public static long plannedAnswers() {
        return PLANNED_ANSWERS.sum();
    }

    public static long plansLeftToTheEngine() {
        return PLANS_LEFT.sum();
    }

    /** SmallRye parsed a request's document once more: the validated documents did not have it. */
    static void documentParsedAgain() {
        SECOND_PARSES.increment();
    }

    public static long documentsParsedAgain() {
        return SECOND_PARSES.sum();
    }

    public static long documentValidations() {
        return VALIDATIONS.sum();
    }

    public static long requestsWithEveryDataLoader() {
        return EVERY_DATA_LOADER.sum();
    }

    /** Each patch and what became of it. */
    public Map<Patch, State> states() {
        synchronized (STATES) {
            return Map.copyOf(STATES);
        }
    }

    public boolean on() {
        return enabled();
    }

    void reportAtStartUp(@Observes StartupEvent event) {
        if (!enabled()) {
            LOG.infof("GraphQL engine patches are off (%s=false): the engine runs as SmallRye builds it", ENABLED);
            return;
        }
        // The schema's patch is known now; those of the execution engine when it is built, on the first request.
        LOG.debugf("GraphQL engine patches at start-up: %s", states());
    }
}
