package com.omnichannel.gateway.inventory;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;


import com.omnichannel.gateway.platform.cache.KeyedCache;
import com.omnichannel.gateway.inventory.InventoryRepository.StockRow;

import io.smallrye.mutiny.Uni;

/**
 * Stock levels per variant as reads show them (cart availability, store availability, kiosk scans), held locally
 * so those reads cost no SQL. Every committed stock change invalidates its variants through {@link StockEvents}: on
 * the instance that made it before the caller hears of it, on the others when the event arrives (milliseconds). An
 * instance cut off from the events empties it once it hears them again; the time to live bounds a lost event.
 * Checkout and every other stock write lock and read the rows themselves: what is reserved never depends on this
 * cache.
 */
@ApplicationScoped
public class StockLevelCache {

    private final KeyedCache<Long, List<StockRow>> levels;

    public StockLevelCache(InventoryRepository repository,
            InventoryConfig config) {
        // A variant without levels is cached as such: it has none anywhere until a stock change says otherwise.
        this.levels = new KeyedCache<>(config.levelCache().ttl(), config.levelCache().maxEntries(), repository::levelsByVariantKeys, key -> List.of());
    }

    Uni<Map<Long, List<StockRow>>> byVariantKeys(Collection<Long> variantKeys) {
        return levels.getAll(variantKeys);
    }

    void changed(Collection<Long> variantKeys) {
        levels.invalidate(variantKeys);
    }

    /** Forgets every level (an unreadable stock event, or writes that bypass the service such as test fixtures). */
    public void invalidate() {
        levels.invalidateAll();
    }
}
