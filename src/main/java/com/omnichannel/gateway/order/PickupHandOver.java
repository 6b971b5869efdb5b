package com.omnichannel.gateway.order;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.order.OrderPayloads.ShipmentPayload;
import com.omnichannel.gateway.order.OrderRows.ShipmentRow;
import com.omnichannel.gateway.platform.errors.UserError;
import com.omnichannel.gateway.platform.errors.UserErrorCode;
import com.omnichannel.gateway.platform.ids.GlobalId;
import com.omnichannel.gateway.platform.money.Money;
import com.omnichannel.gateway.platform.ratelimit.RateLimiter;
import com.omnichannel.gateway.platform.security.Caller;
import com.omnichannel.gateway.store.Location;
import com.omnichannel.gateway.store.StoreService;

import io.smallrye.mutiny.Uni;

/**
 * Staff hand a pickup over at the counter with the collection code the customer shows: the shipment is picked up
 * (its order follows once all its shipments are), the payment is captured or, paid at the till, recorded, and the
 * timeline says who handed it over where. A wrong code, or another store's, is refused and counted per store and per
 * staff member; past either limit the counter has to wait before it tries again, so codes cannot be guessed.
 */
@ApplicationScoped
class PickupHandOver {

    static final UserErrorCode WRONG_CODE = UserErrorCode.INVALID_COLLECTION_CODE;
    private static final int MAX_CODE = 200;

    private final OrderChanges changes;
    private final ShipmentMoves moves;
    private final PickupRepository pickups;
    private final OrderRepository orders;
    private final StoreService stores;
    private final RateLimiter limiter;
    private final RateLimiter.Limit wrongPerStore;
    private final RateLimiter.Limit wrongPerStaff;

    PickupHandOver(OrderChanges changes, ShipmentMoves moves, PickupRepository pickups, OrderRepository orders, StoreService stores,
            RateLimiter limiter) {
        this.changes = changes;
        this.moves = moves;
        this.pickups = pickups;
        this.orders = orders;
        this.stores = stores;
        this.limiter = limiter;
        this.wrongPerStore = limiter.limit("pickup-code-store", 30, Duration.ofMinutes(15));
        this.wrongPerStaff = limiter.limit("pickup-code-staff", 10, Duration.ofMinutes(15));
    }

    Uni<ShipmentPayload> handOver(Caller caller, PickupInputs.HandOver input) {
        caller.requireStaff();
        Long storeKey = GlobalId.tryDecode(Location.TYPE, input.storeId());
        Uni<Location> store = storeKey == null ? Uni.createFrom().nullItem() : stores.findStore(storeKey);
        return store.chain(s -> {
            if (s == null) {
                return Uni.createFrom().item(ShipmentPayload.failed(UserError.of("UNKNOWN_STORE", "No store with this id", "input", "storeId")));
            }
            String storeSubject = "store:" + s.key();
            String staffSubject = "staff:" + caller.subject();
            return Uni.combine().all().unis(limiter.peek(wrongPerStore, storeSubject), limiter.peek(wrongPerStaff, staffSubject)).asTuple()
                    .chain(limits -> {
                        if (!limits.getItem1().allowed() || !limits.getItem2().allowed()) {
                            throw RateLimiter.rateLimited(Math.max(limits.getItem1().allowed() ? 0 : limits.getItem1().retryAfterSeconds(),
                                    limits.getItem2().allowed() ? 0 : limits.getItem2().retryAfterSeconds()));
                        }
                        String code = input.code() == null || input.code().length() > MAX_CODE ? "" : Pickups.normalized(input.code());
                        Uni<Long> shipment = code.isEmpty() ? Uni.createFrom().nullItem() : pickups.openShipmentByCode(s.key(), code);
                        return shipment.chain(key -> key == null ? Uni.createFrom().item(wrong())
                                : handOver(caller, s, key, code))
                                .chain(payload -> isWrong(payload)
                                        ? Uni.combine().all().unis(limiter.hit(wrongPerStore, storeSubject), limiter.hit(wrongPerStaff, staffSubject))
                                                .discardItems().replaceWith(payload)
                                        : Uni.createFrom().item(payload));
                    });
        });
    }

    private Uni<ShipmentPayload> handOver(Caller caller, Location store, long shipmentKey, String code) {
        return changes.ofShipments(caller, List.of(shipmentKey), (tx, shipments, changed) -> {
            ShipmentRow shipment = shipments.get(0);
            return pickups.byShipment(tx, shipmentKey).chain(pickup -> {
                // Checked again under the shipment's lock: a hand-over or cancellation that came first wins.
                if (pickup == null || !pickup.open() || !pickup.collectionCode().equals(code) || shipment.locationId() != store.key()
                        || shipment.status() != ShipmentStatus.READY_FOR_PICKUP) {
                    return ChangeOutcome.refused(wrong().userErrors().get(0));
                }
                String note = "Handed over at " + store.name() + " with the collection code" + (pickup.amountDueMinor() == 0 ? ""
                        : "; " + Money.ofMinor(pickup.amountDueMinor(), pickup.currency()).amount() + " " + pickup.currency()
                                + " taken at the counter");
                return moves.move(tx, caller, List.of(shipmentKey), ShipmentStatus.PICKED_UP, null, null, note, changed)
                        .chain(moved -> moved.then(none -> orders.ordersOfShipments(tx, List.of(shipmentKey))
                                .chain(byShipment -> orders.insertEvents(tx, byShipment.getOrDefault(shipmentKey, List.of()),
                                        OrderEventKind.PICKUP_HANDED_OVER, caller.actor(), caller.channel(), note))
                                .replaceWith(ChangeOutcome.made(shipmentKey))));
            });
        });
    }

    private static ShipmentPayload wrong() {
        return ShipmentPayload.failed(UserError.of(WRONG_CODE, "No pickup waiting at this store has this collection code", "input", "code"));
    }

    private static boolean isWrong(ShipmentPayload payload) {
        return payload.userErrors().stream().anyMatch(e -> e.code() == WRONG_CODE);
    }
}
