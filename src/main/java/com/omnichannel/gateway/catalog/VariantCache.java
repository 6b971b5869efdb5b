package com.omnichannel.gateway.catalog;

import java.util.Collection;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.omnichannel.gateway.platform.cache.KeyedCache;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

/**
 * Variants by key as carts and other domains resolve them (price, title, active), held locally so a cart read or
 * an add-to-cart costs no SQL for them. Every catalog write empties it once committed: on this instance at once,
 * on the others through Redis pub/sub. The time to live only bounds a lost message. Checkout reads the catalog
 * itself: the prices an order freezes never come from here.
 */
@ApplicationScoped
public class VariantCache {

    static final String CHANNEL = "catalog-changes";
    private static final Logger LOG = Logger.getLogger(VariantCache.class);

    private final ReactiveRedisDataSource redis;
    private final KeyedCache<ProductVariant> variants;

    public VariantCache(CatalogRepository repository, ReactiveRedisDataSource redis,
            CatalogConfig config) {
        this.redis = redis;
        this.variants = new KeyedCache<>(config.variantCache().ttl(), config.variantCache().maxEntries(), repository::variantsByKeys, null);
    }

    void listen(@Observes StartupEvent event) {
        if (!variants.enabled()) {
            return;
        }
        redis.pubsub(String.class).subscribe(CHANNEL, message -> variants.invalidateAll())
                .subscribe().with(subscriber -> LOG.debug("Subscribed to catalog changes"),
                        failure -> LOG.warn("Cannot subscribe to catalog changes; variant changes made through other "
                                + "instances show here after the variant cache's time to live", failure));
    }

    Uni<Map<Long, ProductVariant>> byKeys(Collection<Long> keys) {
        return variants.getAll(keys);
    }

    /** After a catalog write committed: every instance reads variants afresh. */
    void catalogChanged() {
        // Published even when this instance's cache is off: the others may have theirs on.
        variants.invalidateAll();
        redis.execute("PUBLISH", CHANNEL, "1").subscribe().with(ok -> {
        }, failure -> LOG.warnf("Cannot tell other instances of a catalog change: %s", failure.toString()));
    }

    /** Empties this instance's cache (for writes that bypass the catalog service, such as test fixtures). */
    public void invalidate() {
        variants.invalidateAll();
    }
}
