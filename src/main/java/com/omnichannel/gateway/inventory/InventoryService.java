package com.omnichannel.gateway.inventory;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.catalog.CatalogService;
import com.omnichannel.gateway.catalog.Product;
import com.omnichannel.gateway.catalog.ProductVariant;
import com.omnichannel.gateway.platform.db.Batch;
import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.platform.errors.ApiException;
import com.omnichannel.gateway.platform.errors.UserError;
import com.omnichannel.gateway.platform.ids.GlobalId;
import com.omnichannel.gateway.platform.paging.Page;
import com.omnichannel.gateway.platform.paging.PageRequest;
import com.omnichannel.gateway.platform.security.Caller;
import com.omnichannel.gateway.inventory.InventoryRepository.MovementRow;
import com.omnichannel.gateway.inventory.InventoryRepository.StockRow;
import com.omnichannel.gateway.store.GeoPoint;
import com.omnichannel.gateway.store.Location;
import com.omnichannel.gateway.store.StoreService;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

/** Stock levels, availability for shoppers, and staff adjustments recorded in the stock ledger. */
@ApplicationScoped
public class InventoryService {

    public static final int MAX_QUANTITY = 1_000_000;
    static final int MAX_REASON = 500;

    private final InventoryRepository repository;
    private final StoreService stores;
    private final CatalogService catalog;
    private final Db db;
    private final StockEvents events;
    private final StockLevelCache levelCache;
    private final int defaultLowStockThreshold;

    public InventoryService(InventoryRepository repository, StoreService stores, CatalogService catalog, Db db, StockEvents events,
            StockLevelCache levelCache, InventoryConfig config) {
        this.repository = repository;
        this.stores = stores;
        this.catalog = catalog;
        this.db = db;
        this.events = events;
        this.levelCache = levelCache;
        this.defaultLowStockThreshold = config.defaultLowStockThreshold();
    }

    // ---- batch reads for variants and products

    public Uni<List<List<StockLevel>>> stockLevelsOf(List<ProductVariant> variants) {
        return levelsWithLocations(variants).map(loaded -> variants.stream().map(v -> {
            List<StockLevel> levels = new ArrayList<>();
            for (StockRow row : loaded.rows.getOrDefault(v.key(), List.of())) {
                Location location = loaded.locations.get(row.locationKey());
                if (location != null) {
                    levels.add(level(row, location));
                }
            }
            return levels;
        }).toList());
    }

    public Uni<List<Integer>> availableToPromiseOf(List<ProductVariant> variants) {
        return levelsWithLocations(variants).map(loaded -> variants.stream().map(v -> {
            int sum = 0;
            for (StockRow row : loaded.rows.getOrDefault(v.key(), List.of())) {
                if (loaded.locations.containsKey(row.locationKey())) {
                    sum += Math.max(row.available(), 0);
                }
            }
            return sum;
        }).toList());
    }

    /**
     * Units of each variant available for a fulfilment: at one store, or (storeKey null) anywhere in the network.
     */
    public Uni<List<Integer>> availableFor(List<ProductVariant> variants, Long storeKey) {
        if (storeKey == null) {
            return availableToPromiseOf(variants);
        }
        return levelCache.byVariantKeys(keys(variants)).map(rows -> variants.stream()
                .map(v -> rows.getOrDefault(v.key(), List.of()).stream().filter(r -> r.locationKey() == storeKey)
                        .mapToInt(r -> Math.max(r.available(), 0)).sum())
                .toList());
    }

    /**
     * Availability per store for each variant, nearest first from the reference point: the given point, else the
     * given store, else (for kiosks) the kiosk's own store; without any, stores are listed by name.
     */
    public Uni<List<List<StoreAvailability>>> storeAvailabilityOf(Caller caller, List<ProductVariant> variants,
            GeoPointInput near, String storeId, int first, boolean excludeHere) {
        if (first < 0 || first > PageRequest.MAX_PAGE_SIZE) {
            throw ApiException.badUserInput("Argument 'first' must be between 0 and " + PageRequest.MAX_PAGE_SIZE);
        }
        if (near != null && storeId != null) {
            throw ApiException.badUserInput("Give at most one of 'near' or 'storeId'");
        }
        if (near != null && !GeoPoint.isValid(near.lat(), near.lng())) {
            throw ApiException.badUserInput("Latitude must be within [-90, 90] and longitude within [-180, 180]");
        }
        Long referenceStore = storeId != null ? (Long) GlobalId.decode(Location.TYPE, storeId, "storeId") : caller.storeId();
        Uni<GeoPoint> origin = near != null ? Uni.createFrom().item(new GeoPoint(near.lat(), near.lng()))
                : referenceStore != null ? stores.store(referenceStore).map(Location::coordinates)
                : Uni.createFrom().nullItem();
        return origin.chain(point -> Uni.combine().all().unis(levelsWithLocations(variants), stores.allLocations())
                .asTuple().map(t -> {
                    Loaded loaded = t.getItem1();
                    List<Location> storeList = t.getItem2().stream().filter(Location::isStore)
                            .filter(store -> !(excludeHere && referenceStore != null && referenceStore.equals(store.key())))
                            .toList();
                    // The stores' order (nearest first, else by name) is the same for every variant: worked out once.
                    List<StoreAvailability> ordered = new ArrayList<>(storeList.size());
                    for (Location store : storeList) {
                        Double distance = point == null ? null : Math.round(point.distanceKmTo(store.coordinates()) * 100) / 100.0;
                        ordered.add(new StoreAvailability(store, 0, distance));
                    }
                    Comparator<StoreAvailability> order = point == null
                            ? Comparator.comparing((StoreAvailability a) -> a.store().name())
                            : Comparator.comparingDouble(StoreAvailability::distanceKm);
                    ordered.sort(order.thenComparing(a -> a.store().key()));
                    List<StoreAvailability> listed = ordered.subList(0, Math.min(first, ordered.size()));
                    return variants.stream().map(v -> {
                        Map<Long, Integer> availableByStore = new HashMap<>();
                        for (StockRow row : loaded.rows.getOrDefault(v.key(), List.of())) {
                            availableByStore.put(row.locationKey(), Math.max(row.available(), 0));
                        }
                        List<StoreAvailability> result = new ArrayList<>(listed.size());
                        for (StoreAvailability store : listed) {
                            result.add(new StoreAvailability(store.store(), availableByStore.getOrDefault(store.store().key(), 0),
                                    store.distanceKm()));
                        }
                        return result;
                    }).toList();
                }));
    }

    /** For kiosks: availability of each variant at the kiosk's own store; null for other callers. */
    public Uni<List<StoreAvailability>> availabilityHereOf(Caller caller, List<ProductVariant> variants) {
        if (caller.storeId() == null) {
            List<StoreAvailability> nulls = new ArrayList<>();
            variants.forEach(v -> nulls.add(null));
            return Uni.createFrom().item(nulls);
        }
        long here = caller.storeId();
        return stores.store(here).chain(store -> availableFor(variants, here)
                .map(available -> available.stream().map(n -> new StoreAvailability(store, n, 0.0)).toList()));
    }

    /** When an order placed now could be collected at each store, where it has units available (else null). */
    public List<OffsetDateTime> pickupReadyByOf(List<StoreAvailability> availabilities) {
        List<OffsetDateTime> result = new ArrayList<>(availabilities.size());
        availabilities.forEach(a -> result.add(a.available() > 0 ? stores.pickupReadyBy(a.store()) : null));
        return result;
    }

    public Uni<List<ProductAvailability>> availabilityOf(List<Product> products) {
        return Batch.one(products, Product::key, repository::availabilityByProductKeys)
                .map(list -> list.stream().map(a -> a == null
                        ? new ProductAvailability(false, 0, 0)
                        : new ProductAvailability(a[0] > 0, a[0], a[1])).toList());
    }

    // ---- staff reads

    public Uni<StockLevelConnection> lowStockItems(Caller caller, String locationId, PageRequest page) {
        caller.requireStaff();
        long locationKey = GlobalId.decode(Location.TYPE, locationId, "locationId");
        return stores.location(locationKey).chain(location -> repository
                .lowStock(locationKey, defaultLowStockThreshold, page.fetchSize(), page.offset())
                .map(rows -> Page.connection(rows.stream().map(r -> level(r, location)).toList(), page,
                        StockLevelConnection.Edge::new, StockLevelConnection::new)));
    }

    public Uni<StockMovementConnection> movements(Caller caller, String variantId, String locationId, PageRequest page) {
        caller.requireStaff();
        Long variantKey = variantId == null ? null : GlobalId.decode(ProductVariant.TYPE, variantId, "variantId");
        Long locationKey = locationId == null ? null : GlobalId.decode(Location.TYPE, locationId, "locationId");
        return repository.movements(variantKey, locationKey, page.fetchSize(), page.offset())
                .chain(rows -> stores.locationsByKeys(rows.stream().map(MovementRow::locationKey).toList())
                        .map(locations -> rows.stream().map(r -> movement(r, locations.get(r.locationKey()))).toList()))
                .map(list -> Page.connection(list, page, StockMovementConnection.Edge::new, StockMovementConnection::new));
    }

    public Uni<List<ProductVariant>> variantsOf(List<StockLevel> levels) {
        return Batch.one(levels, StockLevel::variantKey, catalog::variantsByKeys);
    }

    public Uni<List<ProductVariant>> movementVariantsOf(List<StockMovement> movements) {
        return Batch.one(movements, StockMovement::variantKey, catalog::variantsByKeys);
    }

    // ---- staff writes

    /**
     * Applies a delta or sets the counted on-hand quantity. The level row is locked for the transaction, so
     * concurrent adjustments apply one after another and none is lost; each writes one ledger entry.
     */
    public Uni<StockLevelPayload> adjust(Caller caller, StockAdjustInput input) {
        caller.requireStaff();
        Long variantKey = GlobalId.tryDecode(ProductVariant.TYPE, input.variantId());
        Long locationKey = GlobalId.tryDecode(Location.TYPE, input.locationId());
        if (variantKey == null) {
            return failed("UNKNOWN_VARIANT", "No product variant with this id", "input", "variantId");
        }
        if (locationKey == null) {
            return failed("UNKNOWN_LOCATION", "No location with this id", "input", "locationId");
        }
        if ((input.delta() == null) == (input.onHand() == null)) {
            return failed("INVALID_ADJUSTMENT", "Give exactly one of 'delta' or 'onHand'", "input");
        }
        if (input.delta() != null && (input.delta() == 0 || Math.abs(input.delta()) > MAX_QUANTITY)) {
            return failed("INVALID_QUANTITY", "Delta must be non-zero and at most " + MAX_QUANTITY + " in size", "input", "delta");
        }
        if (input.onHand() != null && input.onHand() < 0) {
            return failed("NEGATIVE_STOCK", "On-hand quantity cannot be below zero", "input", "onHand");
        }
        if (input.onHand() != null && input.onHand() > MAX_QUANTITY) {
            return failed("INVALID_QUANTITY", "On-hand quantity must be at most " + MAX_QUANTITY, "input", "onHand");
        }
        String reason = input.reason() == null ? "" : input.reason().strip();
        if (reason.isEmpty() || reason.length() > MAX_REASON) {
            return failed("INVALID_REASON", "A reason of 1 to " + MAX_REASON + " characters is required", "input", "reason");
        }
        StockMovementKind kind = input.delta() != null ? StockMovementKind.ADJUSTMENT : StockMovementKind.COUNT;
        return stores.findLocation(locationKey).chain(location -> {
            if (location == null) {
                return failed("UNKNOWN_LOCATION", "No location with this id", "input", "locationId");
            }
            return db.inTransaction(tx -> repository.lockLevel(tx, variantKey, locationKey).chain(before -> {
                long target = input.delta() != null ? (long) before.onHand() + input.delta() : input.onHand();
                String field = input.delta() != null ? "delta" : "onHand";
                UserError broken = target < 0
                        ? UserError.of("NEGATIVE_STOCK", "On-hand would fall below zero (now " + before.onHand() + ")", "input", field)
                        : target < before.reserved()
                                ? UserError.of("BELOW_RESERVED", "On-hand cannot fall below the " + before.reserved()
                                        + " units reserved for orders", "input", field)
                                : target > MAX_QUANTITY
                                        ? UserError.of("INVALID_QUANTITY", "On-hand must be at most " + MAX_QUANTITY, "input", field)
                                        : null;
                if (broken != null) {
                    // Nothing was written; the level's lock goes with the transaction.
                    tx.rollBack();
                    return Uni.createFrom().item(StockLevelPayload.failed(broken));
                }
                return repository.writeLevel(tx, variantKey, locationKey, (int) target, before.reserved())
                        .invoke(after -> tx.afterCommit(() -> events.publish(List.of(before), List.of(after))))
                        .chain(after -> repository.recordMovement(tx, before, after, kind, reason, caller.actor(),
                                caller.channel(), null)
                                .map(m -> new StockLevelPayload(level(after, location), movement(m, location), List.of())));
            }))
                    .onFailure(InventoryService::isUnknownVariant)
                    .recoverWithItem(e -> StockLevelPayload.failed(UserError.of("UNKNOWN_VARIANT", "No product variant with this id", "input", "variantId")));
        });
    }

    public Uni<StockLevelPayload> setLowStockThreshold(Caller caller, LowStockThresholdSetInput input) {
        caller.requireStaff();
        Long variantKey = GlobalId.tryDecode(ProductVariant.TYPE, input.variantId());
        Long locationKey = GlobalId.tryDecode(Location.TYPE, input.locationId());
        if (variantKey == null) {
            return failed("UNKNOWN_VARIANT", "No product variant with this id", "input", "variantId");
        }
        if (locationKey == null) {
            return failed("UNKNOWN_LOCATION", "No location with this id", "input", "locationId");
        }
        if (input.threshold() != null && (input.threshold() < 0 || input.threshold() > MAX_QUANTITY)) {
            return failed("INVALID_QUANTITY", "Threshold must be between 0 and " + MAX_QUANTITY, "input", "threshold");
        }
        return stores.findLocation(locationKey).chain(location -> {
            if (location == null) {
                return failed("UNKNOWN_LOCATION", "No location with this id", "input", "locationId");
            }
            return db.inTransaction(tx -> repository.lockLevel(tx, variantKey, locationKey)
                    .chain(before -> repository.writeThreshold(tx, variantKey, locationKey, input.threshold())
                            .invoke(after -> tx.afterCommit(() -> events.publish(List.of(before), List.of(after))))))
                    .map(row -> new StockLevelPayload(level(row, location), null, List.of()))
                    .onFailure(InventoryService::isUnknownVariant)
                    .recoverWithItem(e -> StockLevelPayload.failed(UserError.of("UNKNOWN_VARIANT", "No product variant with this id", "input", "variantId")));
        });
    }

    // ---- store sales

    /**
     * Units sold over the counter at a store leave its on-hand at once (no reservation), each level with a SALE ledger
     * entry, as the last statement of the caller's transaction (sent with its COMMIT). False, and the transaction
     * rolled back, when the store has fewer units available (on hand, not reserved for orders) than sold of any
     * variant. Quantities of the same variant are added up first.
     */
    public Uni<Boolean> takeForSaleThenCommit(Db.Tx tx, Caller till, long storeKey, List<Long> variantKeys, List<Integer> quantities,
            String reference) {
        java.util.TreeMap<Long, Integer> byVariant = new java.util.TreeMap<>();
        for (int i = 0; i < variantKeys.size(); i++) {
            byVariant.merge(variantKeys.get(i), quantities.get(i), Integer::sum);
        }
        List<Long> variants = new ArrayList<>(byVariant.keySet());
        List<Integer> sold = new ArrayList<>(byVariant.values());
        List<Long> locations = variants.stream().map(v -> storeKey).toList();
        return repository.takeWhereAvailableThenCommit(tx, variants, locations, sold, StockMovementKind.SALE,
                        "Sold at the store's till, order " + reference, till.actor(), till.channel(), reference)
                .map(after -> {
                    List<StockRow> before = after.stream().map(a -> new StockRow(a.variantKey(), a.locationKey(),
                            a.onHand() + sold.get(variants.indexOf(a.variantKey())), a.reserved(), a.threshold(), a.updatedAt())).toList();
                    tx.afterCommit(() -> events.publish(before, after));
                    return true;
                })
                .onFailure(Db::isTooFewRows).recoverWithItem(() -> {
                    tx.rollBack();
                    return false;
                });
    }

    // ---- live stock

    /**
     * Stock levels at a location (the kiosk's own store when none is given) each time they change, through any
     * instance; optionally only for some variants. Open to every caller, as stock is on every product page.
     */
    public Multi<StockLevel> stockChanges(Caller caller, String locationId, List<String> variantIds) {
        Long locationKey = locationId != null ? GlobalId.tryDecode(Location.TYPE, locationId) : caller.storeId();
        if (locationKey == null) {
            return Multi.createFrom().failure(ApiException.badUserInput(locationId == null
                    ? "Argument 'locationId' is required (only kiosks have a store of their own)"
                    : "Argument 'locationId' is not a location id"));
        }
        Set<Long> variants = new LinkedHashSet<>();
        if (variantIds != null) {
            if (variantIds.size() > 100) {
                return Multi.createFrom().failure(ApiException.badUserInput("At most 100 variant ids"));
            }
            for (String id : variantIds) {
                Long key = GlobalId.tryDecode(ProductVariant.TYPE, id);
                if (key == null) {
                    return Multi.createFrom().failure(ApiException.badUserInput("Argument 'variantIds' holds \""
                            + (id.length() > 40 ? id.substring(0, 40) + "…" : id) + "\", which is not a variant's id (ProductVariant.id)"));
                }
                variants.add(key);
            }
        }
        return live(locationKey, change -> variants.isEmpty() || variants.contains(change.variantKey()));
    }

    /** Staff: each stock level at the location that falls to or below its low-stock threshold. */
    public Multi<StockLevel> lowStockAlerts(Caller caller, String locationId) {
        try {
            caller.requireStaff();
        } catch (ApiException e) {
            return Multi.createFrom().failure(e);
        }
        Long locationKey = GlobalId.tryDecode(Location.TYPE, locationId);
        if (locationKey == null) {
            return Multi.createFrom().failure(ApiException.badUserInput("Argument 'locationId' is not a location id"));
        }
        return live(locationKey, change -> {
            int threshold = change.threshold() != null ? change.threshold() : defaultLowStockThreshold;
            return change.available() <= threshold && change.availableBefore() > threshold;
        });
    }

    private Multi<StockLevel> live(long locationKey, java.util.function.Predicate<StockEvents.StockChanged> wanted) {
        return Multi.createFrom().uni(stores.findLocation(locationKey).invoke(location -> {
            if (location == null) {
                throw ApiException.notFound("No location with this id");
            }
        })).onItem().transformToMultiAndConcatenate(location -> events.all()
                .filter(change -> change.locationKey() == locationKey && wanted.test(change))
                .map(change -> level(new StockRow(change.variantKey(), change.locationKey(), change.onHand(), change.reserved(),
                        change.threshold(), change.updatedAt()), location)));
    }

    /**
     * Erasure of a person: the stock ledger keeps every movement (stock must add up) but no longer names them as the
     * actor. Runs in the caller's transaction.
     */
    public Uni<Void> anonymizeActor(Db.Tx tx, String actor, String replacement) {
        return repository.renameActor(tx, actor, replacement);
    }


    // ---- helpers

    private record Loaded(Map<Long, List<StockRow>> rows, Map<Long, Location> locations) {
    }

    private Uni<Loaded> levelsWithLocations(List<ProductVariant> variants) {
        Set<Long> keys = keys(variants);
        if (keys.isEmpty()) {
            return Uni.createFrom().item(new Loaded(Map.of(), Map.of()));
        }
        return levelCache.byVariantKeys(keys).chain(rows -> {
            Set<Long> locationKeys = new LinkedHashSet<>();
            rows.values().forEach(list -> list.forEach(r -> locationKeys.add(r.locationKey())));
            return stores.locationsByKeys(locationKeys).map(locations -> new Loaded(rows, locations));
        });
    }

    private static Set<Long> keys(List<ProductVariant> variants) {
        Set<Long> keys = new LinkedHashSet<>();
        variants.forEach(v -> keys.add(v.key()));
        return keys;
    }

    StockLevel level(StockRow row, Location location) {
        int threshold = row.threshold() != null ? row.threshold() : defaultLowStockThreshold;
        return new StockLevel(StockLevel.globalId(row.variantKey(), location.key()), location, row.onHand(), row.reserved(), row.available(), threshold,
                row.available() <= threshold, row.updatedAt(), row.variantKey());
    }

    private static StockMovement movement(MovementRow m, Location location) {
        return new StockMovement(GlobalId.encode(StockMovement.TYPE, m.id()), location, m.kind(), m.delta(),
                m.onHandBefore(), m.onHandAfter(), m.reservedBefore(), m.reservedAfter(), m.reason(), m.actor(),
                m.channel(), m.reference(), m.createdAt(), m.variantKey());
    }

    private static Uni<StockLevelPayload> failed(String code, String message, String... field) {
        return Uni.createFrom().item(StockLevelPayload.failed(UserError.of(code, message, field)));
    }

    private static boolean isUnknownVariant(Throwable t) {
        return t instanceof PgException pg && "23503".equals(pg.getSqlState());
    }
}
