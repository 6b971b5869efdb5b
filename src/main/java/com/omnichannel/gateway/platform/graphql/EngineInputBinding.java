package com.omnichannel.gateway.platform.graphql;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.CDI;

import com.omnichannel.gateway.platform.graphql.EnginePatches.Patch;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.graphql.execution.datafetcher.AbstractDataFetcher;
import io.smallrye.graphql.execution.datafetcher.BatchDataFetcher;
import io.smallrye.graphql.execution.datafetcher.helper.ArgumentHelper;
import io.smallrye.graphql.schema.model.Argument;
import io.smallrye.graphql.schema.model.Operation;
import io.smallrye.graphql.schema.model.ReferenceType;
import io.smallrye.graphql.transformation.AbstractDataFetcherException;

/**
 * Input objects bound straight into their records ({@link Patch#INPUTS_BOUND_DIRECTLY}, {@link InputRecords}) for
 * every field whose arguments hold one, instead of through JSON text. At start-up, each of SmallRye's fetchers with
 * such an argument (of root fields, and of batched fields such as a variant's {@code storeAvailability(near:)}, whose
 * arguments are converted once per batch by the plans) is given an argument helper that binds what
 * {@link InputRecords} binds and leaves everything else to SmallRye's own helper, of which it is a kind: arguments
 * that are no input objects, wrappers, defaults, transformations and errors take SmallRye's path as before.
 */
@ApplicationScoped
public class EngineInputBinding {

    void install(@Observes StartupEvent event) {
        Patch patch = Patch.INPUTS_BOUND_DIRECTLY;
        if (!EnginePatches.enabled()) {
            EnginePatches.off(patch);
            return;
        }
        InputRecords records;
        List<FetcherFields> kinds;
        try {
            records = InputRecords.of(EngineDataLoaders.model(EngineDataLoaders.engine()).getInputs());
            kinds = List.of(FetcherFields.of(AbstractDataFetcher.class), FetcherFields.of(BatchDataFetcher.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            EnginePatches.notApplied(patch, "no ExecutionService.schema, or no argumentHelper and operation in SmallRye's fetchers: " + e);
            return;
        }
        GraphQLSchema schema = CDI.current().select(GraphQLSchema.class).get();
        GraphQLCodeRegistry fetchers = schema.getCodeRegistry();
        int given = 0;
        try {
            for (GraphQLType type : schema.getAllTypesAsList()) {
                if (!(type instanceof GraphQLObjectType object)) {
                    continue;
                }
                for (GraphQLFieldDefinition field : object.getFieldDefinitions()) {
                    DataFetcher<?> fetcher = fetchers.getDataFetcher(FieldCoordinates.coordinates(object, field), field);
                    for (FetcherFields kind : kinds) {
                        if (kind.fetcherType().isInstance(fetcher) && bindDirectly(kind, fetcher, records)) {
                            given++;
                        }
                    }
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            EnginePatches.notApplied(patch, "a fetcher's argument helper could not be replaced: " + e);
            return;
        }
        if (given == 0) {
            EnginePatches.notApplied(patch, "no fetcher with an input record argument; input types bound here: " + records.boundTypes());
        } else {
            EnginePatches.applied(patch);
        }
    }

    /** Gives the fetcher the direct binding when one of its arguments is an input bound here. */
    private static boolean bindDirectly(FetcherFields kind, Object fetcher, InputRecords records) throws IllegalAccessException {
        Operation of = kind.operationOf(fetcher);
        if (!holdsBoundInput(of, records)) {
            return false;
        }
        kind.giveHelper(fetcher, new BoundInputArguments(of.getArguments(), records));
        return true;
    }

    private static boolean holdsBoundInput(Operation operation, InputRecords records) {
        for (Argument argument : operation.getArguments()) {
            if (argument.getReference().getType() == ReferenceType.INPUT && records.binds(argument.getReference().getClassName())) {
                return true;
            }
        }
        return false;
    }

    /**
     * SmallRye's argument helper, binding input objects with {@link InputRecords} where it can. SmallRye's helper
     * unwraps and transforms each argument, then hands the value to this step to be made the parameter's type; an
     * input object arrives here as the engine's map.
     */
    static final class BoundInputArguments extends ArgumentHelper {

        private final InputRecords records;

        BoundInputArguments(List<Argument> arguments, InputRecords records) {
            super(arguments);
            this.records = records;
        }

        @Override
        protected Object afterRecursiveTransform(Object value, io.smallrye.graphql.schema.model.Field field,
                DataFetchingEnvironment environment) throws AbstractDataFetcherException {
            if (value instanceof Map<?, ?> map && field.getReference().getType() == ReferenceType.INPUT && !shouldAdapt(field)) {
                Object bound = records.bind(field.getReference().getClassName(), map);
                if (bound != InputRecords.UNBOUND) {
                    return bound;
                }
            }
            return super.afterRecursiveTransform(value, field, environment);
        }
    }
}
