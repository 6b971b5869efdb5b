package com.omnichannel.gateway.platform.graphql;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;

import org.dataloader.DataLoader;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import io.smallrye.graphql.execution.datafetcher.BatchDataFetcher;
import io.smallrye.graphql.execution.datafetcher.helper.BatchLoaderHelper;
import io.smallrye.graphql.schema.model.Argument;
import io.smallrye.graphql.schema.model.Operation;

/**
 * Batched fields without arguments ({@code Product.variants}, {@code ProductVariant.availableToPromise}, ...) ask
 * their data loader directly. SmallRye's fetcher does that too, but first builds its per-call context, fires its
 * events and wraps the load in a reactive pipeline whose every step captures and restores the thread's contexts:
 * for a list of 20 products with their variants, 120 such calls, most of the cost of the list beside the engine's.
 * The key context is the one SmallRye's batch function reads (the field's arguments, none here, and the
 * environment), so the batch itself runs as before: one call of the resolver per batch, on the request's context.
 * Fields with arguments keep SmallRye's fetcher (it converts them).
 */
final class LightBatchLoads {

    private static final Field OPERATION = field("operation");
    private static final Field LOADER_NAME = field("batchLoaderName");

    private static volatile boolean seen;

    private LightBatchLoads() {
    }

    /** The light fetcher for SmallRye's batched field fetcher, or null where it does not apply. */
    static DataFetcher<?> of(DataFetcher<?> fetcher) {
        if (!(fetcher instanceof BatchDataFetcher<?>) || OPERATION == null || LOADER_NAME == null) {
            if (fetcher instanceof BatchDataFetcher<?>) {
                EnginePatches.notApplied(EnginePatches.Patch.LIGHT_BATCH_LOADS, "BatchDataFetcher without operation or batchLoaderName");
            }
            return null;
        }
        Operation operation;
        String loaderName;
        try {
            operation = (Operation) OPERATION.get(fetcher);
            loaderName = (String) LOADER_NAME.get(fetcher);
        } catch (IllegalAccessException | ClassCastException e) {
            EnginePatches.notApplied(EnginePatches.Patch.LIGHT_BATCH_LOADS, e.toString());
            return null;
        }
        if (operation == null || loaderName == null || !onlySource(operation.getArguments())) {
            return null;
        }
        return new Load(loaderName);
    }

    private static boolean onlySource(List<Argument> arguments) {
        if (arguments == null) {
            return true;
        }
        for (Argument argument : arguments) {
            if (!argument.isSourceArgument()) {
                return false;
            }
        }
        return true;
    }

    private record Load(String loaderName) implements DataFetcher<Object> {

        @Override
        public Object get(DataFetchingEnvironment environment) {
            if (HungUpClients.hungUp(environment.getGraphQlContext())) {
                throw new HungUpClients.HungUp();
            }
            if (!seen) {
                seen = true;
                EnginePatches.applied(EnginePatches.Patch.LIGHT_BATCH_LOADS);
            }
            DataLoader<Object, Object> loader = environment.getDataLoader(loaderName);
            return loader.load(environment.getSource(), Map.of(BatchLoaderHelper.ARGUMENTS, List.of(),
                    BatchLoaderHelper.DATA_FETCHING_ENVIRONMENT, environment));
        }
    }

    private static Field field(String name) {
        try {
            Field field = BatchDataFetcher.class.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
