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

    /** Pickup in store. */
    Pickup pickup();

    interface Pickup {

        /** How long a store needs to prepare a pickup order, unless the store sets its own. */
        @WithDefault("2h")
        Duration preparationTime();

        /** The longest range one pickupSlots query may ask for. */
        @WithDefault("7d")
        Duration maxSlotRange();

        /** How far ahead a pickup slot can be listed and booked. */
        @WithDefault("30d")
        Duration bookingHorizon();
    }
}
