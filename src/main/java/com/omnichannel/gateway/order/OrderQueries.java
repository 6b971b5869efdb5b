package com.omnichannel.gateway.order;

import java.time.Duration;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.catalog.CatalogService;
import com.omnichannel.gateway.catalog.ProductVariant;
import com.omnichannel.gateway.customer.Customer;
import com.omnichannel.gateway.order.OrderRows.OrderRow;
import com.omnichannel.gateway.platform.db.Batch;
import com.omnichannel.gateway.platform.errors.ApiException;
import com.omnichannel.gateway.platform.ratelimit.RateLimiter;
import com.omnichannel.gateway.platform.ids.GlobalId;
import com.omnichannel.gateway.platform.paging.Page;
import com.omnichannel.gateway.platform.paging.PageRequest;
import com.omnichannel.gateway.platform.security.Caller;
import com.omnichannel.gateway.platform.security.Secrets;
import com.omnichannel.gateway.store.Location;
import com.omnichannel.gateway.store.PickupSlots;
import com.omnichannel.gateway.store.PickupWindow;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/**
 * Reading orders: by id or number, a guest's lookup, a customer's and staff's lists, live status changes, and the
 * relationships of orders, lines and shipments resolved for whole lists at once. Someone else's order reads as none.
 */
@ApplicationScoped
public class OrderQueries {

    /**
     * Guest lookups are limited per client address and per order number (every alias of the field is an attempt),
     * so that knowing a guest's email is not enough to walk through order numbers, and one order cannot be tried
     * with many emails from many addresses.
     */
    static final String LOOKUPS_PER_ADDRESS = "order-lookups-per-address";
    static final String LOOKUPS_PER_ORDER = "order-lookups-per-order";

    private final RateLimiter limiter;
    private final RateLimiter.Limit lookupsPerAddress;
    private final RateLimiter.Limit lookupsPerOrder;
    private final OrderRepository repository;
    private final OrderReadRepository reads;
    private final OrderMapper mapper;
    private final OrderEvents events;
    private final CatalogService catalog;
    private final PickupSlots pickupSlots;

    public OrderQueries(OrderRepository repository, OrderReadRepository reads, OrderMapper mapper, OrderEvents events, CatalogService catalog,
            RateLimiter limiter, PickupSlots pickupSlots) {
        this.limiter = limiter;
        this.lookupsPerAddress = limiter.limit(LOOKUPS_PER_ADDRESS, 30, Duration.ofMinutes(15));
        this.lookupsPerOrder = limiter.limit(LOOKUPS_PER_ORDER, 10, Duration.ofHours(1));
        this.repository = repository;
        this.reads = reads;
        this.mapper = mapper;
        this.events = events;
        this.catalog = catalog;
        this.pickupSlots = pickupSlots;
    }

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
            String canonical = OrderNumbers.canonical(number);
            row = canonical == null ? Uni.createFrom().nullItem() : repository.findByNumber(canonical);
        }
        // Someone else's order reads as no order: its existence is not disclosed.
        return row.chain(r -> r == null || !OrderAccess.mayRead(caller, r) ? Uni.createFrom().nullItem() : mapper.single(r));
    }

    /**
     * A guest's order by number and the email it was placed with; null unless both match. Each call counts against
     * the client's address and the order number; over either limit, {@code RATE_LIMITED} with
     * {@code retryAfterSeconds}. The number may be typed loosely (see {@link OrderNumbers#canonical}).
     */
    public Uni<Order> lookup(String clientAddressKey, String number, String email) {
        if (number == null || email == null || number.length() > 40 || email.length() > 254) {
            return Uni.createFrom().nullItem();
        }
        // Every way of typing one number counts against that number's limit.
        String canonical = OrderNumbers.canonical(number);
        String limitKey = canonical != null ? canonical : number.strip().toUpperCase(java.util.Locale.ROOT);
        return Uni.join().all(limiter.enforce(lookupsPerAddress, clientAddressKey), limiter.enforce(lookupsPerOrder, "order:" + limitKey))
                .andFailFast()
                .chain(() -> canonical == null ? Uni.createFrom().<OrderRow>nullItem() : repository.findByNumber(canonical)).chain(r -> r == null || r.email() == null
                || !r.email().equalsIgnoreCase(email.strip()) ? Uni.createFrom().nullItem() : mapper.single(r));
    }

    /**
     * The caller's orders, newest first. When the page's lines or shipments are selected too, they are read in the
     * same statement as the orders and answer those fields without a batch of their own.
     */
    public Uni<OrderConnection> myOrders(Caller caller, Integer first, String after, boolean withLines, boolean withShipments) {
        String customerId = caller.customerId();
        if (customerId == null) {
            throw caller.isAuthenticated() ? ApiException.forbidden() : ApiException.unauthenticated();
        }
        PageRequest page = PageRequest.of(first, after, "myOrders");
        Uni<List<Order>> orders = withLines || withShipments
                ? reads.customerOrdersWithContents(customerId, page.fetchSize(), page.offset(), withLines, withShipments)
                        .chain(mapper::ordersWithContents)
                : repository.customerOrders(customerId, page.fetchSize(), page.offset()).chain(mapper::orders);
        return orders.map(list -> Page.connection(list, page, OrderConnection.Edge::new, OrderConnection::new));
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
        PageRequest page = PageRequest.of(first, after, "orders:" + Secrets.sha256Hex(JsonObject.mapFrom(f).encode()).substring(0, 16));
        return repository.search(f.channel(), f.status(), locationKey, f.placedFrom(), f.placedTo(), f.customerId() == null ? null : Customer.keyOf(f.customerId()), f.email(),
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
            if (row == null || !OrderAccess.mayRead(caller, row)) {
                throw ApiException.notFound("No order with this id");
            }
        })).onItem().transformToMultiAndConcatenate(allowed -> events.of(key))
                .onItem().transformToUniAndConcatenate(change -> repository.findById(key))
                .filter(row -> row != null)
                .onItem().transformToUniAndConcatenate(mapper::single)
                .map(order -> order.seenBy(caller));
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

    // ---- batch resolvers

    public Uni<List<List<OrderLine>>> linesOf(List<Order> orders) {
        return childrenOf(orders, Order.Contents::lines, keys -> repository.linesByOrder(keys).map(byOrder -> {
            Map<Long, List<OrderLine>> result = new HashMap<>();
            byOrder.forEach((k, rows) -> result.put(k, rows.stream().map(mapper::line).toList()));
            return result;
        }));
    }

    public Uni<List<List<Shipment>>> shipmentsOf(List<Order> orders) {
        return childrenOf(orders, Order.Contents::shipments, keys -> repository.shipmentsByOrder(keys).chain(mapper::shipments));
    }

    /**
     * Children of the orders in their order: as known already (written by this request, or read with the page), the
     * others loaded in one batch.
     */
    private static <C> Uni<List<List<C>>> childrenOf(List<Order> orders, Function<Order.Contents, List<C>> known,
            Function<Set<Long>, Uni<Map<Long, List<C>>>> load) {
        return Batch.manyUnlessKnown(orders, o -> o.contents() == null ? null : known.apply(o.contents()), Order::key, load);
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

    /** The pickup slot each order booked (null for none), in one statement for the whole list. */
    public Uni<List<PickupWindow>> pickupSlotsOf(List<Order> orders) {
        return pickupSlots.bookedBy(orders.stream().map(Order::key).toList());
    }

    public Uni<List<ProductVariant>> variantsOf(List<OrderLine> lines) {
        return Batch.one(lines, OrderLine::variantKey, catalog::variantsByKeys);
    }
}
