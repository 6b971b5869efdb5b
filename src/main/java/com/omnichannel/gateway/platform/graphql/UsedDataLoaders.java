package com.omnichannel.gateway.platform.graphql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.dataloader.DataLoader;
import org.dataloader.DataLoaderRegistry;

/**
 * One request's data loaders, dispatching only those the request used.
 * <p>
 * The engine registers a loader for every batched field of the schema (about 30 here) with every request, and
 * dispatches all of them after each level of the answer, though a request uses a few: about 5 % of an add-to-cart's
 * CPU went to dispatching empty loaders. The engine reaches loaders only through {@link #getDataLoader} and
 * dispatches through {@link #dispatchAll}; this registry remembers which loaders were asked for and dispatches
 * those. A request's fields are resolved on one thread at a time (its event loop), but the list is guarded anyway.
 */
final class UsedDataLoaders extends DataLoaderRegistry {

    private final DataLoaderRegistry all;
    private final List<DataLoader<?, ?>> used = new ArrayList<>(4);

    UsedDataLoaders(DataLoaderRegistry all) {
        this.all = all;
    }

    @Override
    public <K, V> DataLoader<K, V> getDataLoader(String key) {
        DataLoader<K, V> loader = all.getDataLoader(key);
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
}
