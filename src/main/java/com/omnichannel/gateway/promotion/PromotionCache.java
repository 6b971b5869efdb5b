package com.omnichannel.gateway.promotion;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.mutiny.Uni;

/**
 * Promotion definitions and product categories as cart reads need them, held for a short while so reading a cart
 * costs no SQL for promotions. Staff changes through this instance clear it at once; other instances see them
 * within the time to live. Applying a coupon and checkout always read the database: limits and pauses are
 * enforced on fresh data.
 */
@ApplicationScoped
public class PromotionCache {

    private static final int MAX_ENTRIES = 50_000;

    private record Timed<T>(T value, long expiresAtNanos) {
        boolean fresh(long now) {
            return now < expiresAtNanos;
        }
    }

    private final PromotionRepository repository;
    private final long ttlNanos;
    private final long categoryTtlNanos;
    private volatile Timed<List<PromotionRule>> automatic;
    /** Bumped by every invalidation: a load that started before one does not store what it read. */
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();
    private final Map<String, Timed<Optional<PromotionRule>>> coupons = new ConcurrentHashMap<>();
    private final Map<Long, Timed<Set<Long>>> categories = new ConcurrentHashMap<>();

    public PromotionCache(PromotionRepository repository,
            @ConfigProperty(name = "app.promotions.cache-ttl", defaultValue = "PT5S") Duration ttl,
            @ConfigProperty(name = "app.promotions.category-cache-ttl", defaultValue = "PT1M") Duration categoryTtl) {
        this.repository = repository;
        this.ttlNanos = ttl.toNanos();
        this.categoryTtlNanos = categoryTtl.toNanos();
    }

    /** Forgets every definition (after a staff change). */
    public void invalidate() {
        generation.incrementAndGet();
        automatic = null;
        coupons.clear();
    }

    /** Automatic promotions and the coupons with these codes, as {@link PromotionRepository#applicable} returns them. */
    Uni<List<PromotionRule>> applicable(Set<String> codes, Instant now) {
        long t = System.nanoTime();
        Timed<List<PromotionRule>> auto = automatic;
        Set<String> missing = new LinkedHashSet<>();
        for (String code : codes) {
            Timed<Optional<PromotionRule>> c = coupons.get(code);
            if (c == null || !c.fresh(t)) {
                missing.add(code);
            }
        }
        if (ttlNanos <= 0) {
            return repository.applicable(codes, now);
        }
        if (auto != null && auto.fresh(t) && missing.isEmpty()) {
            return Uni.createFrom().item(merge(auto.value(), codes));
        }
        long loadedAt = generation.get();
        return repository.applicable(missing, now).map(rules -> {
            List<PromotionRule> auto2 = rules.stream().filter(PromotionRule::automatic).toList();
            if (generation.get() != loadedAt) {
                List<PromotionRule> all = new ArrayList<>(auto2);
                rules.stream().filter(r -> !r.automatic()).forEach(all::add);
                return all;
            }
            long expires = System.nanoTime() + ttlNanos;
            automatic = new Timed<>(auto2, expires);
            if (coupons.size() > MAX_ENTRIES) {
                coupons.clear();
            }
            for (String code : missing) {
                coupons.put(code, new Timed<>(rules.stream().filter(r -> code.equals(r.code())).findFirst(), expires));
            }
            return merge(auto2, codes);
        });
    }

    private List<PromotionRule> merge(List<PromotionRule> auto, Set<String> codes) {
        List<PromotionRule> result = new ArrayList<>(auto);
        for (String code : codes) {
            Timed<Optional<PromotionRule>> c = coupons.get(code);
            if (c != null) {
                c.value().ifPresent(result::add);
            }
        }
        return result;
    }

    /** Each product's category and its parents. */
    Uni<Map<Long, Set<Long>>> categoriesOf(Set<Long> productKeys) {
        long t = System.nanoTime();
        Map<Long, Set<Long>> result = new HashMap<>();
        Set<Long> missing = new LinkedHashSet<>();
        for (Long key : productKeys) {
            Timed<Set<Long>> c = categories.get(key);
            if (c != null && c.fresh(t)) {
                result.put(key, c.value());
            } else {
                missing.add(key);
            }
        }
        if (missing.isEmpty()) {
            return Uni.createFrom().item(result);
        }
        return repository.categoriesOf(missing).map(loaded -> {
            long expires = System.nanoTime() + categoryTtlNanos;
            if (categories.size() > MAX_ENTRIES) {
                categories.clear();
            }
            for (Long key : missing) {
                Set<Long> set = loaded.getOrDefault(key, Set.of());
                categories.put(key, new Timed<>(set, expires));
                result.put(key, set);
            }
            return result;
        });
    }
}
