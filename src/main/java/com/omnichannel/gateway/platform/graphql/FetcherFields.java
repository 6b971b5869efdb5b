package com.omnichannel.gateway.platform.graphql;

import java.lang.reflect.Field;

import io.smallrye.graphql.execution.datafetcher.BatchDataFetcher;
import io.smallrye.graphql.execution.datafetcher.helper.ArgumentHelper;
import io.smallrye.graphql.schema.model.Operation;

/**
 * Where a kind of SmallRye's fetcher keeps its operation and its argument helper: the fetcher of a field
 * ({@code AbstractDataFetcher}), and that of a batched field, which converts the field's arguments before it asks the
 * field's data loader ({@code BatchDataFetcher}). The plans read a batched field's helper ({@link QueryPlan}); the
 * direct binding of inputs replaces it ({@link EngineInputBinding}).
 */
record FetcherFields(Class<?> fetcherType, Field operation, Field helper) {

    /** Those of batched fields' fetchers, or null when this SmallRye keeps them elsewhere. */
    static final FetcherFields BATCHED = orNull(BatchDataFetcher.class);

    static FetcherFields of(Class<?> fetcherType) throws ReflectiveOperationException {
        Field operation = fetcherType.getDeclaredField("operation");
        Field helper = fetcherType.getDeclaredField("argumentHelper");
        if (helper.getType() != ArgumentHelper.class || operation.getType() != Operation.class) {
            throw new NoSuchFieldException(fetcherType.getName() + " keeps no ArgumentHelper argumentHelper and Operation operation");
        }
        operation.setAccessible(true);
        helper.setAccessible(true);
        return new FetcherFields(fetcherType, operation, helper);
    }

    private static FetcherFields orNull(Class<?> fetcherType) {
        try {
            return of(fetcherType);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    Operation operationOf(Object fetcher) throws IllegalAccessException {
        return (Operation) operation.get(fetcher);
    }

    ArgumentHelper helperOf(Object fetcher) throws IllegalAccessException {
        return (ArgumentHelper) helper.get(fetcher);
    }

    void giveHelper(Object fetcher, ArgumentHelper replacement) throws IllegalAccessException {
        helper.set(fetcher, replacement);
    }
}
