package com.omnichannel.gateway.platform.cache;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import io.smallrye.mutiny.Uni;

/**
 * A local read-through cache of rows by key, kept correct by invalidation rather than by its time to live:
 * whoever changes a row invalidates its key (or the whole cache) after the change committed, on this instance at
 * once and on the others through Redis (a domain's own events, or a {@link CacheInvalidation}). The time to live
 * only bounds how long a lost invalidation (say, a message published while Redis was unreachable) can leave an old
 * row visible; the size bound keeps memory in check.
 * <p>
 * A load races with invalidations: a read that started before an invalidation of a key may return the old row
 * after it. Every invalidation therefore leaves a stamp, and a load stores a row only when no invalidation of its
 * key (and no {@link #invalidateAll()}) happened since the load started; it still answers its own caller.
 *
 * @param <K> the key (a row's id, a code)
 * @param <V> the cached row; a loader may leave keys out (unknown rows), which are then not cached unless
 *        {@code absent} gives a value for them
 */
public final class KeyedCache<K, V> {

    /** A row, or (value null) the stamp of an invalidation that no load has replaced yet. */
    private record Entry<V>(V value, long stamp, long expiresAtNanos) {
    }

    private final Function<Set<K>, Uni<Map<K, V>>> loader;
    private final Function<K, V> absent;
    private final long ttlNanos;
    private final int maxEntries;
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final AtomicLong clock = new AtomicLong();
    /** The stamp of the latest {@link #invalidateAll()}; only ever grows. */
    private final AtomicLong clearedAt = new AtomicLong();

    /**
     * @param ttl how long a row may be served without being read again; zero or negative turns the cache off
     * @param maxEntries beyond this many keys (rows and invalidation marks) the cache is emptied (cheap, and rare for
     *        the row counts it is for)
     * @param loader reads the rows of these keys (in one statement); the map may hold no other key
     * @param absent the value cached for a key the loader did not return, or null to cache nothing for it
     */
    public KeyedCache(Duration ttl, int maxEntries, Function<Set<K>, Uni<Map<K, V>>> loader, Function<K, V> absent) {
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
        this.loader = loader;
        this.absent = absent;
    }

    public boolean enabled() {
        return ttlNanos > 0;
    }

    /** The rows of these keys: cached ones as they are, the others in one load. */
    public Uni<Map<K, V>> getAll(Collection<K> keys) {
        return getAll(keys, loader);
    }

    /**
     * The rows of these keys: cached ones as they are, the others in one load by this loader instead of the
     * cache's own (for rows whose reading depends on the request, e.g. its time; a row loaded so is served to later
     * requests as any other).
     */
    public Uni<Map<K, V>> getAll(Collection<K> keys, Function<Set<K>, Uni<Map<K, V>>> loader) {
        if (!enabled()) {
            Set<K> all = keys instanceof Set<K> set ? set : new LinkedHashSet<>(keys);
            return loader.apply(all).map(loaded -> withAbsent(all, loaded));
        }
        long now = System.nanoTime();
        Map<K, V> found = new HashMap<>();
        Set<K> missing = null;
        for (K key : keys) {
            Entry<V> entry = entries.get(key);
            if (entry != null && entry.value() != null && now < entry.expiresAtNanos()) {
                found.put(key, entry.value());
            } else {
                if (missing == null) {
                    missing = new LinkedHashSet<>();
                }
                missing.add(key);
            }
        }
        if (missing == null) {
            return Uni.createFrom().item(found);
        }
        long startedAt = clock.get();
        Set<K> toLoad = missing;
        return loader.apply(toLoad).map(loaded -> {
            Map<K, V> rows = withAbsent(toLoad, loaded);
            store(toLoad, rows, startedAt);
            if (found.isEmpty()) {
                return rows;
            }
            found.putAll(rows);
            return found;
        });
    }

    /** The loaded rows plus the {@code absent} value of each key the loader left out. */
    private Map<K, V> withAbsent(Set<K> keys, Map<K, V> loaded) {
        if (absent == null || loaded.size() == keys.size()) {
            return loaded;
        }
        Map<K, V> rows = new HashMap<>(loaded);
        for (K key : keys) {
            rows.computeIfAbsent(key, absent);
        }
        return rows;
    }

    private void store(Set<K> keys, Map<K, V> rows, long startedAt) {
        if (startedAt < clearedAt.get()) {
            return;
        }
        long expiresAt = System.nanoTime() + ttlNanos;
        for (K key : keys) {
            V value = rows.get(key);
            if (value == null) {
                continue;
            }
            Entry<V> row = new Entry<>(value, startedAt, expiresAt);
            // Not over an invalidation, or a fresher load, that came after this load started.
            entries.compute(key, (k, current) -> current != null && current.stamp() > startedAt ? current : row);
            if (startedAt < clearedAt.get()) {
                // Emptied while storing: what was stored after the clear must go too.
                entries.remove(key, row);
            }
        }
        if (entries.size() > maxEntries) {
            invalidateAll();
        }
    }

    /** After these rows changed (committed): loads running now will not store what they read. */
    public void invalidate(Collection<K> keys) {
        if (!enabled()) {
            return;
        }
        long stamp = clock.incrementAndGet();
        Entry<V> mark = new Entry<>(null, stamp, 0);
        for (K key : keys) {
            // The latest stamp wins when two invalidations of a key cross.
            entries.merge(key, mark, (current, next) -> current.stamp() > next.stamp() ? current : next);
        }
    }

    /** After changes to rows that cannot be named (or too many): everything is read again. */
    public void invalidateAll() {
        long stamp = clock.incrementAndGet();
        clearedAt.accumulateAndGet(stamp, Math::max);
        entries.clear();
    }
}
