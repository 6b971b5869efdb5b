package com.omnichannel.gateway.platform.graphql;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.quarkus.smallrye.graphql.runtime.spi.datafetcher.QuarkusDataFetcherService;
import io.smallrye.graphql.execution.datafetcher.PlugableBatchableDataFetcher;
import io.smallrye.graphql.schema.model.Operation;
import io.smallrye.graphql.schema.model.Type;
import io.smallrye.graphql.spi.DataFetcherService;

/**
 * The engine's data fetchers, made once per operation instead of once per request.
 * <p>
 * For every request the engine registers a batch loader for each batched field of the whole schema (about 30 here),
 * and each one was a new data fetcher whose construction looks up the resolver method's parameter classes by name:
 * about 5 % of the CPU of a cart read, whatever the query asked for. The fetchers hold no per-request state (the
 * same instance already serves every request as a field's fetcher), so one per operation serves all requests.
 * Registered through {@code META-INF/services} ahead of Quarkus' own service, which makes the fetchers. With the
 * {@link EnginePatches} off it makes none, and the engine asks Quarkus' service directly.
 */
public class SharedDataFetchers implements DataFetcherService {

    /** Operations and types are compared by identity: the engine passes the same model objects every time. */
    private record Key(String kind, Operation operation, Type type) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.kind == kind && k.operation == operation && k.type == type;
        }

        @Override
        public int hashCode() {
            return (kind.hashCode() * 31 + System.identityHashCode(operation)) * 31 + System.identityHashCode(type);
        }
    }

    private final QuarkusDataFetcherService quarkus = new QuarkusDataFetcherService();
    private final Map<Key, PlugableBatchableDataFetcher> fetchers = new ConcurrentHashMap<>();
    private final boolean enabled = EnginePatches.enabled();
    private volatile boolean reused;

    public SharedDataFetchers() {
        if (!enabled) {
            EnginePatches.off(EnginePatches.Patch.SHARED_DATA_FETCHERS);
        }
    }

    @Override
    public Integer getPriority() {
        // Lower runs first; Quarkus' service has 1.
        return 0;
    }

    @Override
    public PlugableBatchableDataFetcher getUniDataFetcher(Operation operation, Type type) {
        return shared("uni", operation, type, () -> quarkus.getUniDataFetcher(operation, type));
    }

    @Override
    public PlugableBatchableDataFetcher getCompletionStageDataFetcher(Operation operation, Type type) {
        return shared("completion-stage", operation, type, () -> quarkus.getCompletionStageDataFetcher(operation, type));
    }

    @Override
    public PlugableBatchableDataFetcher getDefaultDataFetcher(Operation operation, Type type) {
        return shared("default", operation, type, () -> quarkus.getDefaultDataFetcher(operation, type));
    }

    private PlugableBatchableDataFetcher shared(String kind, Operation operation, Type type,
            Supplier<PlugableBatchableDataFetcher> make) {
        if (!enabled) {
            return null;
        }
        Key key = new Key(kind, operation, type);
        PlugableBatchableDataFetcher fetcher = fetchers.get(key);
        boolean made = fetcher == null;
        if (made) {
            fetcher = make.get();
            if (fetcher != null) {
                PlugableBatchableDataFetcher earlier = fetchers.putIfAbsent(key, fetcher);
                fetcher = earlier != null ? earlier : fetcher;
            }
        } else if (!reused) {
            // The engine asked again for a fetcher it had been given: sharing is at work.
            reused = true;
            EnginePatches.applied(EnginePatches.Patch.SHARED_DATA_FETCHERS);
        }
        EnginePatches.dataFetcherAsked(made);
        return fetcher;
    }
}
