package com.omnichannel.gateway.inventory;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Inventory settings. */
@ConfigMapping(prefix = "app.inventory")
public interface InventoryConfig {

    /** Available units at or below which a level counts as low stock, where the level sets no threshold of its own. */
    @WithDefault("3")
    int defaultLowStockThreshold();
}
