package com.omnichannel.gateway.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import com.omnichannel.gateway.platform.cache.CacheInvalidation;
import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.platform.errors.ApiException;
import com.omnichannel.gateway.platform.errors.UserError;
import com.omnichannel.gateway.platform.graphql.PublicDataChanged;
import com.omnichannel.gateway.platform.ids.GlobalId;
import com.omnichannel.gateway.platform.redis.PubSubRelay;
import com.omnichannel.gateway.platform.security.Caller;
import com.omnichannel.gateway.platform.validation.ExternalReference;
import com.omnichannel.gateway.platform.paging.Page;
import com.omnichannel.gateway.platform.paging.PageRequest;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

/**
 * Stores and warehouses: listing, lookup and distance search; opening hours (open now, next opening and closing,
 * in the store's time zone) and the pickup promise, both for the clock's instant; staff setting hours and pickup.
 */
@ApplicationScoped
public class StoreService {

    public static final double MAX_RADIUS_KM = 1000;
    /** Redis channel through which an instance that changed a location tells the others to reload theirs. */
    static final String CHANGES_CHANNEL = "locations-changed";

    private final LocationDirectory directory;
    private final LocationRepository repository;
    private final Db db;
    private final Clock clock;
    private final CacheInvalidation locationChanges;
    private final Event<PublicDataChanged> publicDataChanged;

    public StoreService(LocationDirectory directory, LocationRepository repository, Db db, Clock clock, PubSubRelay relay,
            Event<PublicDataChanged> publicDataChanged) {
        this.directory = directory;
        this.repository = repository;
        this.db = db;
        this.clock = clock;
        this.locationChanges = new CacheInvalidation(relay, CHANGES_CHANNEL, directory::invalidate);
        this.publicDataChanged = publicDataChanged;
    }

    void listen(@Observes StartupEvent event) {
        locationChanges.listen();
    }

    // ---- opening hours and the pickup promise

    /** Whether each location is open at the clock's instant (null: hours not set), in the locations' order. */
    public List<Boolean> openNowOf(List<Location> locations) {
        return statusOf(locations, (l, s) -> s.openNow());
    }

    /** When each location next opens, in its zone, in the locations' order. */
    public List<OffsetDateTime> nextOpensAtOf(List<Location> locations) {
        return statusOf(locations, (l, s) -> s.nextOpensAt() == null ? null : local(l, s.nextOpensAt()));
    }

    /** When each location next closes, in its zone, in the locations' order. */
    public List<OffsetDateTime> nextClosesAtOf(List<Location> locations) {
        return statusOf(locations, (l, s) -> s.nextClosesAt() == null ? null : local(l, s.nextClosesAt()));
    }

    private <T> List<T> statusOf(List<Location> locations, BiFunction<Location, OpeningHours.Status, T> part) {
        Instant now = clock.instant();
        List<T> result = new ArrayList<>(locations.size());
        locations.forEach(l -> result.add(part.apply(l, l.hours().rules().statusAt(now))));
        return result;
    }

    /**
     * When a pickup order placed now at the store can be collected: the first time the store is open once its
     * preparation time has passed; null when its hours are not set or it does not open again.
     */
    public OffsetDateTime pickupReadyBy(Location store) {
        Instant ready = store.hours().rules().openAtOrAfter(earliestReady(store, clock.instant()));
        return ready == null ? null : local(store, ready);
    }

    /** The earliest a pickup order placed at {@code now} is prepared, open or not. */
    Instant earliestReady(Location store, Instant now) {
        return now.plus(Duration.ofMinutes(store.pickup().preparationMinutes()));
    }

    /** An instant as the store's local date and time, with its offset. */
    public OffsetDateTime local(Location store, Instant instant) {
        return instant.atZone(store.hours().rules().zone()).toOffsetDateTime();
    }

    /** Staff: replaces a store's time zone, weekly hours and exceptions. */
    public Uni<StorePayload> setHours(Caller caller, StoreInputs.HoursSet input) {
        caller.requireStaff();
        List<UserError> errors = new ArrayList<>();
        Long key = GlobalId.tryDecode(Location.TYPE, input.storeId());
        if (key == null) {
            errors.add(unknownStore());
        }
        StoreHoursRules.ValidHours hours = StoreHoursRules.validate(input, errors);
        if (!errors.isEmpty()) {
            return Uni.createFrom().item(StorePayload.failed(errors));
        }
        return findStore(key).chain(store -> store == null ? Uni.createFrom().item(StorePayload.failed(unknownStore()))
                : db.inTransaction(tx -> repository.replaceHours(tx, key, hours)).chain(() -> changed(key)));
    }

    /** Staff: sets a store's preparation time and pickup slots. */
    public Uni<StorePayload> setPickup(Caller caller, StoreInputs.PickupSet input) {
        caller.requireStaff();
        List<UserError> errors = new ArrayList<>();
        Long key = GlobalId.tryDecode(Location.TYPE, input.storeId());
        if (key == null) {
            errors.add(unknownStore());
        }
        StoreHoursRules.validate(input, errors);
        if (!errors.isEmpty()) {
            return Uni.createFrom().item(StorePayload.failed(errors));
        }
        return findStore(key).chain(store -> store == null ? Uni.createFrom().item(StorePayload.failed(unknownStore()))
                : repository.updatePickup(key, input.preparationMinutes(), input.slotMinutes(), input.slotCapacity())
                        .chain(() -> changed(key)));
    }

    /** Staff: sets or removes the key a POS, WMS or ERP knows a store or warehouse by. */
    public Uni<StorePayload> setExternalRef(Caller caller, StoreInputs.ExternalRefSet input) {
        caller.requireStaff();
        Long key = GlobalId.tryDecode(Location.TYPE, input.locationId());
        UserError unknown = UserError.of("UNKNOWN_LOCATION", "No location with this id", "input", "locationId");
        if (key == null) {
            return Uni.createFrom().item(StorePayload.failed(unknown));
        }
        String reference = input.externalRef() == null || input.externalRef().isEmpty() ? null : input.externalRef();
        if (reference != null && !ExternalReference.isValid(reference)) {
            return Uni.createFrom().item(StorePayload.failed(UserError.of("INVALID_EXTERNAL_REF", "An external reference has 1 to "
                    + ExternalReference.MAX_LENGTH + " printable characters and no spaces at either end", "input", "externalRef")));
        }
        return findLocation(key).chain(location -> location == null ? Uni.createFrom().item(StorePayload.failed(unknown))
                : repository.updateExternalRef(key, reference).chain(() -> changed(key))
                        .onFailure(e -> e instanceof PgException pg && "23505".equals(pg.getSqlState()))
                        .recoverWithItem(() -> StorePayload.failed(UserError.of("DUPLICATE_EXTERNAL_REF",
                                "Another location already uses this external reference", "input", "externalRef"))));
    }

    /** Keys of the active locations with these external references; references not found are absent. */
    public Uni<Map<String, Long>> locationKeysByExternalRefs(java.util.Collection<String> references) {
        return directory.all().map(all -> {
            Map<String, Long> result = new java.util.HashMap<>();
            for (Location l : all) {
                if (l.externalRef() != null && references.contains(l.externalRef())) {
                    result.put(l.externalRef(), l.key());
                }
            }
            return result;
        });
    }

    /** After a committed change: every instance reloads its locations, and answers the store as it is now. */
    private Uni<StorePayload> changed(long key) {
        locationChanges.everywhere();
        publicDataChanged.fire(PublicDataChanged.everywhere());
        return directory.byKey(key).map(store -> new StorePayload(store, List.of()));
    }

    private static UserError unknownStore() {
        return UserError.of("UNKNOWN_STORE", "No store with this id", "input", "storeId");
    }

    // ---- locations

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
