package com.omnichannel.gateway.store;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.mutiny.Uni;

/**
 * All active locations, held in memory. A retailer has tens to a few thousand locations and they change rarely,
 * while nearly every stock read needs their names and coordinates; keeping them here takes a statement off
 * every such request. The snapshot is refreshed after {@code app.locations.refresh-interval} and at once when a
 * lookup misses, so a location added on another instance shows up on the first request that needs it.
 */
@ApplicationScoped
public class LocationDirectory {

    private final LocationRepository repository;
    private final Duration refreshInterval;
    private volatile Snapshot snapshot = new Snapshot(Map.of(), 0);
    private volatile Uni<Snapshot> loading;

    public LocationDirectory(LocationRepository repository,
            @ConfigProperty(name = "app.locations.refresh-interval", defaultValue = "30s") Duration refreshInterval) {
        this.repository = repository;
        this.refreshInterval = refreshInterval;
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
        snapshot = new Snapshot(Map.of(), 0);
    }

    private Uni<Snapshot> current(boolean forceReload) {
        Snapshot s = snapshot;
        if (!forceReload && s.loadedAt != 0 && System.nanoTime() - s.loadedAt < refreshInterval.toNanos()) {
            return Uni.createFrom().item(s);
        }
        Uni<Snapshot> inFlight = loading;
        if (inFlight != null) {
            return inFlight;
        }
        Uni<Snapshot> load = repository.allActive()
                .map(list -> {
                    Map<Long, Location> byKey = new LinkedHashMap<>();
                    list.forEach(l -> byKey.put(l.key(), l));
                    Snapshot fresh = new Snapshot(Collections.unmodifiableMap(byKey), System.nanoTime());
                    snapshot = fresh;
                    return fresh;
                })
                .eventually(() -> {
                    loading = null;
                })
                .memoize().indefinitely();
        loading = load;
        return load;
    }

    private record Snapshot(Map<Long, Location> byKey, long loadedAt) {
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
