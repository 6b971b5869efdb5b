package com.omnichannel.gateway.platform.graphql;

import java.util.ArrayList;
import java.util.LinkedHashSet;
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
 * Where the schema's loaders were made once ({@link EngineDataLoaders}), the request comes without any and a loader
 * is made when first asked for, as a copy of the one made at start-up: same batch function, options and name, a
 * cache of its own.
 * <p>
 * Every public method of the registry is overridden (a test checks it): one this class did not know of would
 * otherwise answer from the empty registry it extends. Those the engine is not expected to call answer from the
 * request's loaders and report that the patch no longer applies as designed.
 */
final class UsedDataLoaders extends DataLoaderRegistry {

    /** Set once the engine has dispatched a used loader through this registry (the patch applies). */
    private static volatile boolean seenAtWork;

    /** The request's registry with every loader of the schema, or null where loaders are made when asked for. */
    private final DataLoaderRegistry all;
    /** The loaders made at start-up, by name, copied when asked for; null where the request brought all. */
    private final Map<String, DataLoader<?, ?>> madeOnce;
    private final List<DataLoader<?, ?>> used = new ArrayList<>(4);

    UsedDataLoaders(DataLoaderRegistry all) {
        this.all = all;
        this.madeOnce = null;
    }

    private UsedDataLoaders(Map<String, DataLoader<?, ?>> madeOnce) {
        this.all = null;
        this.madeOnce = madeOnce;
    }

    /** A registry whose loaders are copies of {@code madeOnce}'s, made when first asked for. */
    static UsedDataLoaders copying(Map<String, DataLoader<?, ?>> madeOnce) {
        return new UsedDataLoaders(madeOnce);
    }

    /**
     * The batch function of a request's loader, without making a loader for the request where loaders are made when
     * asked for; null when there is no such loader.
     */
    static Object batchLoadFunction(DataLoaderRegistry request, String key) {
        DataLoader<?, ?> loader = request instanceof UsedDataLoaders used && used.madeOnce != null ? used.madeOnce.get(key)
                : request.getDataLoader(key);
        return loader == null ? null : loader.getBatchLoadFunction();
    }

    @Override
    public <K, V> DataLoader<K, V> getDataLoader(String key) {
        if (all != null) {
            return use(all.getDataLoader(key));
        }
        synchronized (used) {
            DataLoader<K, V> loader = usedNamed(key);
            if (loader == null) {
                DataLoader<?, ?> original = madeOnce.get(key);
                loader = original == null ? null : use(copy(original, key));
            }
            return loader;
        }
    }

    @Override
    public <K, V> DataLoader<K, V> computeIfAbsent(String key, Function<String, DataLoader<?, ?>> mappingFunction) {
        if (all != null) {
            return use(all.computeIfAbsent(key, mappingFunction));
        }
        synchronized (used) {
            DataLoader<K, V> loader = getDataLoader(key);
            if (loader == null) {
                DataLoader<?, ?> made = mappingFunction.apply(key);
                loader = made == null ? null : use(named(made, key));
            }
            return loader;
        }
    }

    @Override
    public <K, V> DataLoader<K, V> registerAndGet(String key, DataLoader<?, ?> dataLoader) {
        if (all != null) {
            return use(all.registerAndGet(key, dataLoader));
        }
        synchronized (used) {
            DataLoader<K, V> known = usedNamed(key);
            return known != null ? known : use(named(dataLoader, key));
        }
    }

    /** A loader like {@code loader} under {@code key}, with a cache of its own. */
    @SuppressWarnings("unchecked")
    private static <K, V> DataLoader<K, V> copy(DataLoader<?, ?> loader, String key) {
        return (DataLoader<K, V>) loader.transform(copy -> copy.name(key));
    }

    /** {@code loader} under {@code key}, as the registry names what it is given. */
    @SuppressWarnings("unchecked")
    private static <K, V> DataLoader<K, V> named(DataLoader<?, ?> loader, String key) {
        return key.equals(loader.getName()) ? (DataLoader<K, V>) loader : copy(loader, key);
    }

    @SuppressWarnings("unchecked")
    private <K, V> DataLoader<K, V> usedNamed(String key) {
        for (DataLoader<?, ?> loader : used) {
            if (key.equals(loader.getName())) {
                return (DataLoader<K, V>) loader;
            }
        }
        return null;
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
        return all != null ? all.getDataLoaders() : snapshot();
    }

    @Override
    public Map<String, DataLoader<?, ?>> getDataLoadersMap() {
        return all != null ? all.getDataLoadersMap() : usedRegistry().getDataLoadersMap();
    }

    @Override
    public Set<String> getKeys() {
        if (all != null) {
            return all.getKeys();
        }
        Set<String> keys = new LinkedHashSet<>(madeOnce.keySet());
        keys.addAll(usedRegistry().getKeys());
        return keys;
    }

    @Override
    public DataLoaderInstrumentation getInstrumentation() {
        // The loaders made once were made in a registry without instrumentation, as SmallRye makes them.
        return all != null ? all.getInstrumentation() : null;
    }

    @Override
    public Statistics getStatistics() {
        return all != null ? all.getStatistics() : usedRegistry().getStatistics();
    }

    /** The loaders made for this request so far, in a registry of their own. */
    private DataLoaderRegistry usedRegistry() {
        DataLoaderRegistry registry = new DataLoaderRegistry();
        for (DataLoader<?, ?> loader : snapshot()) {
            registry.register(loader.getName(), loader);
        }
        return registry;
    }

    // ---- registering after the request started: the engine does not, so far

    @Override
    public DataLoaderRegistry register(DataLoader<?, ?> dataLoader) {
        unexpected("register");
        if (all != null) {
            all.register(dataLoader);
        } else {
            use(dataLoader);
        }
        return this;
    }

    @Override
    public DataLoaderRegistry register(String key, DataLoader<?, ?> dataLoader) {
        unexpected("register");
        if (all != null) {
            all.register(key, dataLoader);
        } else {
            registerAndGet(key, dataLoader);
        }
        return this;
    }

    @Override
    public DataLoaderRegistry unregister(String key) {
        unexpected("unregister");
        if (all != null) {
            all.unregister(key);
        } else {
            synchronized (used) {
                used.removeIf(loader -> key.equals(loader.getName()));
            }
        }
        return this;
    }

    @Override
    public DataLoaderRegistry combine(DataLoaderRegistry registry) {
        unexpected("combine");
        return (all != null ? all : usedRegistry()).combine(registry);
    }

    private static void unexpected(String method) {
        EnginePatches.notApplied(Patch.USED_DATA_LOADERS, "the engine calls DataLoaderRegistry." + method
                + " during a request");
    }
}
