package com.omnichannel.gateway.order;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.cart.FulfilmentType;
import com.omnichannel.gateway.order.OrderPayloads.ShipmentPayload;
import com.omnichannel.gateway.order.OrderRows.OrderRow;
import com.omnichannel.gateway.order.OrderRows.ShipmentLineRow;
import com.omnichannel.gateway.order.OrderRows.ShipmentRow;
import com.omnichannel.gateway.platform.errors.ApiException;
import com.omnichannel.gateway.platform.errors.UserError;
import com.omnichannel.gateway.platform.ids.GlobalId;
import com.omnichannel.gateway.platform.security.Caller;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/**
 * Shipments: their status (the order follows once all its shipments agree), tracking, and how they are split and
 * merged, also across orders and channels.
 */
@ApplicationScoped
public class Shipments {

    private static final Pattern TRACKING = Pattern.compile("^[A-Za-z0-9-]{4,40}$");

    private final OrderChanges changes;
    private final ShipmentMoves moves;
    private final OrderRepository repository;
    private final Pickups pickups;

    Shipments(OrderChanges changes, ShipmentMoves moves, OrderRepository repository, Pickups pickups) {
        this.changes = changes;
        this.moves = moves;
        this.repository = repository;
        this.pickups = pickups;
    }

    public Uni<ShipmentPayload> updateStatus(Caller caller, OrderInputs.ShipmentStatusUpdate input) {
        caller.requireStaff();
        long key = shipmentKey(input.shipmentId());
        UserError tracking = validateTracking(input.carrier(), input.trackingNumber(), false);
        if (tracking != null) {
            return Uni.createFrom().item(ShipmentPayload.failed(tracking));
        }
        return changes.ofShipments(caller, List.of(key), (tx, shipments, changed) ->
                moves.move(tx, caller, List.of(key), input.status(), input.carrier(), input.trackingNumber(), null, changed)
                        .chain(moved -> moved.then(none -> ChangeOutcome.made(key))));
    }

    public Uni<ShipmentPayload> setTracking(Caller caller, OrderInputs.TrackingSet input) {
        caller.requireStaff();
        long key = shipmentKey(input.shipmentId());
        UserError tracking = validateTracking(input.carrier(), input.trackingNumber(), true);
        if (tracking != null) {
            return Uni.createFrom().item(ShipmentPayload.failed(tracking));
        }
        return changes.ofShipments(caller, List.of(key), (tx, shipments, changed) -> {
            if (shipments.get(0).fulfilmentType() != FulfilmentType.SHIP) {
                return ChangeOutcome.refused(UserError.of("NOT_SHIPPED", "Only delivered shipments have tracking numbers", "input", "shipmentId"));
            }
            return repository.setTracking(tx, List.of(key), input.carrier().strip(), input.trackingNumber().strip())
                    .chain(() -> repository.ordersOfShipments(tx, List.of(key)))
                    .chain(orders -> repository.insertEvents(tx, orders.getOrDefault(key, List.of()), OrderEventKind.TRACKING_SET,
                            caller.actor(), caller.channel(), input.carrier().strip() + " " + input.trackingNumber().strip()))
                    .replaceWith(ChangeOutcome.made(key));
        });
    }

    /**
     * Moves units of a shipment into a new shipment from the same location (e.g. to collect part of an order now).
     * Staff may split any shipment that has not left; a customer may split their own before fulfilment starts.
     */
    public Uni<ShipmentPayload> split(Caller caller, OrderInputs.Split input) {
        long key = shipmentKey(input.shipmentId());
        if (!caller.isAuthenticated()) {
            throw ApiException.unauthenticated();
        }
        if (input.lines() == null || input.lines().isEmpty() || input.lines().size() > 100) {
            return Uni.createFrom().item(ShipmentPayload.failed(UserError.of("INVALID_SPLIT", "Give 1 to 100 lines to move", "input", "lines")));
        }
        Map<Long, Integer> moving = new LinkedHashMap<>();
        for (int i = 0; i < input.lines().size(); i++) {
            OrderInputs.SplitLine line = input.lines().get(i);
            Long lineKey = line == null ? null : GlobalId.tryDecode(OrderLine.TYPE, line.orderLineId());
            if (lineKey == null || line.quantity() < 1) {
                return Uni.createFrom().item(ShipmentPayload.failed(UserError.of("INVALID_SPLIT",
                        "Each line needs an order line id and a quantity of at least 1", "input", "lines", String.valueOf(i))));
            }
            moving.merge(lineKey, line.quantity(), Integer::sum);
        }
        return changes.ofShipments(caller, List.of(key), (tx, shipments, changed) -> {
            ShipmentRow source = shipments.get(0);
            if (!source.status().holdsReservation()) {
                return ChangeOutcome.refused(UserError.of("SHIPMENT_NOT_SPLITTABLE", "A shipment that is " + source.status() + " cannot be split",
                        "input", "shipmentId"));
            }
            return repository.linesByShipment(tx, List.of(key)).chain(byShipment -> {
                List<ShipmentLineRow> lines = byShipment.getOrDefault(key, List.of());
                UserError invalid = splitRefusal(lines, moving);
                if (invalid != null) {
                    return ChangeOutcome.refused(invalid);
                }
                Set<Long> orderIds = new LinkedHashSet<>();
                lines.stream().filter(l -> moving.containsKey(l.line().id()))
                        .forEach(l -> orderIds.add(l.line().orderId()));
                return repository.lockOrders(tx, orderIds).chain(orders -> {
                    UserError started = fulfilmentStarted(caller, orders);
                    if (started != null) {
                        return ChangeOutcome.refused(started);
                    }
                    List<Long> lineIds = new ArrayList<>(moving.keySet());
                    List<Integer> quantities = lineIds.stream().map(moving::get).toList();
                    return repository.insertShipments(tx, List.of(source.locationId()), source.fulfilmentType()).chain(ids -> {
                        long created = ids.get(0);
                        Uni<Void> status = source.status() == ShipmentStatus.PENDING ? Uni.createFrom().voidItem()
                                : repository.setShipmentStatus(tx, List.of(created), source.status())
                                        .chain(() -> pickups.openSplit(tx, key, created, source.locationId()));
                        return status.chain(() -> repository.removeShipmentUnits(tx, key, lineIds, quantities))
                                .chain(() -> repository.insertShipmentLines(tx, Collections.nCopies(lineIds.size(), created), lineIds, quantities))
                                .chain(() -> repository.insertEvents(tx, new ArrayList<>(orderIds), OrderEventKind.SHIPMENT_SPLIT,
                                        caller.actor(), caller.channel(), "Shipment " + Shipment.globalId(key) + " split into "
                                                + Shipment.globalId(created)))
                                .invoke(() -> changed.addAll(orders))
                                .replaceWith(ChangeOutcome.made(created));
                    });
                });
            });
        });
    }

    /**
     * Combines unfulfilled shipments of the same customer and destination (e.g. a web order and a kiosk order both
     * collected at one store) into one. Rules: at least two shipments, all PENDING, from the same location, of the
     * same fulfilment type; their orders belong to the same customer (or the same guest email), none is cancelled,
     * and shipped orders have the same delivery address. Staff or that customer may merge.
     */
    public Uni<ShipmentPayload> merge(Caller caller, OrderInputs.Merge input) {
        if (!caller.isAuthenticated()) {
            throw ApiException.unauthenticated();
        }
        Set<Long> keys = new LinkedHashSet<>();
        for (String id : input.shipmentIds()) {
            keys.add(shipmentKey(id));
        }
        if (keys.size() < 2 || keys.size() > 20) {
            return Uni.createFrom().item(ShipmentPayload.failed(UserError.of("INVALID_MERGE", "Give 2 to 20 different shipments", "input", "shipmentIds")));
        }
        return changes.ofShipments(caller, keys, (tx, shipments, changed) -> {
            UserError unmergeable = mergeRefusal(shipments);
            if (unmergeable != null) {
                return ChangeOutcome.refused(unmergeable);
            }
            return repository.ordersOfShipments(tx, keys).chain(byShipment -> {
                Set<Long> orderIds = new LinkedHashSet<>();
                byShipment.values().forEach(orderIds::addAll);
                return repository.lockOrders(tx, orderIds).chain(orders -> {
                    UserError refusal = fulfilmentStarted(caller, orders);
                    if (refusal == null) {
                        refusal = mergeRefusal(orders, shipments.get(0).fulfilmentType());
                    }
                    if (refusal != null) {
                        return ChangeOutcome.refused(refusal);
                    }
                    List<Long> sorted = keys.stream().sorted().toList();
                    long target = sorted.get(0);
                    return repository.mergeShipments(tx, target, sorted.subList(1, sorted.size()))
                            .chain(() -> repository.insertEvents(tx, new ArrayList<>(orderIds), OrderEventKind.SHIPMENTS_MERGED,
                                    caller.actor(), caller.channel(), "Shipments merged into " + Shipment.globalId(target)))
                            .invoke(() -> changed.addAll(orders))
                            .replaceWith(ChangeOutcome.made(target));
                });
            });
        });
    }

    /** Null when the units can move from the shipment's lines, else why not. */
    static UserError splitRefusal(List<ShipmentLineRow> lines, Map<Long, Integer> moving) {
        Map<Long, Integer> held = new HashMap<>();
        lines.forEach(l -> held.put(l.line().id(), l.quantity()));
        int total = lines.stream().mapToInt(ShipmentLineRow::quantity).sum();
        int moved = 0;
        for (Map.Entry<Long, Integer> m : moving.entrySet()) {
            Integer here = held.get(m.getKey());
            if (here == null || m.getValue() > here) {
                return UserError.of("INVALID_SPLIT", "A line to move is not in this shipment or has fewer units", "input", "lines");
            }
            moved += m.getValue();
        }
        if (moved >= total) {
            return UserError.of("INVALID_SPLIT", "A split must leave at least one unit in the shipment", "input", "lines");
        }
        return null;
    }

    /** Null when the shipments can be merged as far as they go (pending, one location, one fulfilment type). */
    static UserError mergeRefusal(List<ShipmentRow> shipments) {
        ShipmentRow first = shipments.get(0);
        for (ShipmentRow s : shipments) {
            if (s.status() != ShipmentStatus.PENDING) {
                return UserError.of("INVALID_MERGE", "Only shipments that are still PENDING can be merged", "input", "shipmentIds");
            }
            if (s.locationId() != first.locationId() || s.fulfilmentType() != first.fulfilmentType()) {
                return UserError.of("INVALID_MERGE", "Merged shipments must leave from the same location with the same fulfilment type",
                        "input", "shipmentIds");
            }
        }
        return null;
    }

    /** Null when the shipments' orders can share a shipment: one customer (or guest email), none cancelled, one address. */
    static UserError mergeRefusal(List<OrderRow> orders, FulfilmentType type) {
        OrderRow o = orders.get(0);
        for (OrderRow other : orders) {
            if (other.status() == OrderStatus.CANCELLED) {
                return UserError.of("INVALID_MERGE", "Order " + other.number() + " is cancelled", "input", "shipmentIds");
            }
            boolean sameCustomer = o.customerId() != null ? o.customerId().equals(other.customerId())
                    : other.customerId() == null && o.email() != null && o.email().equalsIgnoreCase(other.email());
            if (!sameCustomer) {
                return UserError.of("INVALID_MERGE", "Only shipments of the same customer can be merged", "input", "shipmentIds");
            }
            if (type == FulfilmentType.SHIP && !sameAddress(o.shippingAddress(), other.shippingAddress())) {
                return UserError.of("INVALID_MERGE", "Only shipments to the same address can be merged", "input", "shipmentIds");
            }
        }
        return null;
    }

    /**
     * Customers change only their own shipments (others' read as missing), and only until fulfilment of an order in
     * them starts; staff any. Null when the caller may go on.
     */
    private static UserError fulfilmentStarted(Caller caller, List<OrderRow> orders) {
        if (caller.isStaff()) {
            return null;
        }
        String customerId = caller.customerId();
        for (OrderRow o : orders) {
            if (customerId == null || !customerId.equals(o.customerId())) {
                throw ApiException.notFound("No shipment with this id");
            }
            if (o.status() != OrderStatus.PLACED && o.status() != OrderStatus.CONFIRMED) {
                return UserError.of("FULFILMENT_STARTED", "Fulfilment of order " + o.number() + " has started; ask the store", "input", "shipmentId");
            }
        }
        return null;
    }

    private static UserError validateTracking(String carrier, String trackingNumber, boolean required) {
        if (required || carrier != null) {
            if (carrier == null || carrier.isBlank() || carrier.length() > 50) {
                return UserError.of("INVALID_TRACKING", "The carrier must have 1 to 50 characters", "input", "carrier");
            }
        }
        if (required || trackingNumber != null) {
            if (trackingNumber == null || !TRACKING.matcher(trackingNumber.strip()).matches()) {
                return UserError.of("INVALID_TRACKING", "A tracking number has 4 to 40 letters, digits or dashes", "input", "trackingNumber");
            }
        }
        return null;
    }

    private static boolean sameAddress(JsonObject a, JsonObject b) {
        if (a == null || b == null) {
            return a == b;
        }
        for (String field : List.of("firstName", "lastName", "line1", "line2", "city", "postalCode", "region", "countryCode")) {
            String x = a.getString(field);
            String y = b.getString(field);
            if (!(x == null ? y == null : y != null && x.strip().equalsIgnoreCase(y.strip()))) {
                return false;
            }
        }
        return true;
    }

    private static long shipmentKey(String id) {
        Long key = GlobalId.tryDecode(Shipment.TYPE, id);
        if (key == null) {
            throw ApiException.notFound("No shipment with this id");
        }
        return key;
    }
}
