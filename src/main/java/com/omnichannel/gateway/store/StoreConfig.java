package com.omnichannel.gateway.store;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Stores and warehouses. */
@ConfigMapping(prefix = "app.locations")
public interface StoreConfig {

    /** How often each instance reloads its directory of locations (changes also reach it at once by invalidation). */
    @WithDefault("30s")
    Duration refreshInterval();
}
