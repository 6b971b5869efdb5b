package com.omnichannel.gateway.order;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Pickups at stores: how long they are held, when the uncollected are cancelled, and their collection codes. */
@ConfigMapping(prefix = "app.pickup")
public interface PickupConfig {

    /** How long a store holds a ready pickup, unless the store has a hold period of its own. */
    @WithDefault("P7D")
    Duration holdPeriod();

    /** Stores with settings of their own, by store code. */
    Map<String, Store> stores();

    /** After the hold period, how long the pickup still waits before the expiry job cancels it. */
    @WithDefault("P1D")
    Duration gracePeriod();

    /** How often each instance runs the expiry job (one instance at a time does the work). */
    @WithDefault("PT15M")
    Duration expiryCheckInterval();

    /** Characters of a collection code. */
    @WithDefault("6")
    int collectionCodeLength();

    /** What the pickup's QR code holds: {store} becomes the store's code, {code} the collection code. */
    @WithDefault("pickup:{store}:{code}")
    String qrPayloadTemplate();

    interface Store {
        Optional<Duration> holdPeriod();
    }

    /** The hold period of the store with this code. */
    default Duration holdPeriodOf(String storeCode) {
        Store store = storeCode == null ? null : stores().get(storeCode);
        return store == null ? holdPeriod() : store.holdPeriod().orElse(holdPeriod());
    }
}
