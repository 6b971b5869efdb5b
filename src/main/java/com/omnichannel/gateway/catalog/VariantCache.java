package com.omnichannel.gateway.catalog;

import java.util.Collection;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.omnichannel.gateway.platform.cache.CacheInvalidation;
import com.omnichannel.gateway.platform.cache.KeyedCache;
import com.omnichannel.gateway.platform.redis.PubSubRelay;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

/**
 * Variants by key as carts and other domains resolve them (price, title, active), held locally so a cart read or
 * an add-to-cart costs no SQL for them. Every catalog write empties it once committed: on this instance at once,
 * on the others through Redis pub/sub (and an instance cut off from Redis empties its own once it is back). The time
 * to live only bounds a lost message. Checkout reads the catalog
 * itself: the prices an order freezes never come from here.
 */
@ApplicationScoped
public class VariantCache {

    static final String CHANNEL = "catalog-changes";

    private final KeyedCache<Long, ProductVariant> variants;
    private final CacheInvalidation catalogChanges;

    public VariantCache(CatalogRepository repository, PubSubRelay relay, CatalogConfig config) {
        this.variants = new KeyedCache<>(config.variantCache().ttl(), config.variantCache().maxEntries(), repository::variantsByKeys, null);
        this.catalogChanges = new CacheInvalidation(relay, CHANNEL, variants::invalidateAll);
    }

    void listen(@Observes StartupEvent event) {
        if (variants.enabled()) {
            catalogChanges.listen();
        }
    }

    Uni<Map<Long, ProductVariant>> byKeys(Collection<Long> keys) {
        return variants.getAll(keys);
    }

    /** After a catalog write committed: every instance reads variants afresh. */
    void catalogChanged() {
        // Published even when this instance's cache is off: the others may have theirs on.
        catalogChanges.everywhere();
    }

    /** Empties this instance's cache (for writes that bypass the catalog service, such as test fixtures). */
    public void invalidate() {
        catalogChanges.here();
    }
}
