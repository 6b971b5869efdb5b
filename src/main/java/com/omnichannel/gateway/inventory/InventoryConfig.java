package com.omnichannel.gateway.inventory;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Inventory settings. */
@ConfigMapping(prefix = "app.inventory")
public interface InventoryConfig {

    /** Available units at or below which a level counts as low stock, where the level sets no threshold of its own. */
    @WithDefault("3")
    int defaultLowStockThreshold();

    LevelCache levelCache();

    /** The local cache of stock levels by variant (see {@code StockLevelCache}). */
    interface LevelCache {
        /** How long an entry lives at most (only bounds a lost invalidation message); PT0S turns the cache off. */
        @WithDefault("PT10S")
        Duration ttl();

        @WithDefault("200000")
        int maxEntries();
    }
}
