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
 * Catalog rows by key as other domains resolve them, held locally: variants as carts resolve them (price, title,
 * active), so a cart read or an add-to-cart costs no SQL for them, and products as recommendations and variants'
 * {@code product} fields resolve them, so an account page's recommendations cost no statement for their products.
 * Every catalog write empties both once committed: on this instance at once, on the others through Redis pub/sub
 * (and an instance cut off from Redis empties its own once it is back). The time to live only bounds a lost
 * message. Checkout reads the catalog itself: the prices an order freezes never come from here.
 */
@ApplicationScoped
public class CatalogRowCache {

    static final String CHANNEL = "catalog-changes";

    private final KeyedCache<Long, ProductVariant> variants;
    private final KeyedCache<Long, Product> products;
    private final CacheInvalidation catalogChanges;

    public CatalogRowCache(CatalogRepository repository, PubSubRelay relay, CatalogConfig config) {
        this.variants = new KeyedCache<>(config.variantCache().ttl(), config.variantCache().maxEntries(),
                repository::variantsByKeys, null);
        this.products = new KeyedCache<>(config.productCache().ttl(), config.productCache().maxEntries(),
                repository::productsByKeys, null);
        this.catalogChanges = new CacheInvalidation(relay, CHANNEL, () -> {
            variants.invalidateAll();
            products.invalidateAll();
        });
    }

    void listen(@Observes StartupEvent event) {
        if (variants.enabled() || products.enabled()) {
            catalogChanges.listen();
        }
    }

    Uni<Map<Long, ProductVariant>> variantsByKeys(Collection<Long> keys) {
        return variants.getAll(keys);
    }

    /** Products by key, hidden ones too, as stored; keys without a product are left out. */
    Uni<Map<Long, Product>> productsByKeys(Collection<Long> keys) {
        return products.getAll(keys);
    }

    /** After a catalog write committed: every instance reads variants and products afresh. */
    void catalogChanged() {
        // Published even when this instance's caches are off: the others may have theirs on.
        catalogChanges.everywhere();
    }

    /** Empties this instance's caches (for writes that bypass the catalog service, such as test fixtures). */
    public void invalidate() {
        catalogChanges.here();
    }
}
