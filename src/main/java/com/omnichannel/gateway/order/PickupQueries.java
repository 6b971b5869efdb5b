package com.omnichannel.gateway.order;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.order.PickupRepository.PickupRow;
import com.omnichannel.gateway.platform.db.Batch;
import com.omnichannel.gateway.platform.money.Money;
import com.omnichannel.gateway.platform.security.Caller;
import com.omnichannel.gateway.store.Location;
import com.omnichannel.gateway.store.StoreService;

import io.smallrye.mutiny.Uni;

/**
 * The pickups of shipments and orders, read for whole lists at once. The collection code is for the customer who
 * placed the order alone: anyone else (staff included) reads it as null, so only the customer's own screen can
 * have a pickup handed over.
 */
@ApplicationScoped
class PickupQueries {

    private final PickupRepository repository;
    private final StoreService stores;
    private final Pickups pickups;

    PickupQueries(PickupRepository repository, StoreService stores, Pickups pickups) {
        this.repository = repository;
        this.stores = stores;
        this.pickups = pickups;
    }

    /**
     * A shipment carries no trace of who it was read for: anonymous callers (outside a request that looked a guest's
     * order up, a subscription event may resolve as anonymous) are never shown a code here; guests read theirs on
     * the order.
     */
    Uni<List<Pickup>> ofShipments(Caller caller, List<Shipment> shipments) {
        return loaded(shipments, s -> caller, false, Shipment::key, repository::byShipments);
    }

    /** An order read for a subscriber carries who that is; otherwise it is the current caller. */
    Uni<List<Pickup>> ofOrders(Caller caller, List<Order> orders) {
        return loaded(orders, o -> o.viewer() != null ? o.viewer() : caller, true, Order::key, repository::byOrders);
    }

    /**
     * What the till takes for an order when it is collected: its total less what store credit and gift cards paid,
     * while it is paid in store and not yet paid.
     */
    static Money amountDueAtPickup(Order order) {
        boolean due = order.paymentMethod() == PaymentMethod.PAY_IN_STORE && order.paymentStatus() == PaymentStatus.PENDING
                && order.status() != OrderStatus.CANCELLED;
        return Money.ofMinor(due ? order.paymentDueMinor() : 0, order.total().currencyCode());
    }

    /** Whether the caller placed the orders of a pickup: their signed-in customer, or the guest who looked the order up. */
    static boolean isOwner(Caller caller, List<String> owners, boolean guestsToo) {
        if (owners.isEmpty()) {
            return false;
        }
        String customerId = caller.customerId();
        if (customerId != null) {
            return owners.stream().allMatch(customerId::equals);
        }
        // Anonymous callers reach an order only through its number and email (or the checkout that placed it).
        return guestsToo && !caller.isAuthenticated() && owners.stream().allMatch(String::isEmpty);
    }

    private <P> Uni<List<Pickup>> loaded(List<P> parents, Function<P, Caller> viewer, boolean guestsToo, Function<P, Long> key,
            Function<Set<Long>, Uni<Map<Long, PickupRow>>> load) {
        return Batch.one(parents, key, load).chain(rows -> {
            Set<Long> locationKeys = new LinkedHashSet<>();
            rows.forEach(r -> {
                if (r != null) {
                    locationKeys.add(r.locationId());
                }
            });
            Uni<Map<Long, Location>> locations = locationKeys.isEmpty() ? Uni.createFrom().item(Map.of()) : stores.locationsByKeys(locationKeys);
            return locations.map(byKey -> {
                List<Pickup> result = new ArrayList<>(rows.size());
                for (int i = 0; i < rows.size(); i++) {
                    PickupRow r = rows.get(i);
                    result.add(r == null ? null : pickup(viewer.apply(parents.get(i)), guestsToo, r, byKey.get(r.locationId())));
                }
                return result;
            });
        });
    }

    private Pickup pickup(Caller caller, boolean guestsToo, PickupRow r, Location store) {
        boolean shown = r.open() && isOwner(caller, r.owners(), guestsToo);
        return new Pickup(shown ? r.collectionCode() : null, shown ? pickups.qrPayload(store, r.collectionCode()) : null, r.readyAt(),
                r.collectBy(), Money.ofMinor(r.amountDueMinor(), r.currency()), r.closedAt(), r.outcome());
    }
}
