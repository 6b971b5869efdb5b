package com.omnichannel.gateway.reporting.recommendation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * Ranked product keys in Redis for a short time, shared by every instance. Recommendations change slowly and are
 * costly to compute, so a product page or account page mostly reads them from here. A Redis failure is never an
 * error: the caller computes the list instead.
 *
 * <ul>
 * <li>{@code reco:also:{productKey}}: products bought together with a product (the longest list asked for);</li>
 * <li>{@code reco:customer:{customerId}}: a hash of a customer's lists by store and length, dropped as a whole when
 * they change a consent or erase their account;</li>
 * <li>{@code reco:best:{store|any}:{length}}: best-sellers.</li>
 * </ul>
 */
@ApplicationScoped
public class RecommendationCache {

    private static final Logger LOG = Logger.getLogger(RecommendationCache.class);

    private final ReactiveRedisDataSource redis;

    public RecommendationCache(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    static String alsoBoughtKey(long productKey) {
        return "reco:also:{" + productKey + "}";
    }

    static String customerKey(String customerId) {
        return "reco:customer:{" + customerId + "}";
    }

    static String bestSellersKey(Long storeKey, int limit) {
        return "reco:best:{" + (storeKey == null ? "any" : storeKey.toString()) + "}:" + limit;
    }

    /** The cached lists of these products (absent when not cached) in one round trip. */
    public Uni<Map<Long, List<Long>>> alsoBought(List<Long> productKeys) {
        List<String> keys = productKeys.stream().map(RecommendationCache::alsoBoughtKey).toList();
        return redis.execute("MGET", keys.toArray(String[]::new)).map(r -> {
            Map<Long, List<Long>> found = new HashMap<>();
            for (int i = 0; i < productKeys.size(); i++) {
                Response value = r.get(i);
                if (value != null) {
                    found.put(productKeys.get(i), decode(value.toString()));
                }
            }
            return found;
        }).onFailure().recoverWithItem(e -> {
            LOG.debugf("Recommendation cache unavailable: %s", e.getMessage());
            return Map.of();
        });
    }

    public Uni<Void> putAlsoBought(Map<Long, List<Long>> lists, Duration ttl) {
        if (lists.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Response>> writes = new ArrayList<>();
        lists.forEach((product, keys) -> writes.add(redis.execute("SET", alsoBoughtKey(product), encode(keys), "EX",
                String.valueOf(ttl.toSeconds()))));
        return Uni.join().all(writes).andCollectFailures().replaceWithVoid().onFailure().recoverWithNull();
    }

    /** A customer's cached list for a store (or none) and length, or null. */
    public Uni<List<Long>> personal(String customerId, Long storeKey, int limit) {
        return redis.execute("HGET", customerKey(customerId), field(storeKey, limit))
                .map(r -> r == null ? null : decode(r.toString()))
                .onFailure().recoverWithNull();
    }

    public Uni<Void> putPersonal(String customerId, Long storeKey, int limit, List<Long> keys, Duration ttl) {
        String key = customerKey(customerId);
        // The hash lives as long as its newest list; older lists in it may live that much longer (at most one TTL).
        return redis.execute("HSET", key, field(storeKey, limit), encode(keys))
                .chain(() -> redis.execute("EXPIRE", key, String.valueOf(ttl.toSeconds())))
                .replaceWithVoid().onFailure().recoverWithNull();
    }

    /** Drops every cached list of a customer (consent changed, account erased). */
    public Uni<Void> forgetCustomer(String customerId) {
        return redis.execute("DEL", customerKey(customerId)).replaceWithVoid();
    }

    public Uni<List<Long>> bestSellers(Long storeKey, int limit) {
        return redis.execute("GET", bestSellersKey(storeKey, limit))
                .map(r -> r == null ? null : decode(r.toString()))
                .onFailure().recoverWithNull();
    }

    public Uni<Void> putBestSellers(Long storeKey, int limit, List<Long> keys, Duration ttl) {
        return redis.execute("SET", bestSellersKey(storeKey, limit), encode(keys), "EX", String.valueOf(ttl.toSeconds()))
                .replaceWithVoid().onFailure().recoverWithNull();
    }

    private static String field(Long storeKey, int limit) {
        return (storeKey == null ? "any" : storeKey.toString()) + ":" + limit;
    }

    static String encode(List<Long> keys) {
        StringBuilder s = new StringBuilder();
        for (Long k : keys) {
            if (!s.isEmpty()) {
                s.append(',');
            }
            s.append(k);
        }
        return s.toString();
    }

    static List<Long> decode(String value) {
        List<Long> keys = new ArrayList<>();
        if (value.isEmpty()) {
            return keys;
        }
        for (String part : value.split(",")) {
            try {
                keys.add(Long.parseLong(part));
            } catch (NumberFormatException e) {
                return List.of();
            }
        }
        return keys;
    }
}
