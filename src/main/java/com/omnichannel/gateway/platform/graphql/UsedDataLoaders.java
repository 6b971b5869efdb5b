package com.omnichannel.gateway.platform.graphql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.dataloader.DataLoader;
import org.dataloader.DataLoaderRegistry;
import org.dataloader.instrumentation.DataLoaderInstrumentation;
import org.dataloader.stats.Statistics;

import com.omnichannel.gateway.platform.graphql.EnginePatches.Patch;

/**
 * One request's data loaders, dispatching only those the request used.
 * <p>
 * The engine registers a loader for every batched field of the schema (about 30 here) with every request, and
 * dispatches all of them after each level of the answer, though a request uses a few: about 5 % of an add-to-cart's
 * CPU went to dispatching empty loaders. The engine reaches loaders only through {@link #getDataLoader} and
 * dispatches through {@link #dispatchAll}; this registry remembers which loaders were asked for and dispatches
 * those. A request's fields are resolved on one thread at a time (its event loop), but the list is guarded anyway.
 * <p>
 * Every public method of the registry is overridden (a test checks it): one this class did not know of would
 * otherwise answer from the empty registry it extends. Those the engine is not expected to call answer from the
 * request's full registry and report that the patch no longer applies as designed.
 */
final class UsedDataLoaders extends DataLoaderRegistry {

    /** Set once the engine has dispatched a used loader through this registry (the patch applies). */
    private static volatile boolean seenAtWork;

    private final DataLoaderRegistry all;
    private final List<DataLoader<?, ?>> used = new ArrayList<>(4);

    UsedDataLoaders(DataLoaderRegistry all) {
        this.all = all;
    }

    @Override
    public <K, V> DataLoader<K, V> getDataLoader(String key) {
        return use(all.getDataLoader(key));
    }

    @Override
    public <K, V> DataLoader<K, V> computeIfAbsent(String key, Function<String, DataLoader<?, ?>> mappingFunction) {
        return use(all.computeIfAbsent(key, mappingFunction));
    }

    @Override
    public <K, V> DataLoader<K, V> registerAndGet(String key, DataLoader<?, ?> dataLoader) {
        return use(all.registerAndGet(key, dataLoader));
    }

    private <K, V> DataLoader<K, V> use(DataLoader<K, V> loader) {
        if (loader != null) {
            synchronized (used) {
                if (!used.contains(loader)) {
                    used.add(loader);
                }
            }
        }
        return loader;
    }

    @Override
    public void dispatchAll() {
        dispatchAllWithCount();
    }

    @Override
    public int dispatchAllWithCount() {
        int dispatched = 0;
        for (DataLoader<?, ?> loader : snapshot()) {
            dispatched += loader.dispatchWithCounts().getKeysCount();
        }
        if (dispatched > 0 && !seenAtWork) {
            seenAtWork = true;
            EnginePatches.applied(Patch.USED_DATA_LOADERS);
        }
        return dispatched;
    }

    @Override
    public int dispatchDepth() {
        int depth = 0;
        for (DataLoader<?, ?> loader : snapshot()) {
            depth += loader.dispatchDepth();
        }
        return depth;
    }

    private List<DataLoader<?, ?>> snapshot() {
        synchronized (used) {
            return used.isEmpty() ? List.of() : List.copyOf(used);
        }
    }

    @Override
    public List<DataLoader<?, ?>> getDataLoaders() {
        return all.getDataLoaders();
    }

    @Override
    public Map<String, DataLoader<?, ?>> getDataLoadersMap() {
        return all.getDataLoadersMap();
    }

    @Override
    public Set<String> getKeys() {
        return all.getKeys();
    }

    @Override
    public DataLoaderInstrumentation getInstrumentation() {
        return all.getInstrumentation();
    }

    @Override
    public Statistics getStatistics() {
        return all.getStatistics();
    }

    // ---- registering after the request started: the engine does not, so far

    @Override
    public DataLoaderRegistry register(DataLoader<?, ?> dataLoader) {
        unexpected("register");
        all.register(dataLoader);
        return this;
    }

    @Override
    public DataLoaderRegistry register(String key, DataLoader<?, ?> dataLoader) {
        unexpected("register");
        all.register(key, dataLoader);
        return this;
    }

    @Override
    public DataLoaderRegistry unregister(String key) {
        unexpected("unregister");
        all.unregister(key);
        return this;
    }

    @Override
    public DataLoaderRegistry combine(DataLoaderRegistry registry) {
        unexpected("combine");
        return all.combine(registry);
    }

    private static void unexpected(String method) {
        EnginePatches.notApplied(Patch.USED_DATA_LOADERS, "the engine calls DataLoaderRegistry." + method
                + " during a request");
    }
}
