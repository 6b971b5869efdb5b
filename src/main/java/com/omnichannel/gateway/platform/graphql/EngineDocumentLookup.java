package com.omnichannel.gateway.platform.graphql;

import java.lang.reflect.Field;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.omnichannel.gateway.platform.graphql.EnginePatches.Patch;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ClientProxy;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.graphql.execution.ExecutionService;
import io.smallrye.graphql.execution.QueryCache;

/**
 * Spares SmallRye a second parse of every request's document ({@link Patch#NO_SECOND_PARSE}).
 * <p>
 * Before it runs the engine, SmallRye reads the request's document to learn its operation types, through its own
 * document cache ({@link QueryCache}). That cache is filled only by its part in the engine's validation step, which
 * {@link ValidatedDocuments} took over (bounded by memory): so it stayed empty, and SmallRye parsed each request's
 * document once more, about a tenth of the CPU of an add-to-cart. Here its cache is replaced, at start-up, by one
 * that answers from {@link ValidatedDocuments}; a document it does not know (new, or invalid) is parsed as before.
 */
@ApplicationScoped
public class EngineDocumentLookup {

    private static final String FIELD = "queryCache";

    void install(@Observes StartupEvent event) {
        if (!EnginePatches.enabled()) {
            EnginePatches.off(Patch.NO_SECOND_PARSE);
            return;
        }
        try {
            ExecutionService engine = ClientProxy.unwrap(Arc.container().instance(ExecutionService.class).get());
            Field cache = ExecutionService.class.getDeclaredField(FIELD);
            if (cache.getType() != QueryCache.class) {
                EnginePatches.notApplied(Patch.NO_SECOND_PARSE, "ExecutionService." + FIELD + " is a " + cache.getType().getName());
                return;
            }
            cache.setAccessible(true);
            cache.set(engine, new ValidatedDocumentReads());
            EnginePatches.applied(Patch.NO_SECOND_PARSE);
        } catch (ReflectiveOperationException | RuntimeException e) {
            EnginePatches.notApplied(Patch.NO_SECOND_PARSE, "no replaceable ExecutionService." + FIELD + ": " + e);
        }
    }

    /** SmallRye's document reads, answered from the engine's validated documents where it has them. */
    static final class ValidatedDocumentReads extends QueryCache {

        @Override
        public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
                Function<ExecutionInput, PreparsedDocumentEntry> parse) {
            ValidatedDocuments documents = GatewayGraphQLCustomizer.engineDocuments();
            PreparsedDocumentEntry known = documents == null ? null : documents.known(input.getQuery());
            if (known != null) {
                return CompletableFuture.completedFuture(known);
            }
            EnginePatches.documentParsedAgain();
            return CompletableFuture.completedFuture(parse.apply(input));
        }
    }
}
