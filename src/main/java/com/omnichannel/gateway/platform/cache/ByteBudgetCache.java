package com.omnichannel.gateway.platform.cache;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToLongBiFunction;

/**
 * A memo that requests fill (parsed documents keyed by their text, say), bounded by an estimate of the memory its
 * entries hold rather than by their number alone: a thousand small entries and three huge ones cost the same
 * budget. When an entry would take it over budget, the least recently used entries go first; an entry larger than
 * the whole budget is not kept at all. Entries are few and the work under the lock is a map operation, so one lock
 * is enough.
 *
 * @param <K> the key
 * @param <V> the remembered value
 */
public final class ByteBudgetCache<K, V> {

    private record Entry<V>(V value, long bytes) {
    }

    private final long maxBytes;
    private final ToLongBiFunction<K, V> weigher;
    private final LinkedHashMap<K, Entry<V>> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;

    /**
     * @param maxBytes the budget; zero or less keeps nothing
     * @param weigher  the estimated bytes an entry holds, key and value together
     */
    public ByteBudgetCache(long maxBytes, ToLongBiFunction<K, V> weigher) {
        this.maxBytes = maxBytes;
        this.weigher = weigher;
    }

    /** The remembered value, or null. */
    public synchronized V get(K key) {
        Entry<V> entry = entries.get(key);
        return entry == null ? null : entry.value();
    }

    /** Remembers the value unless it alone is over the budget, evicting the least recently used entries to make room. */
    public void put(K key, V value) {
        long size = weigher.applyAsLong(key, value);
        if (size > maxBytes) {
            return;
        }
        synchronized (this) {
            Entry<V> previous = entries.put(key, new Entry<>(value, size));
            bytes += size - (previous == null ? 0 : previous.bytes());
            Iterator<Map.Entry<K, Entry<V>>> eldest = entries.entrySet().iterator();
            while (bytes > maxBytes && eldest.hasNext()) {
                Map.Entry<K, Entry<V>> next = eldest.next();
                if (next.getKey().equals(key)) {
                    continue;
                }
                bytes -= next.getValue().bytes();
                eldest.remove();
            }
        }
    }

    /** The estimated bytes held now, never above the budget. */
    public synchronized long bytes() {
        return bytes;
    }

    public synchronized int size() {
        return entries.size();
    }

    public synchronized void clear() {
        entries.clear();
        bytes = 0;
    }
}
