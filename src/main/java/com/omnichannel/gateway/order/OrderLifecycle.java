package com.omnichannel.gateway.order;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.inventory.StockReservations;
import com.omnichannel.gateway.inventory.StockReservations.OrderStock;
import com.omnichannel.gateway.order.OrderPayloads.OrderPayload;
import com.omnichannel.gateway.order.OrderRows.OrderRow;
import com.omnichannel.gateway.order.OrderRows.ShipmentLineRow;
import com.omnichannel.gateway.order.OrderRows.ShipmentRow;
import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.platform.errors.ApiException;
import com.omnichannel.gateway.platform.errors.UserError;
import com.omnichannel.gateway.platform.ids.GlobalId;
import com.omnichannel.gateway.platform.security.Caller;
import com.omnichannel.gateway.store.PickupSlots;

import io.smallrye.mutiny.Uni;

/**
 * An order's way through its lifecycle ({@link OrderStatus}): staff move it along, its shipments following, and
 * staff or its customer cancel it, which releases its reserved stock and voids or refunds its payment.
 */
@ApplicationScoped
public class OrderLifecycle {

    private static final int MAX_NOTE = 500;

    private final OrderChanges changes;
    private final OrderStatusChanges statuses;
    private final ShipmentMoves shipments;
    private final OrderRepository repository;
    private final StockReservations stockReservations;
    private final Pickups pickups;
    private final PickupRepository pickupRepository;
    private final PickupSlots pickupSlots;

    OrderLifecycle(OrderChanges changes, OrderStatusChanges statuses, ShipmentMoves shipments, OrderRepository repository,
            StockReservations stockReservations, Pickups pickups, PickupRepository pickupRepository, PickupSlots pickupSlots) {
        this.changes = changes;
        this.statuses = statuses;
        this.shipments = shipments;
        this.repository = repository;
        this.stockReservations = stockReservations;
        this.pickups = pickups;
        this.pickupRepository = pickupRepository;
        this.pickupSlots = pickupSlots;
    }

    public Uni<OrderPayload> updateStatus(Caller caller, OrderInputs.StatusUpdate input) {
        caller.requireStaff();
        long key = orderKey(input.orderId());
        if (input.note() != null && input.note().length() > MAX_NOTE) {
            return Uni.createFrom().item(OrderPayload.failed(UserError.of("INVALID_NOTE", "A note can have at most " + MAX_NOTE + " characters", "input", "note")));
        }
        if (input.status() == OrderStatus.CANCELLED) {
            return cancel(caller, new OrderInputs.Cancel(input.orderId(), input.note()));
        }
        return changes.ofOrder(caller, key, (tx, order, changed) -> {
            OrderStatus target = input.status();
            if (!order.status().canMoveTo(target, order.fulfilmentType())) {
                return ChangeOutcome.refused(UserError.of("ILLEGAL_TRANSITION", "An order that is " + order.status() + " cannot become "
                        + target + "; it can become " + order.status().next(order.fulfilmentType()), "input", "status"));
            }
            if (target == OrderStatus.CONFIRMED) {
                return statuses.setStatus(tx, caller, order, target, input.note(), changed).replaceWith(ChangeOutcome.<Void>made(null));
            }
            ShipmentStatus from = switch (target) {
                case READY_FOR_PICKUP, SHIPPED -> ShipmentStatus.PENDING;
                case PICKED_UP -> ShipmentStatus.READY_FOR_PICKUP;
                case DELIVERED -> ShipmentStatus.SHIPPED;
                default -> throw new IllegalStateException();
            };
            ShipmentStatus to = ShipmentStatus.valueOf(target.name());
            return repository.shipmentsByOrder(tx, List.of(order.id())).chain(byOrder -> {
                List<Long> moving = byOrder.getOrDefault(order.id(), List.of()).stream()
                        .filter(s -> s.status() == from).map(ShipmentRow::id).toList();
                return shipments.move(tx, caller, moving, to, null, null, input.note(), changed)
                        .chain(moved -> moved.then(none -> statuses.setStatus(tx, caller, order, target, input.note(), changed)
                                .replaceWith(ChangeOutcome.<Void>made(null))));
            });
        });
    }

    public Uni<OrderPayload> cancel(Caller caller, OrderInputs.Cancel input) {
        long key = orderKey(input.orderId());
        if (!caller.isAuthenticated()) {
            throw ApiException.unauthenticated();
        }
        if (input.reason() != null && input.reason().length() > MAX_NOTE) {
            return Uni.createFrom().item(OrderPayload.failed(UserError.of("INVALID_NOTE", "A reason can have at most " + MAX_NOTE + " characters", "input", "reason")));
        }
        return changes.ofOrder(caller, key, (tx, order, changed) -> {
            if (!caller.isStaff() && !(order.status() == OrderStatus.PLACED || order.status() == OrderStatus.CONFIRMED)) {
                return ChangeOutcome.refused(UserError.of("ILLEGAL_TRANSITION", "Fulfilment of this order has started; ask the store to cancel it",
                        "input", "orderId"));
            }
            if (!order.status().canMoveTo(OrderStatus.CANCELLED, order.fulfilmentType())) {
                return ChangeOutcome.refused(UserError.of("ILLEGAL_TRANSITION", "An order that is " + order.status() + " cannot be cancelled",
                        "input", "orderId"));
            }
            return cancelled(tx, caller, order, input.reason(), PickupOutcome.CANCELLED, changed);
        });
    }

    /**
     * Cancels an order whose pickup was not collected before the cutoff (its collect-by time plus the grace period),
     * checked again under the order's lock: a hand-over or a cancellation that came first wins, and the order is
     * cancelled once however many runs of the expiry job try. Made when cancelled; refused when there was nothing to do.
     */
    Uni<OrderPayload> cancelUncollected(Caller system, long key, java.time.OffsetDateTime cutoff) {
        return changes.ofOrder(system, key, (tx, order, changed) -> {
            if (order.status() != OrderStatus.READY_FOR_PICKUP) {
                return ChangeOutcome.refused(UserError.of("NOT_UNCOLLECTED", "The order is " + order.status()));
            }
            return pickupRepository.notCollectedBefore(tx, order.id(), cutoff).chain(collectBy -> {
                if (collectBy == null) {
                    return ChangeOutcome.refused(UserError.of("NOT_UNCOLLECTED", "No pickup of the order is overdue"));
                }
                return repository.shipmentsByOrder(tx, List.of(order.id())).chain(byOrder -> {
                    if (byOrder.getOrDefault(order.id(), List.of()).stream().anyMatch(s -> s.status() == ShipmentStatus.PICKED_UP)) {
                        // Part of it was collected: what is left is for the store to settle with the customer.
                        return ChangeOutcome.refused(UserError.of("NOT_UNCOLLECTED", "Part of the order was collected"));
                    }
                    String reason = "Not collected by " + collectBy + ": cancelled after the hold period and grace; the units are "
                            + "back in stock and the payment is " + (order.paymentStatus() == PaymentStatus.PAID ? "refunded" : "voided");
                    return cancelled(tx, system, order, reason, PickupOutcome.NOT_COLLECTED, changed);
                });
            });
        });
    }

    /** Releases what the order holds (units, its pickup slot), cancels it and voids or refunds its payment. */
    private Uni<ChangeOutcome<Void>> cancelled(Db.Tx tx, Caller caller, OrderRow order, String reason, PickupOutcome pickupOutcome,
            List<OrderRow> changed) {
        PaymentStatus payment = switch (order.paymentStatus()) {
            case AUTHORIZED, PENDING -> PaymentStatus.VOIDED;
            case PAID -> PaymentStatus.REFUNDED;
            default -> order.paymentStatus();
        };
        return releaseStock(tx, caller, order, pickupOutcome)
                .chain(() -> pickupSlots.release(tx, order.id()))
                .chain(() -> statuses.setStatus(tx, caller, order, OrderStatus.CANCELLED, reason, changed))
                .chain(() -> payment == order.paymentStatus() ? Uni.createFrom().voidItem()
                        : statuses.setPaymentStatus(tx, order, payment))
                .replaceWith(ChangeOutcome.<Void>made(null));
    }

    /**
     * Releases what the order's shipments still hold: a shipment of this order alone is cancelled; a merged shipment
     * goes on for the other order(s), without this order's lines.
     */
    private Uni<Void> releaseStock(Db.Tx tx, Caller caller, OrderRow order, PickupOutcome pickupOutcome) {
        return repository.shipmentsByOrder(tx, List.of(order.id())).chain(byOrder -> {
            List<ShipmentRow> held = byOrder.getOrDefault(order.id(), List.of()).stream().filter(s -> s.status().holdsReservation()).toList();
            List<Long> heldIds = held.stream().map(ShipmentRow::id).toList();
            if (heldIds.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return repository.lockShipments(tx, heldIds).chain(() -> repository.linesByShipment(tx, heldIds)).chain(linesByShipment -> {
                List<OrderStock> released = new ArrayList<>();
                List<Long> whollyCancelled = new ArrayList<>();
                Uni<Void> detach = Uni.createFrom().voidItem();
                for (ShipmentRow shipment : held) {
                    List<ShipmentLineRow> lines = linesByShipment.getOrDefault(shipment.id(), List.of());
                    boolean shared = lines.stream().anyMatch(l -> l.line().orderId() != order.id());
                    lines.stream().filter(l -> l.line().orderId() == order.id())
                            .forEach(l -> released.add(new OrderStock(l.line().variantId(), shipment.locationId(), l.quantity())));
                    if (shared) {
                        detach = detach.chain(() -> repository.removeOrderFromShipment(tx, shipment.id(), order.id()));
                    } else {
                        whollyCancelled.add(shipment.id());
                    }
                }
                Uni<Void> cancelled = whollyCancelled.isEmpty() ? Uni.createFrom().voidItem()
                        : repository.setShipmentStatus(tx, whollyCancelled, ShipmentStatus.CANCELLED)
                                .chain(() -> pickups.close(tx, whollyCancelled, pickupOutcome));
                Uni<Void> detached = detach;
                return stockReservations.release(tx, released, caller.actor(), caller.channel(), order.number())
                        .chain(() -> cancelled).chain(() -> detached);
            });
        });
    }

    private static long orderKey(String id) {
        Long key = GlobalId.tryDecode(Order.TYPE, id);
        if (key == null) {
            throw ApiException.notFound("No order with this id");
        }
        return key;
    }
}
