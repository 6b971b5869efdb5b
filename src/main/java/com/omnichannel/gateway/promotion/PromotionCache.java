package com.omnichannel.gateway.promotion;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;


import com.omnichannel.gateway.platform.cache.CacheInvalidation;
import com.omnichannel.gateway.platform.cache.KeyedCache;
import com.omnichannel.gateway.platform.redis.PubSubRelay;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

/**
 * Promotion definitions and product categories as cart reads need them, held for a short while so reading a cart
 * costs no SQL for promotions. A staff change empties the definitions once it is written: on this instance at once,
 * on the others through Redis pub/sub; the time to live bounds a lost message. Applying a coupon and checkout
 * always read the database: limits and pauses are enforced on fresh data.
 */
@ApplicationScoped
public class PromotionCache {

    static final String CHANNEL = "promotion-changes";
    private static final int MAX_ENTRIES = 50_000;
    /** The key of the automatic promotions among the coupon codes: codes are stripped, none starts with a space. */
    private static final String AUTOMATIC = " automatic";

    private final PromotionRepository repository;
    /** The automatic promotions, and the coupon (or none) of each code, each as the rules it stands for. */
    private final KeyedCache<String, List<PromotionRule>> definitions;
    private final KeyedCache<Long, Set<Long>> categories;
    private final CacheInvalidation staffChanges;

    public PromotionCache(PromotionRepository repository, PubSubRelay relay, Clock clock,
            PromotionConfig config) {
        this.repository = repository;
        // A code without a coupon is cached as such, as the database answers it.
        this.definitions = new KeyedCache<>(config.cacheTtl(), MAX_ENTRIES, keys -> load(keys, clock.instant()), code -> List.of());
        // A product without a category is cached as such; category changes show after the time to live.
        this.categories = new KeyedCache<>(config.categoryCacheTtl(), MAX_ENTRIES, repository::categoriesOf, key -> Set.of());
        this.staffChanges = new CacheInvalidation(relay, CHANNEL, definitions::invalidateAll);
    }

    void listen(@Observes StartupEvent event) {
        if (definitions.enabled()) {
            staffChanges.listen();
        }
    }

    /** Forgets every definition, on every instance (after a staff change). */
    public void invalidate() {
        staffChanges.everywhere();
    }

    /** Automatic promotions and the coupons with these codes, as {@link PromotionRepository#applicable} returns them. */
    Uni<List<PromotionRule>> applicable(Set<String> codes, Instant now) {
        Set<String> keys = new LinkedHashSet<>();
        keys.add(AUTOMATIC);
        keys.addAll(codes);
        // Read at the caller's time, as the uncached path does; kept for the time to live like any other load.
        return definitions.getAll(keys, missing -> load(missing, now)).map(found -> {
            List<PromotionRule> rules = new ArrayList<>(found.get(AUTOMATIC));
            for (String code : codes) {
                rules.addAll(found.getOrDefault(code, List.of()));
            }
            return rules;
        });
    }

    /** The definitions of these keys in one statement (which reads the automatic promotions whatever it is asked). */
    private Uni<Map<String, List<PromotionRule>>> load(Set<String> keys, Instant now) {
        Set<String> codes = new LinkedHashSet<>(keys);
        codes.remove(AUTOMATIC);
        return repository.applicable(codes, now).map(rules -> {
            Map<String, List<PromotionRule>> byKey = new HashMap<>();
            for (String key : keys) {
                byKey.put(key, new ArrayList<>());
            }
            for (PromotionRule rule : rules) {
                List<PromotionRule> of = byKey.get(rule.automatic() ? AUTOMATIC : rule.code());
                if (of != null) {
                    of.add(rule);
                }
            }
            byKey.replaceAll((key, of) -> List.copyOf(of));
            return byKey;
        });
    }

    /** Each product's category and its parents. */
    Uni<Map<Long, Set<Long>>> categoriesOf(Set<Long> productKeys) {
        return categories.getAll(productKeys);
    }
}
