package com.omnichannel.gateway.platform.graphql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

import org.dataloader.BatchLoaderEnvironment;
import org.dataloader.BatchLoaderWithContext;
import org.jboss.logging.Logger;

import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.GraphQLContext;
import graphql.collect.ImmutableMapWithNullValues;
import graphql.execution.DataFetcherResult;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStepInfo;
import graphql.execution.ExecutionStrategy;
import graphql.execution.ExecutionStrategyParameters;
import graphql.execution.NonNullableFieldWasNullException;
import graphql.execution.ResultPath;
import graphql.execution.ValuesResolver;
import graphql.language.OperationDefinition;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingEnvironmentImpl;
import graphql.schema.DataFetchingFieldSelectionSetImpl;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.LightDataFetcher;
import io.smallrye.graphql.execution.datafetcher.helper.ArgumentHelper;
import io.smallrye.graphql.execution.datafetcher.helper.BatchLoaderHelper;

import com.omnichannel.gateway.platform.graphql.QueryPlan.Leaf;
import com.omnichannel.gateway.platform.graphql.QueryPlan.ListOf;
import com.omnichannel.gateway.platform.graphql.QueryPlan.NonNull;
import com.omnichannel.gateway.platform.graphql.QueryPlan.Obj;
import com.omnichannel.gateway.platform.graphql.QueryPlan.PlannedField;
import com.omnichannel.gateway.platform.graphql.QueryPlan.Shape;

/**
 * Queries and mutations executed from a plan prepared once per operation ({@link QueryPlan}), instead of the
 * engine's general path per field. The engine decides, for every field of every object of every answer, which fields are selected, their
 * definitions, their fetchers, the instrumentation around each fetch and how to complete the value, and builds an
 * execution context for each; for an answer of hundreds of fields that was a fifth of a signed-in read's CPU. Here
 * those decisions are made the first time an operation is executed, and executing it walks the plan: plain values
 * are read and completed directly, resolvers are called through the same fetchers as the engine's (given the
 * environment they read), a batched field's batch function is called once per level for every object that
 * selects it (as its data loader would, without SmallRye's fetcher per object), the other batch loads of one level
 * are dispatched together, and the answer is the same map of values the engine builds.
 * <p>
 * The plan covers answers without errors. Whatever else happens (a resolver fails or answers with errors, a
 * non-null field is null, a value cannot be serialized) the query is executed again by the engine, from the start,
 * which gives the answer with its errors, paths and nulls as it always did. The root fields are not called twice:
 * the engine is handed what each of them answered ({@link #fetchedBefore}) and completes that, so a mutation (an
 * operation of one mutation field) runs once and a query field whose every call counts against a limit counts
 * once; the fields below the root only read, and are fetched again. Operations that are not planned
 * ({@link QueryPlan}) go to the engine directly.
 */
final class PlannedQueries extends ExecutionStrategy {

    private static final Logger LOG = Logger.getLogger(PlannedQueries.class);

    private final ExecutionStrategy engine;
    private final BiFunction<DataFetcher<?>, GraphQLFieldDefinition, DataFetcher<?>> fetchers;
    /**
     * Plans by operation, as long as the operation's document is kept ({@link ValidatedDocuments}): a plan holds
     * parts of its document but not the operation itself, so this adds nothing to what the document cache holds.
     */
    private final Map<OperationDefinition, Optional<QueryPlan>> plans = Collections.synchronizedMap(new WeakHashMap<>());
    private static volatile boolean answerSeen;
    private static volatile boolean batchesSeen;

    /**
     * The context key under which a plan left to the engine hands it what the root fields answered: a map from
     * result key to the fetcher's value, as a future.
     */
    private static final String FETCHED_ROOT_FIELDS = PlannedQueries.class.getName() + ".fetchedRootFields";

    /**
     * What the plan's run fetched for this field, when the field is a root field of an operation the plan ran and
     * then left to the engine: the engine is to complete that (with its errors, if any), not call the resolver
     * again. Null for every other field. Asked by the engine's fetchers before they call a resolver.
     */
    static Object fetchedBefore(DataFetchingEnvironment environment) {
        GraphQLContext context = environment.getGraphQlContext();
        if (!context.hasKey(FETCHED_ROOT_FIELDS) || environment.getExecutionStepInfo().getPath().getLevel() != 1) {
            return null;
        }
        Map<String, CompletableFuture<?>> fetched = context.get(FETCHED_ROOT_FIELDS);
        // Taken, not read: should the engine fetch the field again for any reason, the resolver runs.
        return fetched.remove(environment.getMergedField().getResultKey());
    }

    PlannedQueries(ExecutionStrategy engine, BiFunction<DataFetcher<?>, GraphQLFieldDefinition, DataFetcher<?>> fetchers) {
        this.engine = engine;
        this.fetchers = fetchers;
    }

    @Override
    public CompletableFuture<ExecutionResult> execute(ExecutionContext execution, ExecutionStrategyParameters parameters) {
        QueryPlan plan = plan(execution, parameters);
        if (plan == null) {
            return engine.execute(execution, parameters);
        }
        CompletableFuture<ExecutionResult> answer = new CompletableFuture<>();
        CompletableFuture<Map<String, Object>> data;
        Run run = new Run(execution, plan, parameters);
        try {
            data = run.start();
        } catch (RuntimeException notFromThePlan) {
            data = CompletableFuture.failedFuture(notFromThePlan);
        }
        data.whenComplete((values, failed) -> {
            Throwable failure = failed instanceof CompletionException wrapped && wrapped.getCause() != null ? wrapped.getCause() : failed;
            EnginePatches.planExecuted(failure == null);
            if (failure == null) {
                if (!answerSeen) {
                    answerSeen = true;
                    EnginePatches.applied(EnginePatches.Patch.PLANNED_QUERIES);
                }
                answer.complete(new ExecutionResultImpl(values, List.of()));
                return;
            }
            // The engine's answer, with its errors.
            if (LOG.isDebugEnabled()) {
                LOG.debugf("Query %s executed again by the engine: %s", execution.getOperationDefinition().getName(),
                        failure instanceof NotPlanned ? "an error, a null or a value outside the plan" : failure);
            }
            if (!run.rootFetched.isEmpty()) {
                // The root fields ran: the engine completes what they answered instead of calling them again.
                execution.getGraphQLContext().put(FETCHED_ROOT_FIELDS, run.rootFetched);
            }
            try {
                engine.execute(execution, parameters).whenComplete((result, engineFailure) -> {
                    if (engineFailure != null) {
                        answer.completeExceptionally(engineFailure);
                    } else {
                        answer.complete(result);
                    }
                });
            } catch (NonNullableFieldWasNullException nullAnswer) {
                // As the engine's execution answers it: null data with the errors.
                answer.complete(new ExecutionResultImpl(null, execution.getErrors()));
            } catch (RuntimeException engineFailure) {
                answer.completeExceptionally(engineFailure);
            }
        });
        return answer;
    }

    private QueryPlan plan(ExecutionContext execution, ExecutionStrategyParameters parameters) {
        OperationDefinition operation = execution.getOperationDefinition();
        if (operation.getOperation() == OperationDefinition.Operation.SUBSCRIPTION) {
            return null;
        }
        Optional<QueryPlan> plan = plans.get(operation);
        if (plan == null) {
            plan = Optional.ofNullable(QueryPlan.of(execution, parameters.getFields(), fetchers));
            plans.put(operation, plan);
        }
        return plan.orElse(null);
    }

    /** Something the plan does not answer: the engine executes the operation instead. */
    private static final class NotPlanned extends RuntimeException {

        private static final NotPlanned INSTANCE = new NotPlanned();

        private NotPlanned() {
            super("not answered from the plan", null, false, false);
        }
    }

    /**
     * Where a value sits in the answer: below which object, in which field, at which list index (or -1). Its path
     * and execution step, which only the engine's fetchers read, are made when one asks.
     */
    private static final class Where {

        private final Where parent;
        private final PlannedField field;
        private final int index;
        private ResultPath path;
        private ExecutionStepInfo step;

        Where(Where parent, PlannedField field, int index) {
            this.parent = parent;
            this.field = field;
            this.index = index;
        }

        /** The operation's root object. */
        Where(ExecutionStepInfo rootStep) {
            this.parent = null;
            this.field = null;
            this.index = -1;
            this.path = rootStep.getPath();
            this.step = rootStep;
        }

        ResultPath path() {
            if (path == null) {
                ResultPath fieldPath = parent.path().segment(field.key());
                path = index < 0 ? fieldPath : fieldPath.segment(index);
            }
            return path;
        }

        ExecutionStepInfo step(Run run) {
            if (step == null) {
                step = run.step(field, parent.step(run), path());
            }
            return step;
        }
    }

    /** A value being fetched, to complete into its object when its level's fetches are done. */
    private record Pending(CompletableFuture<?> value, PlannedField field, Map<String, Object> object, Where where) {
    }

    /** An object of a level that selects a batched field: its source, and the answer's object the value goes in. */
    private record Slot(Object source, Map<String, Object> object, Where where) {
    }

    /**
     * A batched field's values for every object of a level that selects it, asked of its batch function in one
     * call, and, once asked, the values (in the slots' order).
     */
    private static final class Batch {

        final PlannedField field;
        final BatchLoaderWithContext<Object, Object> function;
        final List<Slot> slots = new ArrayList<>();
        CompletableFuture<List<Object>> values;

        Batch(PlannedField field, BatchLoaderWithContext<Object, Object> function) {
            this.field = field;
            this.function = function;
        }
    }

    private final class Run {

        private final ExecutionContext execution;
        private final QueryPlan plan;
        private final ExecutionStrategyParameters parameters;
        private final GraphQLContext context;
        /** The coerced arguments of each field of the plan, made the first time the field is fetched. */
        private final Object[] arguments;
        private List<Pending> pending = new ArrayList<>();
        /** The batched fields of the level being fetched, asked for when the level is complete. */
        private Map<PlannedField, Batch> batches = new LinkedHashMap<>();
        /** The batch function of each batched field of the plan, looked up once per run (false: none usable). */
        private final Object[] batchFunctions;
        /** What each root field gave, by result key, once it ran. */
        private final Map<String, CompletableFuture<?>> rootFetched = new ConcurrentHashMap<>();

        Run(ExecutionContext execution, QueryPlan plan, ExecutionStrategyParameters parameters) {
            this.execution = execution;
            this.plan = plan;
            this.parameters = parameters;
            this.context = execution.getGraphQLContext();
            this.arguments = new Object[plan.fieldCount()];
            this.batchFunctions = new Object[plan.fieldCount()];
        }

        CompletableFuture<Map<String, Object>> start() {
            Map<String, Object> data = object(plan.root(), parameters.getSource(), new Where(parameters.getExecutionStepInfo()));
            return levels().thenApply(done -> data);
        }

        /**
         * Asks for the batches of a level and dispatches its batch loads, then completes its values, which may start
         * the next level.
         */
        private CompletableFuture<Void> levels() {
            if (pending.isEmpty() && batches.isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            List<Pending> level = pending;
            pending = new ArrayList<>();
            List<Batch> levelBatches = new ArrayList<>(batches.values());
            batches = new LinkedHashMap<>();
            CompletableFuture<?>[] values = new CompletableFuture<?>[level.size() + levelBatches.size()];
            for (int i = 0; i < levelBatches.size(); i++) {
                Batch batch = levelBatches.get(i);
                batch.values = ask(batch);
                values[level.size() + i] = batch.values;
            }
            execution.getDataLoaderRegistry().dispatchAll();
            for (int i = 0; i < level.size(); i++) {
                values[i] = level.get(i).value();
            }
            return CompletableFuture.allOf(values).thenCompose(done -> {
                for (Pending fetched : level) {
                    PlannedField field = fetched.field();
                    fetched.object().put(field.key(), complete(field.shape(), fetched(fetched.value().join()), fetched.where(), field, -1));
                }
                for (Batch batch : levelBatches) {
                    List<Object> batchValues = batch.values.join();
                    if (batchValues == null || batchValues.size() != batch.slots.size()) {
                        throw NotPlanned.INSTANCE;
                    }
                    PlannedField field = batch.field;
                    for (int i = 0; i < batchValues.size(); i++) {
                        Slot slot = batch.slots.get(i);
                        slot.object().put(field.key(), complete(field.shape(), fetched(batchValues.get(i)), slot.where(), field, -1));
                    }
                }
                return levels();
            });
        }

        /**
         * Calls a batched field's batch function once for every object of the level, as its data loader would
         * when dispatched, with the key context SmallRye's own fetcher gives the first key: the field's arguments
         * as the resolver takes them (the same for every object: they come from the operation) and the first
         * object's environment. SmallRye's fetcher, asked once per object, built its context, fired its events,
         * converted the arguments and wrapped each load in a reactive pipeline that captured and restored the
         * thread's contexts at every step.
         */
        private CompletableFuture<List<Object>> ask(Batch batch) {
            if (HungUpClients.hungUp(context)) {
                return CompletableFuture.failedFuture(new HungUpClients.HungUp());
            }
            try {
                Slot first = batch.slots.get(0);
                DataFetchingEnvironment environment = PlainFieldFetching.withoutSelectionSet(environment(batch.field, first.source(), first.where()));
                List<Object> sources = new ArrayList<>(batch.slots.size());
                for (Slot slot : batch.slots) {
                    sources.add(slot.source());
                }
                ArgumentHelper converter = batch.field.batched().arguments();
                List<Object> arguments = converter == null ? List.of() : converter.getArguments(environment, true);
                Map<String, Object> keyContext = Map.of(BatchLoaderHelper.ARGUMENTS, arguments,
                        BatchLoaderHelper.DATA_FETCHING_ENVIRONMENT, environment);
                BatchLoaderEnvironment batchEnvironment = BatchLoaderEnvironment.newBatchLoaderEnvironment()
                        .keyContexts(sources, Collections.nCopies(sources.size(), keyContext)).build();
                return batch.function.load(sources, batchEnvironment).toCompletableFuture();
            } catch (Exception e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        /** The batch function of a batched field's data loader, or null where it has none to call directly. */
        @SuppressWarnings("unchecked")
        private BatchLoaderWithContext<Object, Object> batchFunction(PlannedField field) {
            Object known = batchFunctions[field.index()];
            if (known == null) {
                String name = field.batched().loaderName();
                Object function = UsedDataLoaders.batchLoadFunction(execution.getDataLoaderRegistry(), name);
                known = function instanceof BatchLoaderWithContext<?, ?> ? function : Boolean.FALSE;
                if (!batchesSeen) {
                    // Said once: whether batched fields are asked for directly (else SmallRye's fetcher runs per object).
                    batchesSeen = true;
                    if (known == Boolean.FALSE) {
                        EnginePatches.notApplied(EnginePatches.Patch.BATCHES_FROM_PLANS, "data loader " + name
                                + (function == null ? " not registered" : " with a batch function of " + function.getClass().getName()));
                    } else {
                        EnginePatches.applied(EnginePatches.Patch.BATCHES_FROM_PLANS);
                    }
                }
                batchFunctions[field.index()] = known;
            }
            return known instanceof BatchLoaderWithContext<?, ?> function ? (BatchLoaderWithContext<Object, Object>) function : null;
        }

        private Map<String, Object> object(Obj shape, Object source, Where where) {
            PlannedField[] fields = shape.fields();
            Map<String, Object> object = new LinkedHashMap<>(fields.length * 4 / 3 + 1);
            for (PlannedField field : fields) {
                if (field.typename()) {
                    object.put(field.key(), shape.type().getName());
                    continue;
                }
                BatchLoaderWithContext<Object, Object> function = field.batched() == null ? null : batchFunction(field);
                if (function != null) {
                    // Keeps the field's place in the answer until its batch is answered.
                    object.put(field.key(), null);
                    batches.computeIfAbsent(field, f -> new Batch(f, function)).slots.add(new Slot(source, object, where));
                    continue;
                }
                Object value = fetch(field, source, where);
                if (value instanceof CompletionStage<?> stage) {
                    // Keeps the field's place in the answer until its value comes.
                    object.put(field.key(), null);
                    pending.add(new Pending(stage.toCompletableFuture(), field, object, where));
                } else {
                    object.put(field.key(), complete(field.shape(), fetched(value), where, field, -1));
                }
            }
            return object;
        }

        private Object fetch(PlannedField field, Object source, Where where) {
            DataFetcher<?> fetcher = field.fetcher();
            boolean root = where.field == null;
            Object value;
            try {
                value = fetcher instanceof LightDataFetcher<?> light
                        ? light.get(field.definition(), source, () -> environment(field, source, where))
                        : fetcher.get(environment(field, source, where));
            } catch (Exception e) {
                if (root) {
                    rootFetched.put(field.key(), CompletableFuture.failedFuture(e));
                }
                throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
            }
            if (root) {
                // The future itself, not one that depends on it: the engine reads a failure as the fetcher gave it.
                rootFetched.put(field.key(), value instanceof CompletionStage<?> stage ? stage.toCompletableFuture()
                        : CompletableFuture.completedFuture(value));
            }
            return value;
        }

        /** A fetched value as the engine takes it: the data of a fetcher's result, without errors, unboxed. */
        private Object fetched(Object value) {
            if (value instanceof DataFetcherResult<?> result) {
                if (result.hasErrors()) {
                    throw NotPlanned.INSTANCE;
                }
                value = result.getData();
            }
            return execution.getValueUnboxer().unbox(value);
        }

        /**
         * A value completed as its field's type says. {@code index} is the position in the list the value is an
         * item of, or -1.
         */
        private Object complete(Shape shape, Object value, Where where, PlannedField field, int index) {
            if (shape instanceof NonNull nonNull) {
                Object completed = complete(nonNull.inner(), value, where, field, index);
                if (completed == null) {
                    throw NotPlanned.INSTANCE;
                }
                return completed;
            }
            if (value == null) {
                return null;
            }
            if (shape instanceof Leaf leaf) {
                return leaf.scalar() != null ? leaf.scalar().getCoercing().serialize(value, context, execution.getLocale())
                        : leaf.enumType().serialize(value, context, execution.getLocale());
            }
            if (shape instanceof ListOf list) {
                Iterable<?> items = value instanceof Iterable<?> iterable ? iterable
                        : value instanceof Object[] array ? Arrays.asList(array) : null;
                if (items == null) {
                    throw NotPlanned.INSTANCE;
                }
                List<Object> completed = items instanceof java.util.Collection<?> c ? new ArrayList<>(c.size()) : new ArrayList<>();
                int i = 0;
                for (Object item : items) {
                    completed.add(complete(list.inner(), execution.getValueUnboxer().unbox(item), where, field, i++));
                }
                return completed;
            }
            return object((Obj) shape, value, new Where(where, field, index));
        }

        /** The environment the engine gives a fetcher, for the fetchers that read one. */
        private DataFetchingEnvironment environment(PlannedField field, Object source, Where where) {
            ExecutionStepInfo step = step(field, where.step(this), where.path().segment(field.key()));
            return DataFetchingEnvironmentImpl.newDataFetchingEnvironment(execution)
                    .source(source)
                    .localContext(parameters.getLocalContext())
                    .arguments(step::getArguments)
                    .fieldDefinition(field.definition())
                    .mergedField(field.merged())
                    .fieldType(field.definition().getType())
                    .executionStepInfo(step)
                    .parentType(field.parent())
                    // As the engine gives it: computed from the normalized operation only when a fetcher asks.
                    .selectionSet(DataFetchingFieldSelectionSetImpl.newCollector(execution.getGraphQLSchema(),
                            field.definition().getType(), () -> execution.getNormalizedQueryTree().get()
                                    .getNormalizedField(field.merged(), field.parent(), step.getPath())))
                    .build();
        }

        private ExecutionStepInfo step(PlannedField field, ExecutionStepInfo parent, ResultPath path) {
            return ExecutionStepInfo.newExecutionStepInfo()
                    .type(field.definition().getType())
                    .fieldDefinition(field.definition())
                    .fieldContainer(field.parent())
                    .field(field.merged())
                    .path(path)
                    .parentInfo(parent)
                    .arguments(() -> arguments(field))
                    .build();
        }

        @SuppressWarnings("unchecked")
        private ImmutableMapWithNullValues<String, Object> arguments(PlannedField field) {
            Object known = arguments[field.index()];
            if (known == null) {
                known = field.definition().getArguments().isEmpty() ? ImmutableMapWithNullValues.emptyMap()
                        : ImmutableMapWithNullValues.copyOf(ValuesResolver.getArgumentValues(
                                execution.getGraphQLSchema().getCodeRegistry(), field.definition().getArguments(),
                                field.merged().getArguments(), execution.getCoercedVariables(), context, execution.getLocale()));
                arguments[field.index()] = known;
            }
            return (ImmutableMapWithNullValues<String, Object>) known;
        }
    }
}
