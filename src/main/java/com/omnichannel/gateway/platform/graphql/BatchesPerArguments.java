package com.omnichannel.gateway.platform.graphql;

import org.dataloader.DataLoader;
import org.dataloader.DataLoaderRegistry;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DelegatingDataFetchingEnvironment;
import graphql.schema.GraphQLFieldDefinition;
import io.smallrye.graphql.execution.datafetcher.BatchDataFetcher;

/**
 * A batched field asked for several times in one request with different arguments (aliases:
 * {@code a: storeAvailability(storeId: "1") b: storeAvailability(storeId: "2")}) gets each its own arguments.
 * <p>
 * SmallRye GraphQL gives each batched field one data loader per request, named after the field, and calls the
 * resolver once per batch with the arguments of the first value the batch was asked for, so every alias got the
 * answers for the first alias's arguments. Here every
 * distinct set of arguments of a batched field has a loader of its own (a copy of the field's, with the same batch
 * function and options): values asked for with the same arguments are still loaded together, in one batch, and the
 * loaders are dispatched as the engine's are (they are registered in the request's registry).
 */
final class BatchesPerArguments {

    /** Between a loader's name and the arguments of its copy; not in any field name. */
    private static final String WITH_ARGUMENTS = "#";

    /**
     * The fetcher as it is for fields without arguments or without batches; else one that asks per arguments.
     * Decided once per fetcher, where the engine's fetchers are replaced ({@link GatewayInstrumentation}).
     */
    DataFetcher<?> instrument(DataFetcher<?> original, DataFetcher<?> instrumented, GraphQLFieldDefinition field) {
        boolean perArguments = original instanceof BatchDataFetcher && !field.getArguments().isEmpty();
        return perArguments ? env -> instrumented.get(new LoaderPerArguments(env)) : instrumented;
    }

    private static final class LoaderPerArguments extends DelegatingDataFetchingEnvironment {

        LoaderPerArguments(DataFetchingEnvironment environment) {
            super(environment);
        }

        @Override
        public <K, V> DataLoader<K, V> getDataLoader(String dataLoaderName) {
            DataLoaderRegistry registry = delegateEnvironment.getDataLoaderRegistry();
            DataLoader<K, V> field = registry.getDataLoader(dataLoaderName);
            if (field == null) {
                return null;
            }
            // The coerced arguments, in the order the field declares them: equal arguments give equal keys.
            String key = dataLoaderName + WITH_ARGUMENTS + delegateEnvironment.getArguments();
            return registry.computeIfAbsent(key, name -> field.transform(copy -> copy.name(name)));
        }
    }
}
