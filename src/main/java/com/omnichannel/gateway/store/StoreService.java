package com.omnichannel.gateway.store;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.platform.errors.ApiException;
import com.omnichannel.gateway.platform.paging.Page;
import com.omnichannel.gateway.platform.paging.PageRequest;

import io.smallrye.mutiny.Uni;

/** Stores and warehouses: listing, lookup and distance search. */
@ApplicationScoped
public class StoreService {

    public static final double MAX_RADIUS_KM = 1000;

    private final LocationDirectory directory;

    public StoreService(LocationDirectory directory) {
        this.directory = directory;
    }

    public Uni<LocationConnection> locations(LocationType type, PageRequest page) {
        return directory.all().map(all -> {
            List<Location> matching = all.stream()
                    .filter(l -> type == null || l.type() == type)
                    .sorted(Comparator.comparing(Location::name).thenComparing(Location::key))
                    .toList();
            return Page.connection(slice(matching, page), page, LocationConnection.Edge::new, LocationConnection::new);
        });
    }

    /** A location by key, failing with NOT_FOUND when there is none. */
    public Uni<Location> location(long key) {
        return directory.byKey(key).map(l -> {
            if (l == null) {
                throw ApiException.notFound("No location with this id");
            }
            return l;
        });
    }

    /** A location by key, or null: for mutations, which report a missing one as a user error. */
    public Uni<Location> findLocation(long key) {
        return directory.byKey(key);
    }

    /** A store (not a warehouse) by key, or null. */
    public Uni<Location> findStore(long key) {
        return directory.byKey(key).map(l -> l != null && l.isStore() ? l : null);
    }

    /** A store (not a warehouse) by key, failing with NOT_FOUND when there is none. */
    public Uni<Location> store(long key) {
        return location(key).map(l -> {
            if (!l.isStore()) {
                throw ApiException.notFound("No store with this id");
            }
            return l;
        });
    }

    public Uni<Map<Long, Location>> locationsByKeys(Iterable<Long> keys) {
        return directory.byKeys(keys);
    }

    public Uni<List<Location>> allLocations() {
        return directory.all();
    }

    /** Stores within {@code radiusKm} of a point, nearest first. */
    public Uni<NearbyStoreConnection> nearbyStores(double latitude, double longitude, double radiusKm, PageRequest page) {
        if (!GeoPoint.isValid(latitude, longitude)) {
            throw ApiException.badUserInput("Latitude must be within [-90, 90] and longitude within [-180, 180]");
        }
        if (!(radiusKm > 0 && radiusKm <= MAX_RADIUS_KM)) {
            throw ApiException.badUserInput("Argument 'radiusKm' must be greater than 0 and at most " + (int) MAX_RADIUS_KM);
        }
        GeoPoint origin = new GeoPoint(latitude, longitude);
        return directory.all().map(all -> {
            List<NearbyStore> nearby = all.stream()
                    .filter(Location::isStore)
                    .map(l -> new NearbyStore(l, round(origin.distanceKmTo(l.coordinates()))))
                    .filter(n -> n.distanceKm() <= radiusKm)
                    .sorted(Comparator.comparingDouble(NearbyStore::distanceKm).thenComparing(n -> n.store().key()))
                    .toList();
            return Page.connection(slice(nearby, page), page, NearbyStoreConnection.Edge::new,
                    NearbyStoreConnection::new);
        });
    }

    static double round(double km) {
        return Math.round(km * 100) / 100.0;
    }

    private static <T> List<T> slice(List<T> all, PageRequest page) {
        int from = Math.min(page.offset(), all.size());
        int to = Math.min(from + page.fetchSize(), all.size());
        return all.subList(from, to);
    }
}
