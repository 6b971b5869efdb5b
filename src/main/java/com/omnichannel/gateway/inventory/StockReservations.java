package com.omnichannel.gateway.inventory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.inventory.InventoryRepository.StockRow;
import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.platform.security.Channel;
import com.omnichannel.gateway.store.Location;
import com.omnichannel.gateway.store.StoreService;

import io.smallrye.mutiny.Uni;

/**
 * Stock for orders: what the variants' levels can supply, and the units an order reserves, releases (cancellation)
 * and takes (goods leaving the location), each change in the stock ledger and announced once committed. Every
 * method that locks levels does so in one global order (variant, then location), so concurrent orders never
 * deadlock over them.
 */
@ApplicationScoped
public class StockReservations {

    private final InventoryRepository repository;
    private final StoreService stores;
    private final StockEvents events;
    private final StockLevelCache levelCache;

    public StockReservations(InventoryRepository repository, StoreService stores, StockEvents events, StockLevelCache levelCache) {
        this.repository = repository;
        this.stores = stores;
        this.events = events;
        this.levelCache = levelCache;
    }

    /** Stock of a variant at a location, with what an allocation policy needs to know about the location. */
    public record Supply(long variantKey, long locationKey, boolean warehouse, int priority, int available) {
    }

    /** Units of a variant at a location that an order reserves, releases or takes. */
    public record OrderStock(long variantKey, long locationKey, int quantity) {
    }

    /** How {@link #reserveWhereAvailableThenCommit} ended. */
    public enum Reservation {
        /** Every level had the units: they are reserved and the transaction has committed. */
        RESERVED,
        /**
         * A level no longer had the units the plan took from it: nothing was reserved, the transaction has rolled
         * back, and the caller plans again from locked levels.
         */
        LEVELS_CHANGED
    }

    /**
     * The variants' stock (at one location, or at every active location) as last seen, without locking anything: a
     * plan made from it is reserved with {@link #reserveWhereAvailableThenCommit}, which checks it against the rows. The levels
     * come from the level cache, which every committed stock change invalidates.
     */
    public Uni<List<Supply>> supply(Set<Long> variantKeys, Long locationKey) {
        return Uni.combine().all().unis(stores.allLocations(), levelCache.byVariantKeys(variantKeys)).asTuple().map(t -> {
            List<StockRow> rows = new ArrayList<>();
            t.getItem2().values().forEach(rows::addAll);
            return supply(t.getItem1(), rows, locationKey);
        });
    }

    /**
     * Locks the variants' stock levels (at one location, or at every active location) for the rest of the
     * transaction, in the global lock order, and returns what is available.
     */
    public Uni<List<Supply>> lockSupply(Db.Tx tx, Set<Long> variantKeys, Long locationKey) {
        return stores.allLocations().chain(all -> repository.lockVariants(tx, variantKeys, locationKey)
                .map(rows -> supply(all, rows, locationKey)));
    }

    private static List<Supply> supply(List<Location> locations, List<StockRow> rows, Long locationKey) {
        Map<Long, Location> active = new HashMap<>();
        locations.forEach(l -> active.put(l.key(), l));
        List<Supply> supply = new ArrayList<>();
        for (StockRow row : rows) {
            Location location = active.get(row.locationKey());
            if (location != null && (locationKey == null || locationKey == row.locationKey())) {
                supply.add(new Supply(row.variantKey(), row.locationKey(), !location.isStore(), location.priority(), row.available()));
            }
        }
        return supply;
    }

    /** Reserves units at levels the transaction has locked with {@link #lockSupply}; one ledger entry per level. */
    public Uni<Void> reserve(Db.Tx tx, List<OrderStock> items, String actor, Channel channel, String reference) {
        return change(tx, items, StockMovementKind.RESERVATION, 0, 1, false, "Reserved for order " + reference, actor, channel,
                reference);
    }

    /**
     * Reserves units at levels that were not locked before (a plan made from {@link #supply}) as the transaction's last
     * statement, which commits it: the statement locks the levels in the global lock order and changes them only if
     * every one still has the units available, which the database checks on the locked rows, so it never oversells.
     * When any level does not, nothing is changed, the transaction rolls back (its work ends with
     * {@link Db.Tx#rollBack}), and this answers {@link Reservation#LEVELS_CHANGED}. The levels stay locked only while
     * PostgreSQL runs the statement and commits.
     */
    public Uni<Reservation> reserveWhereAvailableThenCommit(Db.Tx tx, List<OrderStock> items, String actor, Channel channel,
            String reference) {
        return change(tx, items, StockMovementKind.RESERVATION, 0, 1, true, "Reserved for order " + reference, actor, channel,
                reference).replaceWith(Reservation.RESERVED)
                .onFailure(Db::isTooFewRows).recoverWithItem(() -> {
                    tx.rollBack();
                    return Reservation.LEVELS_CHANGED;
                });
    }

    /** Releases reserved units (cancellation). */
    public Uni<Void> release(Db.Tx tx, List<OrderStock> items, String actor, Channel channel, String reference) {
        return change(tx, items, StockMovementKind.RELEASE, 0, -1, false, "Released by order " + reference, actor, channel, reference);
    }

    /** Reserved units leave the location (shipped or picked up). */
    public Uni<Void> fulfil(Db.Tx tx, List<OrderStock> items, String actor, Channel channel, String reference) {
        return change(tx, items, StockMovementKind.FULFILMENT, -1, -1, false, "Fulfilled for order " + reference, actor, channel, reference);
    }

    /**
     * Returned units received at a location: put back on hand ({@link StockMovementKind#RETURN}), or recorded as
     * damaged without changing on-hand ({@link StockMovementKind#RETURN_DAMAGED}). Kiosks and caches hear of it once
     * the transaction commits.
     */
    public Uni<Void> receiveReturn(Db.Tx tx, List<OrderStock> items, boolean restock, String actor, Channel channel, String reference) {
        if (items.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String reason = (restock ? "Returned to stock: " : "Returned damaged: ")
                + items.stream().mapToInt(OrderStock::quantity).sum() + " unit(s) of return " + reference;
        return repository.ensureLevels(tx, items.stream().map(OrderStock::variantKey).toList(), items.stream().map(OrderStock::locationKey).toList())
                .chain(() -> change(tx, items, restock ? StockMovementKind.RETURN : StockMovementKind.RETURN_DAMAGED, restock ? 1 : 0, 0,
                        false, reason, actor, channel, reference));
    }

    private Uni<Void> change(Db.Tx tx, List<OrderStock> items, StockMovementKind kind, int onHandSign, int reservedSign,
            boolean lastWhereAvailable, String reason, String actor, Channel channel, String reference) {
        // One change per level, in lock order.
        java.util.TreeMap<List<Long>, Integer> byLevel = new java.util.TreeMap<>(
                Comparator.comparing((List<Long> k) -> k.get(0)).thenComparing(k -> k.get(1)));
        items.forEach(i -> byLevel.merge(List.of(i.variantKey(), i.locationKey()), i.quantity(), Integer::sum));
        if (byLevel.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Long> variants = new ArrayList<>();
        List<Long> locations = new ArrayList<>();
        List<Integer> onHand = new ArrayList<>();
        List<Integer> reserved = new ArrayList<>();
        byLevel.forEach((level, quantity) -> {
            variants.add(level.get(0));
            locations.add(level.get(1));
            onHand.add(onHandSign * quantity);
            reserved.add(reservedSign * quantity);
        });
        // Reservations come after lockSupply or lock in their own statement (lastWhereAvailable); releases and
        // fulfilments lock here, in the same order.
        Uni<List<StockRow>> changed;
        if (lastWhereAvailable) {
            changed = repository.applyWhereAvailableThenCommit(tx, variants, locations, onHand, reserved, kind, reason, actor, channel,
                    reference);
        } else {
            Uni<List<StockRow>> locked = kind == StockMovementKind.RESERVATION
                    ? Uni.createFrom().item(List.of())
                    : repository.lockLevels(tx, variants, locations);
            changed = locked.chain(() -> repository.applyAndRecord(tx, variants, locations, onHand, reserved, kind, reason, actor,
                    channel, reference));
        }
        return changed.invoke(after -> {
                    if (after.size() != variants.size()) {
                        throw new IllegalStateException("Stock level missing for an order movement");
                    }
                    Map<List<Long>, Integer> index = new HashMap<>();
                    for (int i = 0; i < variants.size(); i++) {
                        index.put(List.of(variants.get(i), locations.get(i)), i);
                    }
                    List<StockRow> before = new ArrayList<>(after.size());
                    for (StockRow a : after) {
                        int i = index.get(List.of(a.variantKey(), a.locationKey()));
                        before.add(new StockRow(a.variantKey(), a.locationKey(), a.onHand() - onHand.get(i), a.reserved() - reserved.get(i),
                                a.threshold(), a.updatedAt()));
                    }
                    tx.afterCommit(() -> events.publish(before, after));
                }).replaceWithVoid();
    }
}
