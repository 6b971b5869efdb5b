package com.omnichannel.gateway.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.platform.errors.ApiException;
import com.omnichannel.gateway.platform.errors.Refusal;
import com.omnichannel.gateway.platform.errors.UserError;

import io.smallrye.mutiny.Uni;

/**
 * Bookable pickup slots: which a store offers (within its opening hours, after its preparation time, up to the
 * booking horizon), whether a cart may choose one, and booking it in the order's transaction. Checkout and orders
 * call these methods; the slot tables stay with the store.
 */
@ApplicationScoped
public class PickupSlots {

    private final StoreService stores;
    private final PickupSlotRepository repository;
    private final Clock clock;
    private final Duration maxRange;
    private final Duration horizon;

    public PickupSlots(StoreService stores, PickupSlotRepository repository, Clock clock, StoreConfig config) {
        this.stores = stores;
        this.repository = repository;
        this.clock = clock;
        this.maxRange = config.pickup().maxSlotRange();
        this.horizon = config.pickup().bookingHorizon();
    }

    /** The slots of a store starting in [from, to), with what each still takes; none when it offers no slots. */
    public Uni<List<PickupSlot>> between(long storeKey, OffsetDateTime from, OffsetDateTime to) {
        if (!to.isAfter(from) || Duration.between(from, to).compareTo(maxRange) > 0) {
            throw ApiException.badUserInput("Arguments 'from' and 'to' must span more than 0 and at most "
                    + maxRange.toHours() + " hours");
        }
        return stores.store(storeKey).chain(store -> {
            if (!store.pickup().offersSlots()) {
                return Uni.createFrom().item(List.<PickupSlot>of());
            }
            Instant now = clock.instant();
            Instant until = min(to.toInstant(), now.plus(horizon));
            List<Instant> starts = PickupSlotPlan.starts(store.hours().rules(), store.pickup().slotMinutes(),
                    stores.earliestReady(store, now), from.toInstant(), until);
            if (starts.isEmpty()) {
                return Uni.createFrom().item(List.<PickupSlot>of());
            }
            return repository.bookedBetween(storeKey, starts.get(0), starts.get(starts.size() - 1).plusSeconds(1)).map(booked -> {
                List<PickupSlot> slots = new ArrayList<>();
                int capacity = store.pickup().slotCapacity();
                for (Instant start : starts) {
                    PickupSlotId id = new PickupSlotId(storeKey, start, store.pickup().slotMinutes());
                    slots.add(new PickupSlot(id.encode(), stores.local(store, start), stores.local(store, id.endsAt()), capacity,
                            Math.max(capacity - booked.getOrDefault(start, 0), 0)));
                }
                return slots;
            });
        });
    }

    /** How a choice of slot was judged: the slot, or why it cannot be chosen. */
    public sealed interface Choice {
        record Valid(PickupSlotId slot, PickupWindow window) implements Choice {
        }

        record Refused(UserError error) implements Choice {
        }
    }

    /**
     * Whether a cart picking up at the store may choose this slot now: it names one of the store's slots, not yet
     * passed and far enough ahead for the order to be prepared, with room left.
     *
     * @param field the path of the slot id in the input, for the user error
     */
    public Uni<Choice> judge(long storeKey, String slotId, String... field) {
        PickupSlotId slot = PickupSlotId.tryDecode(slotId);
        if (slot == null || slot.storeKey() != storeKey) {
            return refused(UserError.of("INVALID_PICKUP_SLOT", "Not a pickup slot of this store", field));
        }
        return stores.findStore(storeKey).chain(store -> {
            UserError timing = timing(store, slot, field);
            if (timing != null) {
                return refused(timing);
            }
            return repository.bookedBetween(storeKey, slot.startsAt(), slot.startsAt().plusSeconds(1)).map(booked -> {
                if (booked.getOrDefault(slot.startsAt(), 0) >= store.pickup().slotCapacity()) {
                    return (Choice) new Choice.Refused(UserError.of("PICKUP_SLOT_FULL", "This pickup slot is fully booked", field));
                }
                return new Choice.Valid(slot, window(store, slot));
            });
        });
    }

    /**
     * Books the slot for the order inside its transaction, or fails with a {@link Refusal} (which rolls the order
     * back) when the slot is full or no longer offered.
     */
    public Uni<Void> book(Db.Tx tx, PickupSlotId slot, long orderKey, String... field) {
        return stores.findStore(slot.storeKey()).chain(store -> {
            UserError timing = timing(store, slot, field);
            if (timing != null) {
                return Uni.createFrom().failure(new Refusal(timing));
            }
            return repository.book(tx, slot, store.pickup().slotCapacity(), orderKey).chain(booked -> booked
                    ? Uni.createFrom().voidItem()
                    : Uni.createFrom().failure(new Refusal(UserError.of("PICKUP_SLOT_FULL", "This pickup slot is fully booked", field))));
        });
    }

    /** Frees the slot the order booked, inside the transaction that cancels it. */
    public Uni<Void> release(Db.Tx tx, long orderKey) {
        return repository.release(tx, orderKey);
    }

    /** The slot each order booked, in the orders' order (null for none). */
    public Uni<List<PickupWindow>> bookedBy(List<Long> orderKeys) {
        return repository.bookedByOrders(orderKeys).chain(byOrder -> stores.locationsByKeys(
                byOrder.values().stream().map(PickupSlotId::storeKey).distinct().toList()).map(locations -> {
                    Map<Long, PickupWindow> windows = new HashMap<>();
                    byOrder.forEach((order, slot) -> {
                        Location store = locations.get(slot.storeKey());
                        windows.put(order, store == null ? null : window(store, slot));
                    });
                    List<PickupWindow> result = new ArrayList<>();
                    orderKeys.forEach(k -> result.add(windows.get(k)));
                    return result;
                }));
    }

    /** The window of a slot of the store as its local times, or null when the id is not one of its slots. */
    public PickupWindow window(Location store, String slotId) {
        PickupSlotId slot = PickupSlotId.tryDecode(slotId);
        return slot == null || store == null || slot.storeKey() != store.key() ? null : window(store, slot);
    }

    private PickupWindow window(Location store, PickupSlotId slot) {
        return new PickupWindow(slot.encode(), stores.local(store, slot.startsAt()), stores.local(store, slot.endsAt()));
    }

    /** Why the slot cannot be booked now (not offered, passed, too soon, too far ahead), or null. */
    private UserError timing(Location store, PickupSlotId slot, String... field) {
        if (store == null || !store.pickup().offersSlots() || slot.minutes() != store.pickup().slotMinutes()) {
            return UserError.of("INVALID_PICKUP_SLOT", "This store offers no such pickup slot", field);
        }
        Instant now = clock.instant();
        if (slot.startsAt().isAfter(now.plus(horizon))) {
            return UserError.of("INVALID_PICKUP_SLOT", "Pickup slots can be booked up to " + horizon.toDays() + " days ahead", field);
        }
        if (!PickupSlotPlan.offers(store.hours().rules(), slot.minutes(), Instant.MIN, slot.startsAt())) {
            return UserError.of("INVALID_PICKUP_SLOT", "This store offers no such pickup slot", field);
        }
        if (slot.startsAt().isBefore(stores.earliestReady(store, now))) {
            return UserError.of("PICKUP_SLOT_UNAVAILABLE", "This pickup slot has passed or is too soon to prepare the order", field);
        }
        return null;
    }

    private static Uni<Choice> refused(UserError error) {
        return Uni.createFrom().item(new Choice.Refused(error));
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
