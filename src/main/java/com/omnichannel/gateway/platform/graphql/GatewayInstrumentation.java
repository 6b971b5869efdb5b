package com.omnichannel.gateway.platform.graphql;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.dataloader.DataLoader;
import org.dataloader.DataLoaderRegistry;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.parameters.InstrumentationValidationParameters;
import graphql.introspection.Introspection;
import graphql.language.FragmentDefinition;
import graphql.validation.ValidationError;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLFieldDefinition;

/**
 * Everything this service adds to GraphQL execution, as one instrumentation: introspection switched off where
 * configured, trusted-operations-only channels ({@link TrustedOperationGuard}) and query limits before execution,
 * plain field reads during it ({@link PlainFieldFetching}), the error model after it
 * ({@link ErrorNormalizingInstrumentation}) and the answer's data written as JSON once ({@link EncodedAnswers}),
 * for the response cache and the HTTP answer alike. Plain field reads, dispatching only the used data loaders
 * ({@link UsedDataLoaders}) and handing SmallRye the written data are engine patches, left out when
 * {@link EnginePatches} are off.
 */
public class GatewayInstrumentation extends SimplePerformantInstrumentation {

    private final boolean introspectionEnabled;
    private final SimplePerformantInstrumentation[] limits;
    /** Null when the engine patches are off ({@link EnginePatches}). */
    private final PlainFieldFetching plainFields;
    private final boolean onlyUsedDataLoaders;
    /** Whether answers over HTTP go to SmallRye's writer as written JSON ({@link EncodedAnswers}). */
    private final boolean encodedAnswers;
    private final ErrorNormalizingInstrumentation errors = new ErrorNormalizingInstrumentation();
    private final BatchesPerArguments batchesPerArguments = new BatchesPerArguments();
    private final Map<DataFetcher<?>, DataFetcher<?>> replacedFetchers = new ConcurrentHashMap<>();
    private final OperationMetrics metrics = new OperationMetrics();
    private final TrustedOperationGuard trustedOperations = new TrustedOperationGuard();
    private final LazyBean<ResponseCache> responseCache = new LazyBean<>(ResponseCache.class);
    private final LazyBean<EngineDataLoaders> engineDataLoaders = new LazyBean<>(EngineDataLoaders.class);

    private final int maxFragments;

    public GatewayInstrumentation(boolean introspectionEnabled, int maxFragments, boolean enginePatched,
            SimplePerformantInstrumentation... limits) {
        this.introspectionEnabled = introspectionEnabled;
        this.maxFragments = maxFragments;
        this.limits = limits;
        this.plainFields = enginePatched ? new PlainFieldFetching() : null;
        this.onlyUsedDataLoaders = enginePatched;
        this.encodedAnswers = enginePatched && encodedAnswersFitSmallRye();
        if (!enginePatched) {
            EnginePatches.off(EnginePatches.Patch.PLAIN_FIELD_READS);
            EnginePatches.off(EnginePatches.Patch.NO_SELECTION_SET_COPY);
            EnginePatches.off(EnginePatches.Patch.USED_DATA_LOADERS);
            EnginePatches.off(EnginePatches.Patch.DATA_ENCODED_ONCE);
            EnginePatches.off(EnginePatches.Patch.PLANNED_QUERIES);
            EnginePatches.off(EnginePatches.Patch.BATCHES_FROM_PLANS);
        }
    }

    /** SmallRye adds the data to its answer as it is, unless it is to leave out null fields (it then reads it). */
    private static boolean encodedAnswersFitSmallRye() {
        if (io.smallrye.graphql.spi.config.Config.get().isExcludeNullFieldsInResponses()) {
            EnginePatches.notApplied(EnginePatches.Patch.DATA_ENCODED_ONCE, "null fields are left out of answers");
            return false;
        }
        return true;
    }

    /**
     * Refuses documents with more fragment definitions than allowed before they are validated: the engine's check
     * for fragment cycles grows with the cube of a chain of fragments that spread each other, and a few hundred
     * of them (a few kilobytes) took the event loop for seconds and the heap with it.
     */
    @Override
    public InstrumentationContext<List<ValidationError>> beginValidation(InstrumentationValidationParameters parameters,
            InstrumentationState state) {
        int fragments = parameters.getDocument().getDefinitionsOfType(FragmentDefinition.class).size();
        if (fragments > maxFragments) {
            throw new AbortExecutionException("The document defines " + fragments + " fragments; at most " + maxFragments
                    + " are allowed");
        }
        // Documents the engine's document cache knows are not validated again.
        EnginePatches.documentValidated();
        return super.beginValidation(parameters, state);
    }

    @Override
    public ExecutionInput instrumentExecutionInput(ExecutionInput executionInput, InstrumentationExecutionParameters parameters,
            InstrumentationState state) {
        if (!introspectionEnabled) {
            // The engine then answers __schema and __type with an error; __typename keeps working.
            executionInput.getGraphQLContext().put(Introspection.INTROSPECTION_DISABLED, true);
        }
        HungUpClients.remember(executionInput.getGraphQLContext());
        // SmallRye brings every loader of the schema, or none where they were made once (EngineDataLoaders).
        DataLoaderRegistry brought = executionInput.getDataLoaderRegistry();
        boolean everyLoader = !brought.getKeys().isEmpty();
        if (everyLoader) {
            EnginePatches.everyDataLoaderMade();
        }
        if (!onlyUsedDataLoaders) {
            return executionInput;
        }
        UsedDataLoaders loaders = everyLoader ? new UsedDataLoaders(brought) : loadersMadeOnce();
        return loaders == null ? executionInput : executionInput.transform(input -> input.dataLoaderRegistry(loaders));
    }

    private UsedDataLoaders loadersMadeOnce() {
        EngineDataLoaders engine = engineDataLoaders.get();
        Map<String, DataLoader<?, ?>> madeOnce = engine == null ? null : engine.loaders();
        return madeOnce == null ? null : UsedDataLoaders.copying(madeOnce);
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecution(InstrumentationExecutionParameters parameters,
            InstrumentationState state) {
        ResponseCache cache = responseCache.get();
        if (cache != null) {
            cache.beginExecution(parameters.getExecutionInput().getGraphQLContext());
        }
        return metrics.begin(parameters.getExecutionInput());
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
            InstrumentationState state) {
        OperationMetrics.rememberOperation(parameters.getExecutionContext());
        trustedOperations.check(parameters.getExecutionContext().getExecutionInput().getQuery());
        // Each limit aborts the execution (an error the client sees as BAD_USER_INPUT) when exceeded.
        for (SimplePerformantInstrumentation limit : limits) {
            limit.beginExecuteOperation(parameters, state);
        }
        return super.beginExecuteOperation(parameters, state);
    }

    /**
     * SmallRye's fetchers as they are replaced: plain reads ({@link PlainFieldFetching}), batches per arguments
     * ({@link BatchesPerArguments}). The engine asks for every field it fetches; the replacement is made the first
     * time and looked up after that, once per field.
     */
    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher, InstrumentationFieldFetchParameters parameters,
            InstrumentationState state) {
        DataFetcher<?> replaced = replacedFetchers.get(dataFetcher);
        if (replaced != null) {
            return replaced;
        }
        // The field's execution context is built only here, the first time: plain reads need none.
        return PlainFieldFetching.isSmallRyes(dataFetcher) ? fetcher(dataFetcher, parameters.getEnvironment().getFieldDefinition())
                : dataFetcher;
    }

    /**
     * The fetcher a field's own fetcher is replaced with, made the first time: for the engine
     * ({@link #instrumentDataFetcher}) and for the plans ({@link PlannedQueries}) alike.
     */
    DataFetcher<?> fetcher(DataFetcher<?> dataFetcher, GraphQLFieldDefinition field) {
        DataFetcher<?> replaced = replacedFetchers.get(dataFetcher);
        if (replaced == null) {
            if (!PlainFieldFetching.isSmallRyes(dataFetcher)) {
                return dataFetcher;
            }
            DataFetcher<?> instrumented = plainFields == null ? dataFetcher : plainFields.replacement(dataFetcher, field);
            replaced = batchesPerArguments.instrument(dataFetcher, instrumented, field);
            DataFetcher<?> earlier = replacedFetchers.putIfAbsent(dataFetcher, replaced);
            replaced = earlier != null ? earlier : replaced;
        }
        return replaced;
    }

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
            InstrumentationExecutionParameters parameters, InstrumentationState state) {
        CompletableFuture<ExecutionResult> normalized = errors.instrumentExecutionResult(result, parameters, state);
        ResponseCache cache = responseCache.get();
        graphql.GraphQLContext execution = parameters.getExecutionInput().getGraphQLContext();
        boolean encode = encodedAnswers && HungUpClients.overHttp(execution);
        if (cache == null && !encode) {
            return normalized;
        }
        return normalized.thenApply(answer -> {
            boolean kept = cache != null && cache.expected(execution);
            // Answers with errors are written by SmallRye, with its error format; they are not cached either.
            String data = (encode || kept) && answer.getErrors().isEmpty() && answer.isDataPresent()
                    ? EncodedAnswers.encode(answer.getData()) : null;
            if (kept) {
                cache.completed(data, execution);
            }
            return encode && data != null ? EncodedAnswers.withEncodedData(answer, data) : answer;
        });
    }
}
