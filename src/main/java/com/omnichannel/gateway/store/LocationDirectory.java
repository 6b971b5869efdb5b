package com.omnichannel.gateway.store;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;


import io.smallrye.mutiny.Uni;

/**
 * All active locations, held in memory. A retailer has tens to a few thousand locations and they change rarely,
 * while nearly every stock read needs their names and coordinates; keeping them here takes a statement off
 * every such request. The snapshot is refreshed after {@code app.locations.refresh-interval} and at once when a
 * lookup misses, so a location added on another instance shows up on the first request that needs it. A load
 * that was running when the snapshot was dropped is not kept: it may have read the locations before the change.
 */
@ApplicationScoped
public class LocationDirectory {

    private final LocationRepository repository;
    private final Duration refreshInterval;
    private volatile Snapshot snapshot = Snapshot.NONE;
    private final AtomicReference<Uni<Snapshot>> loading = new AtomicReference<>();
    /** Counts {@link #invalidate()} calls: a load keeps its snapshot only if none happened since it started. */
    private final AtomicLong invalidations = new AtomicLong();

    public LocationDirectory(LocationRepository repository,
            StoreConfig config) {
        this.repository = repository;
        this.refreshInterval = config.refreshInterval();
    }

    public Uni<List<Location>> all() {
        return current(false).map(s -> List.copyOf(s.byKey.values()));
    }

    /** The locations for the given keys (missing ones are absent from the map). */
    public Uni<Map<Long, Location>> byKeys(Iterable<Long> keys) {
        return current(false).chain(s -> {
            if (s.containsAll(keys) || s.isFreshMiss()) {
                return Uni.createFrom().item(s.byKey);
            }
            return current(true).map(reloaded -> reloaded.byKey);
        });
    }

    public Uni<Location> byKey(long key) {
        return byKeys(List.of(key)).map(m -> m.get(key));
    }

    /** Drops the snapshot so the next read loads the locations again. */
    public void invalidate() {
        invalidations.incrementAndGet();
        loading.set(null);
        snapshot = Snapshot.NONE;
    }

    private Uni<Snapshot> current(boolean forceReload) {
        Snapshot s = snapshot;
        if (!forceReload && s.loadedAt != 0 && System.nanoTime() - s.loadedAt < refreshInterval.toNanos()) {
            return Uni.createFrom().item(s);
        }
        Uni<Snapshot> inFlight = loading.get();
        if (inFlight != null) {
            return inFlight;
        }
        long startedAt = invalidations.get();
        AtomicReference<Uni<Snapshot>> self = new AtomicReference<>();
        Uni<Snapshot> load = repository.allActive()
                .map(list -> {
                    Map<Long, Location> byKey = new LinkedHashMap<>();
                    list.forEach(l -> byKey.put(l.key(), l));
                    Snapshot fresh = new Snapshot(Collections.unmodifiableMap(byKey), System.nanoTime());
                    if (invalidations.get() == startedAt) {
                        snapshot = fresh;
                        if (invalidations.get() != startedAt) {
                            // Dropped while storing: what was stored must go too.
                            snapshot = Snapshot.NONE;
                        }
                    }
                    // Its own readers still get it: they asked before the change.
                    return fresh;
                })
                .eventually(() -> {
                    loading.compareAndSet(self.get(), null);
                })
                .memoize().indefinitely();
        self.set(load);
        if (!loading.compareAndSet(null, load)) {
            // Another reader started a load meanwhile: share it.
            Uni<Snapshot> other = loading.get();
            return other != null ? other : load;
        }
        return load;
    }

    private record Snapshot(Map<Long, Location> byKey, long loadedAt) {

        static final Snapshot NONE = new Snapshot(Map.of(), 0);

        boolean containsAll(Iterable<Long> keys) {
            for (Long key : keys) {
                if (!byKey.containsKey(key)) {
                    return false;
                }
            }
            return true;
        }

        /** A snapshot loaded within the last second is not reloaded for a miss: the key really does not exist. */
        boolean isFreshMiss() {
            return System.nanoTime() - loadedAt < Duration.ofSeconds(1).toNanos();
        }
    }
}
