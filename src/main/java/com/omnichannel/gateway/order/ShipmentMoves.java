package com.omnichannel.gateway.order;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.inventory.StockReservations;
import com.omnichannel.gateway.inventory.StockReservations.OrderStock;
import com.omnichannel.gateway.order.OrderRows.OrderRow;
import com.omnichannel.gateway.order.OrderRows.ShipmentLineRow;
import com.omnichannel.gateway.order.OrderRows.ShipmentRow;
import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.platform.errors.UserError;
import com.omnichannel.gateway.platform.security.Caller;

import io.smallrye.mutiny.Uni;

/**
 * Moves shipments to a status: checks each transition, moves stock (goods leaving fulfil the reservation, a
 * cancelled shipment releases it), then advances each affected order whose shipments have all reached the matching
 * status.
 */
@ApplicationScoped
class ShipmentMoves {

    private final OrderRepository repository;
    private final StockReservations stockReservations;
    private final OrderStatusChanges statuses;
    private final Pickups pickups;

    ShipmentMoves(OrderRepository repository, StockReservations stockReservations, OrderStatusChanges statuses, Pickups pickups) {
        this.repository = repository;
        this.stockReservations = stockReservations;
        this.statuses = statuses;
        this.pickups = pickups;
    }

    Uni<ChangeOutcome<Void>> move(Db.Tx tx, Caller caller, List<Long> shipmentIds, ShipmentStatus target, String carrier,
            String trackingNumber, String note, List<OrderRow> changed) {
        if (shipmentIds.isEmpty()) {
            return ChangeOutcome.made(null);
        }
        return repository.lockShipments(tx, shipmentIds).chain(shipments -> {
            for (ShipmentRow s : shipments) {
                if (!s.status().next(s.fulfilmentType()).contains(target)) {
                    return ChangeOutcome.refused(UserError.of("ILLEGAL_TRANSITION", "A shipment that is " + s.status() + " cannot become "
                            + target + "; it can become " + s.status().next(s.fulfilmentType()), "input", "status"));
                }
            }
            return repository.ordersOfShipments(tx, shipmentIds).chain(ordersByShipment -> {
                Set<Long> orderIds = new TreeSet<>();
                ordersByShipment.values().forEach(orderIds::addAll);
                return repository.lockOrders(tx, orderIds).chain(orders -> {
                    for (OrderRow o : orders) {
                        if (o.status() == OrderStatus.PLACED || o.status() == OrderStatus.CANCELLED) {
                            return ChangeOutcome.refused(UserError.of("ORDER_NOT_CONFIRMED", "Order " + o.number() + " is " + o.status()
                                    + "; confirm it before its shipments move", "input", "status"));
                        }
                    }
                    return moved(tx, caller, shipmentIds, shipments, orders, orderIds, target, carrier, trackingNumber, note, changed)
                            .chain(() -> pickupsFollow(tx, shipments, ordersByShipment, orders, target))
                            .replaceWith(ChangeOutcome.<Void>made(null));
                });
            });
        });
    }

    private Uni<Void> moved(Db.Tx tx, Caller caller, List<Long> shipmentIds, List<ShipmentRow> shipments, List<OrderRow> orders,
            Set<Long> orderIds, ShipmentStatus target, String carrier, String trackingNumber, String note, List<OrderRow> changed) {
        Uni<Void> stock = Uni.createFrom().voidItem();
        if (target == ShipmentStatus.SHIPPED || target == ShipmentStatus.PICKED_UP) {
            stock = repository.linesByShipment(tx, shipmentIds).chain(linesByShipment -> stockReservations.fulfil(tx,
                    units(shipments, linesByShipment), caller.actor(), caller.channel(), orders.get(0).number()));
        } else if (target == ShipmentStatus.CANCELLED) {
            stock = repository.linesByShipment(tx, shipmentIds).chain(linesByShipment -> stockReservations.release(tx,
                    units(shipments, linesByShipment), caller.actor(), caller.channel(), orders.get(0).number()));
        }
        Uni<Void> tracking = carrier == null && trackingNumber == null ? Uni.createFrom().voidItem()
                : repository.setTracking(tx, shipmentIds, carrier, trackingNumber);
        return stock.chain(() -> repository.setShipmentStatus(tx, shipmentIds, target))
                .chain(() -> tracking)
                .chain(() -> repository.insertEvents(tx, new ArrayList<>(orderIds), OrderEventKind.SHIPMENT_STATUS_CHANGED,
                        caller.actor(), caller.channel(), "Shipment(s) " + shipmentIds.stream().map(Shipment::globalId).toList() + " "
                                + target + (trackingNumber == null ? "" : " tracking " + trackingNumber)))
                .chain(() -> repository.shipmentsByOrder(tx, orderIds))
                .chain(shipmentsByOrder -> {
                    Uni<Void> advance = Uni.createFrom().voidItem();
                    for (OrderRow o : orders) {
                        OrderStatus derived = ShipmentStatus.orderStatusOf(shipmentsByOrder.getOrDefault(o.id(), List.of()).stream()
                                .map(ShipmentRow::status).toList());
                        if (derived != null && derived != o.status() && o.status().canMoveTo(derived, o.fulfilmentType())) {
                            advance = advance.chain(() -> statuses.setStatus(tx, caller, o, derived, note, changed));
                        }
                    }
                    return advance;
                });
    }

    /** A shipment that becomes ready opens its pickup; one that leaves or is cancelled closes it. */
    private Uni<Void> pickupsFollow(Db.Tx tx, List<ShipmentRow> shipments, Map<Long, List<Long>> ordersByShipment, List<OrderRow> orders,
            ShipmentStatus target) {
        return switch (target) {
            case READY_FOR_PICKUP -> pickups.open(tx, shipments, ordersByShipment, orders);
            case PICKED_UP -> pickups.close(tx, shipments.stream().map(ShipmentRow::id).toList(), PickupOutcome.HANDED_OVER);
            case CANCELLED -> pickups.close(tx, shipments.stream().map(ShipmentRow::id).toList(), PickupOutcome.CANCELLED);
            default -> Uni.createFrom().voidItem();
        };
    }

    /** The units of the shipments' lines, each at its shipment's location. */
    private static List<OrderStock> units(List<ShipmentRow> shipments, Map<Long, List<ShipmentLineRow>> linesByShipment) {
        List<OrderStock> units = new ArrayList<>();
        for (ShipmentRow s : shipments) {
            linesByShipment.getOrDefault(s.id(), List.of())
                    .forEach(l -> units.add(new OrderStock(l.line().variantId(), s.locationId(), l.quantity())));
        }
        return units;
    }
}
