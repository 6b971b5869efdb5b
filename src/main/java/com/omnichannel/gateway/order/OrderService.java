package com.omnichannel.gateway.order;

import com.omnichannel.gateway.checkout.CheckoutRefusal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import com.omnichannel.gateway.cart.FulfilmentType;
import com.omnichannel.gateway.catalog.CatalogService;
import com.omnichannel.gateway.catalog.ProductVariant;
import com.omnichannel.gateway.platform.db.Batch;
import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.platform.errors.ApiException;
import com.omnichannel.gateway.platform.errors.UserError;
import com.omnichannel.gateway.platform.ids.GlobalId;
import com.omnichannel.gateway.platform.paging.Page;
import com.omnichannel.gateway.platform.paging.PageRequest;
import com.omnichannel.gateway.platform.security.Caller;
import com.omnichannel.gateway.platform.security.Role;
import com.omnichannel.gateway.platform.security.Secrets;
import com.omnichannel.gateway.inventory.InventoryService;
import com.omnichannel.gateway.inventory.InventoryService.OrderStock;
import com.omnichannel.gateway.order.OrderPayloads.OrderPayload;
import com.omnichannel.gateway.order.OrderPayloads.ShipmentPayload;
import com.omnichannel.gateway.order.OrderRepository.OrderRow;
import com.omnichannel.gateway.order.OrderRepository.ShipmentLineRow;
import com.omnichannel.gateway.order.OrderRepository.ShipmentRow;
import com.omnichannel.gateway.checkout.payment.PaymentProvider;
import com.omnichannel.gateway.store.Location;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/**
 * Orders: reads, the order lifecycle, shipments (split and merge) and who may see and change what. Checkout places
 * orders through {@link OrderPlacement}.
 */
@ApplicationScoped
public class OrderService {

    private static final Pattern TRACKING = Pattern.compile("^[A-Za-z0-9-]{4,40}$");
    private static final int MAX_NOTE = 500;
    /** Who an erased customer's actions are attributed to in timelines and ledgers. */
    public static final String ERASED_ACTOR = "erased-customer";

    private final OrderRepository repository;
    private final OrderMapper mapper;
    private final OrderEvents events;
    private final CatalogService catalog;
    private final InventoryService inventory;
    private final List<OrderStatusListener> statusListeners;
    private final Map<PaymentMethod, PaymentProvider> providers = new HashMap<>();
    private final Db db;

    public OrderService(OrderRepository repository, OrderMapper mapper, OrderEvents events, CatalogService catalog,
            InventoryService inventory, Instance<PaymentProvider> paymentProviders, Instance<OrderStatusListener> statusListeners,
            Db db) {
        this.repository = repository;
        this.mapper = mapper;
        this.events = events;
        this.catalog = catalog;
        this.inventory = inventory;
        this.statusListeners = statusListeners.stream().toList();
        paymentProviders.forEach(p -> providers.put(p.method(), p));
        this.db = db;
    }

    // =========================================================================================================
    // Reads
    // =========================================================================================================

    public Uni<Order> order(Caller caller, String id, String number) {
        if ((id == null) == (number == null)) {
            throw ApiException.badUserInput("Give exactly one of 'id' or 'number'");
        }
        if (!caller.isAuthenticated()) {
            throw ApiException.unauthenticated();
        }
        Uni<OrderRow> row;
        if (id != null) {
            Long key = GlobalId.tryDecode(Order.TYPE, id);
            row = key == null ? Uni.createFrom().nullItem() : repository.findById(key);
        } else {
            row = number.length() > 40 ? Uni.createFrom().nullItem() : repository.findByNumber(number.strip());
        }
        // Someone else's order reads as no order: its existence is not disclosed.
        return row.chain(r -> r == null || !mayRead(caller, r) ? Uni.createFrom().nullItem() : mapper.single(r));
    }

    /** A guest's order by number and the email it was placed with; null unless both match. */
    public Uni<Order> lookup(String number, String email) {
        if (number == null || email == null || number.length() > 40 || email.length() > 254) {
            return Uni.createFrom().nullItem();
        }
        return repository.findByNumber(number.strip()).chain(r -> r == null || r.email() == null
                || !r.email().equalsIgnoreCase(email.strip()) ? Uni.createFrom().nullItem() : mapper.single(r));
    }

    public Uni<OrderConnection> myOrders(Caller caller, Integer first, String after) {
        String customerId = customerId(caller);
        if (customerId == null) {
            throw caller.isAuthenticated() ? ApiException.forbidden() : ApiException.unauthenticated();
        }
        PageRequest page = PageRequest.of(first, after, "myOrders");
        return repository.customerOrders(customerId, page.fetchSize(), page.offset()).chain(mapper::orders)
                .map(orders -> Page.connection(orders, page, OrderConnection.Edge::new, OrderConnection::new));
    }

    public Uni<OrderConnection> orders(Caller caller, OrderInputs.Filter filter, Integer first, String after) {
        caller.requireStaff();
        OrderInputs.Filter f = filter == null ? new OrderInputs.Filter(null, null, null, null, null, null, null) : filter;
        Long locationKey = null;
        if (f.locationId() != null) {
            locationKey = GlobalId.tryDecode(Location.TYPE, f.locationId());
            if (locationKey == null) {
                throw ApiException.badUserInput("Argument 'filter.locationId' is not a location id");
            }
        }
        PageRequest page = PageRequest.of(first, after, "orders:" + sha256(JsonObject.mapFrom(f).encode()).substring(0, 16));
        return repository.search(f.channel(), f.status(), locationKey, f.placedFrom(), f.placedTo(), f.customerId(), f.email(),
                page.fetchSize(), page.offset()).chain(mapper::orders)
                .map(orders -> Page.connection(orders, page, OrderConnection.Edge::new, OrderConnection::new));
    }

    /** Status changes of an order, for its owner or staff. */
    public Multi<Order> statusChanges(Caller caller, String orderId) {
        Long key = GlobalId.tryDecode(Order.TYPE, orderId);
        if (key == null) {
            throw ApiException.badUserInput("Argument 'orderId' is not an order id");
        }
        if (!caller.isAuthenticated()) {
            throw ApiException.unauthenticated();
        }
        return Multi.createFrom().uni(repository.findById(key).invoke(row -> {
            if (row == null || !mayRead(caller, row)) {
                throw ApiException.notFound("No order with this id");
            }
        })).onItem().transformToMultiAndConcatenate(allowed -> events.of(key))
                .onItem().transformToUniAndConcatenate(change -> repository.findById(key))
                .filter(row -> row != null)
                .onItem().transformToUniAndConcatenate(mapper::single);
    }

    /**
     * One page of orders from every channel, newest first, of each of these customers (in their order), for whoever
     * may see those customers (the customer themselves, or staff: the caller reached them through a checked path).
     */
    public Uni<List<OrderConnection>> ordersOfCustomers(List<String> customerIds, PageRequest page) {
        Set<String> ids = new LinkedHashSet<>(customerIds);
        return repository.customersOrders(ids, page.fetchSize(), page.offset()).chain(byCustomer -> {
            List<OrderRow> all = new ArrayList<>();
            byCustomer.values().forEach(all::addAll);
            return mapper.orders(all).map(orders -> {
                Map<Long, Order> byKey = new HashMap<>();
                orders.forEach(o -> byKey.put(o.key(), o));
                return customerIds.stream().map(id -> Page.connection(byCustomer.getOrDefault(id, List.of()).stream()
                        .map(r -> byKey.get(r.id())).toList(), page, OrderConnection.Edge::new, OrderConnection::new)).toList();
            });
        });
    }

    /** A customer's orders with lines and timelines as a JSON array, for their data export. */
    public Uni<String> exportForCustomer(String customerId) {
        return repository.exportCustomerOrders(customerId);
    }

    /**
     * Erasure of a customer, inside the erasure transaction: orders keep their accounting figures and lose the
     * personal fields; timelines and the stock ledger stop naming the customer.
     */
    public Uni<Void> anonymizeCustomer(Db.Tx tx, String customerId) {
        return repository.anonymizeCustomer(tx, customerId, ERASED_ACTOR)
                .chain(() -> inventory.anonymizeActor(tx, customerId, ERASED_ACTOR));
    }

    // ---- batch resolvers

    public Uni<List<List<OrderLine>>> linesOf(List<Order> orders) {
        return childrenOf(orders, Order.Written::lines, keys -> repository.linesByOrder(keys).map(byOrder -> {
            Map<Long, List<OrderLine>> result = new HashMap<>();
            byOrder.forEach((k, rows) -> result.put(k, rows.stream().map(mapper::line).toList()));
            return result;
        }));
    }

    public Uni<List<List<Shipment>>> shipmentsOf(List<Order> orders) {
        return childrenOf(orders, Order.Written::shipments, keys -> repository.shipmentsByOrder(keys).chain(mapper::shipments));
    }

    /** Children of the orders in their order: as written for orders placed by this request, the others loaded in one batch. */
    private static <C> Uni<List<List<C>>> childrenOf(List<Order> orders, Function<Order.Written, List<C>> written,
            Function<Set<Long>, Uni<Map<Long, List<C>>>> load) {
        List<Order> stored = orders.stream().filter(o -> o.written() == null).toList();
        if (stored.size() == orders.size()) {
            return Batch.many(orders, Order::key, load, List.of());
        }
        return Batch.many(stored, Order::key, load, List.<C>of()).map(loaded -> {
            List<List<C>> result = new ArrayList<>(orders.size());
            int next = 0;
            for (Order o : orders) {
                result.add(o.written() != null ? written.apply(o.written()) : loaded.get(next++));
            }
            return result;
        });
    }

    public Uni<List<List<ShipmentLine>>> shipmentLinesOf(List<Shipment> shipments) {
        return Batch.many(shipments, Shipment::key, keys -> repository.linesByShipment(keys).map(byShipment -> {
            Map<Long, List<ShipmentLine>> result = new HashMap<>();
            byShipment.forEach((k, rows) -> result.put(k, rows.stream()
                    .map(r -> new ShipmentLine(r.orderNumber(), mapper.line(r.line()), r.quantity())).toList()));
            return result;
        }), List.of());
    }

    public Uni<List<List<OrderTimelineEvent>>> timelineOf(List<Order> orders) {
        return Batch.many(orders, Order::key, keys -> repository.eventsByOrder(keys).map(byOrder -> {
            Map<Long, List<OrderTimelineEvent>> result = new HashMap<>();
            byOrder.forEach((k, rows) -> result.put(k, rows.stream()
                    .map(e -> new OrderTimelineEvent(e.kind(), e.from(), e.to(), e.actor(), e.channel(), e.note(), e.at())).toList()));
            return result;
        }), List.of());
    }

    public Uni<List<ProductVariant>> variantsOf(List<OrderLine> lines) {
        return Batch.one(lines, OrderLine::variantKey, catalog::variantsByKeys);
    }

    // =========================================================================================================
    // Lifecycle
    // =========================================================================================================

    /** A rule broken inside a transaction: rolls it back and becomes the user error of the payload. */
    private static final class Refused extends RuntimeException {
        private final UserError error;

        Refused(UserError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }
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
        return orderChange(caller, key, (tx, order, changed) -> {
            OrderStatus target = input.status();
            if (!order.status().canMoveTo(target, order.fulfilmentType())) {
                throw new Refused(UserError.of("ILLEGAL_TRANSITION", "An order that is " + order.status() + " cannot become " + target
                        + "; it can become " + order.status().next(order.fulfilmentType()), "input", "status"));
            }
            if (target == OrderStatus.CONFIRMED) {
                return setStatus(tx, caller, order, target, input.note(), changed);
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
                return moveShipments(tx, caller, moving, to, null, null, input.note(), changed)
                        .chain(() -> setStatus(tx, caller, order, target, input.note(), changed));
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
        return orderChange(caller, key, (tx, order, changed) -> {
            if (!caller.isStaff() && !(order.status() == OrderStatus.PLACED || order.status() == OrderStatus.CONFIRMED)) {
                throw new Refused(UserError.of("ILLEGAL_TRANSITION", "Fulfilment of this order has started; ask the store to cancel it", "input", "orderId"));
            }
            if (!order.status().canMoveTo(OrderStatus.CANCELLED, order.fulfilmentType())) {
                throw new Refused(UserError.of("ILLEGAL_TRANSITION", "An order that is " + order.status() + " cannot be cancelled", "input", "orderId"));
            }
            return repository.shipmentsByOrder(tx, List.of(order.id())).chain(byOrder -> {
                List<ShipmentRow> held = byOrder.getOrDefault(order.id(), List.of()).stream().filter(s -> s.status().holdsReservation()).toList();
                List<Long> heldIds = held.stream().map(ShipmentRow::id).toList();
                Uni<Void> release = heldIds.isEmpty() ? Uni.createFrom().voidItem()
                        : repository.lockShipments(tx, heldIds).chain(() -> repository.linesByShipment(tx, heldIds)).chain(linesByShipment -> {
                            List<OrderStock> released = new ArrayList<>();
                            List<Long> whollyCancelled = new ArrayList<>();
                            Uni<Void> detach = Uni.createFrom().voidItem();
                            for (ShipmentRow shipment : held) {
                                List<ShipmentLineRow> lines = linesByShipment.getOrDefault(shipment.id(), List.of());
                                boolean shared = lines.stream().anyMatch(l -> l.line().orderId() != order.id());
                                lines.stream().filter(l -> l.line().orderId() == order.id())
                                        .forEach(l -> released.add(new OrderStock(l.line().variantId(), shipment.locationId(), l.quantity())));
                                if (shared) {
                                    // A merged shipment goes on for the other order(s), without this order's lines.
                                    detach = detach.chain(() -> repository.removeOrderFromShipment(tx, shipment.id(), order.id()));
                                } else {
                                    whollyCancelled.add(shipment.id());
                                }
                            }
                            Uni<Void> cancelled = whollyCancelled.isEmpty() ? Uni.createFrom().voidItem()
                                    : repository.setShipmentStatus(tx, whollyCancelled, ShipmentStatus.CANCELLED);
                            Uni<Void> detached = detach;
                            return inventory.release(tx, released, caller.actor(), caller.channel(), order.number())
                                    .chain(() -> cancelled).chain(() -> detached);
                        });
                PaymentStatus payment = switch (order.paymentStatus()) {
                    case AUTHORIZED, PENDING -> PaymentStatus.VOIDED;
                    case PAID -> PaymentStatus.REFUNDED;
                    default -> order.paymentStatus();
                };
                return release
                        .chain(() -> setStatus(tx, caller, order, OrderStatus.CANCELLED, input.reason(), changed))
                        .chain(() -> payment == order.paymentStatus() ? Uni.createFrom().voidItem()
                                : repository.setPaymentStatus(tx, order.id(), payment)
                                        .chain(() -> settlePayment(order, payment)));
            });
        });
    }

    public Uni<ShipmentPayload> updateShipmentStatus(Caller caller, OrderInputs.ShipmentStatusUpdate input) {
        caller.requireStaff();
        long key = shipmentKey(input.shipmentId());
        UserError tracking = validateTracking(input.carrier(), input.trackingNumber(), false);
        if (tracking != null) {
            return Uni.createFrom().item(ShipmentPayload.failed(tracking));
        }
        return shipmentChange(caller, List.of(key), (tx, shipments, changed) ->
                moveShipments(tx, caller, List.of(key), input.status(), input.carrier(), input.trackingNumber(), null, changed)
                        .replaceWith(key));
    }

    public Uni<ShipmentPayload> setTracking(Caller caller, OrderInputs.TrackingSet input) {
        caller.requireStaff();
        long key = shipmentKey(input.shipmentId());
        UserError tracking = validateTracking(input.carrier(), input.trackingNumber(), true);
        if (tracking != null) {
            return Uni.createFrom().item(ShipmentPayload.failed(tracking));
        }
        return shipmentChange(caller, List.of(key), (tx, shipments, changed) -> {
            ShipmentRow shipment = shipments.get(0);
            if (shipment.fulfilmentType() != FulfilmentType.SHIP) {
                throw new Refused(UserError.of("NOT_SHIPPED", "Only delivered shipments have tracking numbers", "input", "shipmentId"));
            }
            return repository.setTracking(tx, List.of(key), input.carrier().strip(), input.trackingNumber().strip())
                    .chain(() -> repository.ordersOfShipments(tx, List.of(key)))
                    .chain(orders -> repository.insertEvents(tx, orders.getOrDefault(key, List.of()), OrderEventKind.TRACKING_SET,
                            nulls(orders.getOrDefault(key, List.of()).size()), nulls(orders.getOrDefault(key, List.of()).size()),
                            caller.actor(), caller.channel(), input.carrier().strip() + " " + input.trackingNumber().strip()))
                    .replaceWith(key);
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
        return shipmentChange(caller, List.of(key), (tx, shipments, changed) -> {
            ShipmentRow source = shipments.get(0);
            if (!source.status().holdsReservation()) {
                throw new Refused(UserError.of("SHIPMENT_NOT_SPLITTABLE", "A shipment that is " + source.status() + " cannot be split", "input", "shipmentId"));
            }
            return repository.linesByShipment(tx, List.of(key)).chain(byShipment -> {
                List<ShipmentLineRow> lines = byShipment.getOrDefault(key, List.of());
                Map<Long, Integer> held = new HashMap<>();
                lines.forEach(l -> held.put(l.line().id(), l.quantity()));
                int total = lines.stream().mapToInt(ShipmentLineRow::quantity).sum();
                int moved = 0;
                for (Map.Entry<Long, Integer> m : moving.entrySet()) {
                    Integer here = held.get(m.getKey());
                    if (here == null || m.getValue() > here) {
                        throw new Refused(UserError.of("INVALID_SPLIT", "A line to move is not in this shipment or has fewer units", "input", "lines"));
                    }
                    moved += m.getValue();
                }
                if (moved >= total) {
                    throw new Refused(UserError.of("INVALID_SPLIT", "A split must leave at least one unit in the shipment", "input", "lines"));
                }
                Set<Long> orderIds = new LinkedHashSet<>();
                lines.stream().filter(l -> moving.containsKey(l.line().id())).forEach(l -> orderIds.add(l.line().orderId()));
                return repository.lockOrders(tx, orderIds).chain(orders -> {
                    requireShipmentOwner(caller, orders, true);
                    List<Long> lineIds = new ArrayList<>(moving.keySet());
                    List<Integer> quantities = lineIds.stream().map(moving::get).toList();
                    return repository.insertShipments(tx, List.of(source.locationId()), source.fulfilmentType())
                            .chain(ids -> {
                                long created = ids.get(0);
                                Uni<Void> status = source.status() == ShipmentStatus.PENDING ? Uni.createFrom().voidItem()
                                        : repository.setShipmentStatus(tx, List.of(created), source.status());
                                return status.chain(() -> repository.removeShipmentUnits(tx, key, lineIds, quantities))
                                        .chain(() -> repository.insertShipmentLines(tx, java.util.Collections.nCopies(lineIds.size(), created), lineIds, quantities))
                                        .chain(() -> repository.insertEvents(tx, new ArrayList<>(orderIds), OrderEventKind.SHIPMENT_SPLIT,
                                                nulls(orderIds.size()), nulls(orderIds.size()), caller.actor(), caller.channel(),
                                                "Shipment " + Shipment.globalId(key) + " split into " + Shipment.globalId(created)))
                                        .invoke(() -> changed.addAll(orders))
                                        .replaceWith(created);
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
        return shipmentChange(caller, keys, (tx, shipments, changed) -> {
            ShipmentRow first = shipments.get(0);
            for (ShipmentRow s : shipments) {
                if (s.status() != ShipmentStatus.PENDING) {
                    throw new Refused(UserError.of("INVALID_MERGE", "Only shipments that are still PENDING can be merged", "input", "shipmentIds"));
                }
                if (s.locationId() != first.locationId() || s.fulfilmentType() != first.fulfilmentType()) {
                    throw new Refused(UserError.of("INVALID_MERGE", "Merged shipments must leave from the same location with the same fulfilment type",
                            "input", "shipmentIds"));
                }
            }
            return repository.ordersOfShipments(tx, keys).chain(byShipment -> {
                Set<Long> orderIds = new LinkedHashSet<>();
                byShipment.values().forEach(orderIds::addAll);
                return repository.lockOrders(tx, orderIds).chain(orders -> {
                    requireShipmentOwner(caller, orders, false);
                    OrderRow o = orders.get(0);
                    for (OrderRow other : orders) {
                        if (other.status() == OrderStatus.CANCELLED) {
                            throw new Refused(UserError.of("INVALID_MERGE", "Order " + other.number() + " is cancelled", "input", "shipmentIds"));
                        }
                        boolean sameCustomer = o.customerId() != null ? o.customerId().equals(other.customerId())
                                : other.customerId() == null && o.email() != null && o.email().equalsIgnoreCase(other.email());
                        if (!sameCustomer) {
                            throw new Refused(UserError.of("INVALID_MERGE", "Only shipments of the same customer can be merged", "input", "shipmentIds"));
                        }
                        if (first.fulfilmentType() == FulfilmentType.SHIP && !sameAddress(o.shippingAddress(), other.shippingAddress())) {
                            throw new Refused(UserError.of("INVALID_MERGE", "Only shipments to the same address can be merged", "input", "shipmentIds"));
                        }
                    }
                    List<Long> sorted = keys.stream().sorted().toList();
                    long target = sorted.get(0);
                    return repository.mergeShipments(tx, target, sorted.subList(1, sorted.size()))
                            .chain(() -> repository.insertEvents(tx, new ArrayList<>(orderIds), OrderEventKind.SHIPMENTS_MERGED,
                                    nulls(orderIds.size()), nulls(orderIds.size()), caller.actor(), caller.channel(),
                                    "Shipments merged into " + Shipment.globalId(target)))
                            .invoke(() -> changed.addAll(orders))
                            .replaceWith(target);
                });
            });
        });
    }

    // ---- lifecycle helpers

    @FunctionalInterface
    private interface OrderWork {
        Uni<Void> apply(Db.Tx tx, OrderRow order, List<OrderRow> changed);
    }

    @FunctionalInterface
    private interface ShipmentWork {
        Uni<Long> apply(Db.Tx tx, List<ShipmentRow> shipments, List<OrderRow> changed);
    }

    /** Runs a change of one order in a transaction (the order row locked first), then tells subscribers. */
    private Uni<OrderPayload> orderChange(Caller caller, long key, OrderWork work) {
        List<OrderRow> changed = new ArrayList<>();
        return db.inTransaction(tx -> repository.lockOrders(tx, List.of(key)).chain(rows -> {
            if (rows.isEmpty() || !mayRead(caller, rows.get(0))) {
                throw ApiException.notFound("No order with this id");
            }
            return work.apply(tx, rows.get(0), changed);
        }))
                .chain(() -> publish(changed))
                .chain(() -> repository.findById(key)).chain(mapper::single)
                .map(order -> new OrderPayload(order, List.of()))
                .onFailure(Refused.class).recoverWithItem(e -> OrderPayload.failed(((Refused) e).error))
                .onFailure(CheckoutRefusal.class).recoverWithItem(e -> OrderPayload.failed(((CheckoutRefusal) e).error()));
    }

    /** Runs a change of shipments in a transaction (orders locked before shipments), then tells subscribers. */
    private Uni<ShipmentPayload> shipmentChange(Caller caller, java.util.Collection<Long> keys, ShipmentWork work) {
        List<OrderRow> changed = new ArrayList<>();
        return db.inTransaction(tx -> repository.ordersOfShipments(tx, keys).chain(byShipment -> {
            Set<Long> orderIds = new java.util.TreeSet<>();
            byShipment.values().forEach(orderIds::addAll);
            // Orders first, then shipments, in id order: the same order as every other order change.
            return repository.lockOrders(tx, orderIds).chain(orders -> {
                if (byShipment.keySet().size() != new LinkedHashSet<>(keys).size()
                        || orders.isEmpty() || !orders.stream().allMatch(o -> mayRead(caller, o))) {
                    throw ApiException.notFound("No shipment with this id");
                }
                return repository.lockShipments(tx, keys).chain(shipments -> work.apply(tx, shipments, changed));
            });
        }))
                .chain(id -> publish(changed).replaceWith(id))
                .chain(this::shipmentById)
                .map(shipment -> new ShipmentPayload(shipment, List.of()))
                .onFailure(Refused.class).recoverWithItem(e -> ShipmentPayload.failed(((Refused) e).error))
                .onFailure(CheckoutRefusal.class).recoverWithItem(e -> ShipmentPayload.failed(((CheckoutRefusal) e).error()));
    }

    private Uni<Shipment> shipmentById(long key) {
        return repository.findShipment(key)
                .chain(rows -> rows.isEmpty() ? Uni.createFrom().nullItem()
                        : mapper.shipments(Map.of(key, rows)).map(m -> m.get(key).get(0)));
    }

    /**
     * Moves shipments to a status: checks each transition, moves stock (goods leaving fulfil the reservation),
     * then advances each affected order whose shipments have all reached the matching status.
     */
    private Uni<Void> moveShipments(Db.Tx tx, Caller caller, List<Long> shipmentIds, ShipmentStatus target, String carrier,
            String trackingNumber, String note, List<OrderRow> changed) {
        if (shipmentIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return repository.lockShipments(tx, shipmentIds).chain(shipments -> {
            for (ShipmentRow s : shipments) {
                if (!s.status().next(s.fulfilmentType()).contains(target)) {
                    throw new Refused(UserError.of("ILLEGAL_TRANSITION", "A shipment that is " + s.status() + " cannot become " + target
                            + "; it can become " + s.status().next(s.fulfilmentType()), "input", "status"));
                }
            }
            return repository.ordersOfShipments(tx, shipmentIds).chain(ordersByShipment -> {
                Set<Long> orderIds = new java.util.TreeSet<>();
                ordersByShipment.values().forEach(orderIds::addAll);
                return repository.lockOrders(tx, orderIds).chain(orders -> {
                    for (OrderRow o : orders) {
                        if (o.status() == OrderStatus.PLACED || o.status() == OrderStatus.CANCELLED) {
                            throw new Refused(UserError.of("ORDER_NOT_CONFIRMED", "Order " + o.number() + " is " + o.status()
                                    + "; confirm it before its shipments move", "input", "status"));
                        }
                    }
                    Uni<Void> stock = Uni.createFrom().voidItem();
                    if (target == ShipmentStatus.SHIPPED || target == ShipmentStatus.PICKED_UP) {
                        stock = repository.linesByShipment(tx, shipmentIds).chain(linesByShipment -> {
                            List<OrderStock> leaving = new ArrayList<>();
                            for (ShipmentRow s : shipments) {
                                linesByShipment.getOrDefault(s.id(), List.of())
                                        .forEach(l -> leaving.add(new OrderStock(l.line().variantId(), s.locationId(), l.quantity())));
                            }
                            return inventory.fulfil(tx, leaving, caller.actor(), caller.channel(), orders.get(0).number());
                        });
                    } else if (target == ShipmentStatus.CANCELLED) {
                        stock = repository.linesByShipment(tx, shipmentIds).chain(linesByShipment -> {
                            List<OrderStock> released = new ArrayList<>();
                            for (ShipmentRow s : shipments) {
                                linesByShipment.getOrDefault(s.id(), List.of())
                                        .forEach(l -> released.add(new OrderStock(l.line().variantId(), s.locationId(), l.quantity())));
                            }
                            return inventory.release(tx, released, caller.actor(), caller.channel(), orders.get(0).number());
                        });
                    }
                    Uni<Void> tracking = carrier == null && trackingNumber == null ? Uni.createFrom().voidItem()
                            : repository.setTracking(tx, shipmentIds, carrier, trackingNumber);
                    return stock.chain(() -> repository.setShipmentStatus(tx, shipmentIds, target))
                            .chain(() -> tracking)
                            .chain(() -> repository.insertEvents(tx, new ArrayList<>(orderIds), OrderEventKind.SHIPMENT_STATUS_CHANGED,
                                    nulls(orderIds.size()), nulls(orderIds.size()), caller.actor(), caller.channel(),
                                    "Shipment(s) " + shipmentIds.stream().map(Shipment::globalId).toList() + " " + target
                                            + (trackingNumber == null ? "" : " tracking " + trackingNumber)))
                            .chain(() -> repository.shipmentsByOrder(tx, orderIds))
                            .chain(shipmentsByOrder -> {
                                Uni<Void> advance = Uni.createFrom().voidItem();
                                for (OrderRow o : orders) {
                                    OrderStatus derived = derivedStatus(o, shipmentsByOrder.getOrDefault(o.id(), List.of()));
                                    if (derived != null && derived != o.status() && o.status().canMoveTo(derived, o.fulfilmentType())) {
                                        advance = advance.chain(() -> setStatus(tx, caller, o, derived, note, changed));
                                    }
                                }
                                return advance;
                            });
                });
            });
        });
    }

    /** The status an order's shipments put it in, ignoring cancelled shipments; null when they do not agree. */
    private static OrderStatus derivedStatus(OrderRow order, List<ShipmentRow> shipments) {
        List<ShipmentStatus> live = shipments.stream().map(ShipmentRow::status).filter(s -> s != ShipmentStatus.CANCELLED).toList();
        if (live.isEmpty()) {
            return null;
        }
        if (live.stream().allMatch(s -> s == ShipmentStatus.DELIVERED)) {
            return OrderStatus.DELIVERED;
        }
        if (live.stream().allMatch(s -> s == ShipmentStatus.SHIPPED || s == ShipmentStatus.DELIVERED)) {
            return OrderStatus.SHIPPED;
        }
        if (live.stream().allMatch(s -> s == ShipmentStatus.PICKED_UP)) {
            return OrderStatus.PICKED_UP;
        }
        if (live.stream().allMatch(s -> s == ShipmentStatus.READY_FOR_PICKUP || s == ShipmentStatus.PICKED_UP)) {
            return OrderStatus.READY_FOR_PICKUP;
        }
        return null;
    }

    /** Sets an order's status with a timeline entry; settles payment when goods leave. Records it as changed. */
    private Uni<Void> setStatus(Db.Tx tx, Caller caller, OrderRow order, OrderStatus target, String note, List<OrderRow> changed) {
        changed.removeIf(o -> o.id() == order.id());
        changed.add(order);
        boolean capture = (target == OrderStatus.SHIPPED || target == OrderStatus.PICKED_UP)
                && (order.paymentStatus() == PaymentStatus.AUTHORIZED
                        || (order.paymentStatus() == PaymentStatus.PENDING && target == OrderStatus.PICKED_UP));
        Uni<Void> payment = !capture ? Uni.createFrom().voidItem()
                : repository.setPaymentStatus(tx, order.id(), PaymentStatus.PAID).chain(() -> settlePayment(order, PaymentStatus.PAID));
        OrderStatusListener.StatusChange change = new OrderStatusListener.StatusChange(order.id(), order.number(), order.customerId(),
                order.status(), target, order.total(), order.currency());
        return repository.setOrderStatus(tx, List.of(order.id()), target)
                .chain(() -> repository.insertEvents(tx, List.of(order.id()), OrderEventKind.STATUS_CHANGED, List.of(order.status()),
                        List.of(target), caller.actor(), caller.channel(), note))
                .chain(() -> payment)
                .chain(() -> chainAll(statusListeners.stream().map(listener -> listener.statusChanged(tx, caller, change)).toList()));
    }

    /** Tells the payment provider; inside the transaction so a provider failure rolls the change back. */
    private Uni<Void> settlePayment(OrderRow order, PaymentStatus status) {
        PaymentProvider provider = providers.get(order.paymentMethod());
        return switch (status) {
            case PAID -> provider.capture(order.paymentReference(), order.total(), order.currency());
            case VOIDED -> provider.voidAuthorization(order.paymentReference());
            case REFUNDED -> provider.refund(order.paymentReference(), order.total(), order.currency());
            default -> Uni.createFrom().voidItem();
        };
    }

    private Uni<Void> publish(List<OrderRow> changed) {
        if (changed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return repository.findByIds(changed.stream().map(OrderRow::id).toList())
                .chain(rows -> chainAll(rows.stream().map(r -> events.publish(r.id(), r.status())).toList()));
    }

    private void requireShipmentOwner(Caller caller, List<OrderRow> orders, boolean beforeFulfilmentOnly) {
        if (caller.isStaff()) {
            return;
        }
        String customerId = customerId(caller);
        for (OrderRow o : orders) {
            if (customerId == null || !customerId.equals(o.customerId())) {
                throw ApiException.notFound("No shipment with this id");
            }
            if (o.status() != OrderStatus.PLACED && o.status() != OrderStatus.CONFIRMED) {
                throw new Refused(UserError.of("FULFILMENT_STARTED", "Fulfilment of order " + o.number() + " has started; ask the store",
                        "input", "shipmentId"));
            }
        }
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

    // =========================================================================================================
    // Mapping and helpers
    // =========================================================================================================

    private boolean mayRead(Caller caller, OrderRow order) {
        if (caller.isStaff()) {
            return true;
        }
        String customerId = customerId(caller);
        return customerId != null && customerId.equals(order.customerId());
    }

    private static String customerId(Caller caller) {
        return caller.hasRole(Role.CUSTOMER) ? caller.subject() : null;
    }

    private static long orderKey(String id) {
        Long key = GlobalId.tryDecode(Order.TYPE, id);
        if (key == null) {
            throw ApiException.notFound("No order with this id");
        }
        return key;
    }

    private static long shipmentKey(String id) {
        Long key = GlobalId.tryDecode(Shipment.TYPE, id);
        if (key == null) {
            throw ApiException.notFound("No shipment with this id");
        }
        return key;
    }

    private static <T> List<T> nulls(int n) {
        List<T> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(null);
        }
        return list;
    }

    private static Uni<Void> chainAll(List<Uni<Void>> steps) {
        Uni<Void> result = Uni.createFrom().voidItem();
        for (Uni<Void> step : steps) {
            result = result.chain(() -> step);
        }
        return result;
    }

    static String sha256(String value) {
        return Secrets.sha256Hex(value);
    }
}
