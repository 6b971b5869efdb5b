package com.omnichannel.gateway.returns;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.cart.FulfilmentType;
import com.omnichannel.gateway.catalog.CatalogService;
import com.omnichannel.gateway.catalog.ProductVariant;
import com.omnichannel.gateway.inventory.StockReservations;
import com.omnichannel.gateway.inventory.StockReservations.OrderStock;
import com.omnichannel.gateway.loyalty.LoyaltyService;
import com.omnichannel.gateway.order.Order;
import com.omnichannel.gateway.order.OrderEventKind;
import com.omnichannel.gateway.order.OrderLine;
import com.omnichannel.gateway.order.OrderQueries;
import com.omnichannel.gateway.order.OrderReturns;
import com.omnichannel.gateway.order.OrderReturns.ReturnableLine;
import com.omnichannel.gateway.order.OrderReturns.ReturnableOrder;
import com.omnichannel.gateway.order.PaymentStatus;
import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.platform.errors.ApiException;
import com.omnichannel.gateway.platform.errors.UserError;
import com.omnichannel.gateway.platform.ids.GlobalId;
import com.omnichannel.gateway.platform.money.Money;
import com.omnichannel.gateway.platform.paging.Page;
import com.omnichannel.gateway.platform.paging.PageRequest;
import com.omnichannel.gateway.platform.security.Caller;
import com.omnichannel.gateway.returns.ReturnPayloads.RefundPayload;
import com.omnichannel.gateway.returns.ReturnPayloads.ReturnPayload;
import com.omnichannel.gateway.returns.ReturnRepository.HeldUnits;
import com.omnichannel.gateway.returns.ReturnRepository.LineRow;
import com.omnichannel.gateway.returns.ReturnRepository.RefundRow;
import com.omnichannel.gateway.returns.ReturnRepository.ReturnRow;
import com.omnichannel.gateway.store.Location;
import com.omnichannel.gateway.store.StoreService;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Returns: asked for by the customer (or a guest with the order number and email) or by staff, approved or declined,
 * received at any location (restocked, recorded as damaged or held), refunded to the original payment, store credit
 * or cash, with the order's points settled. Every change locks the order first, as every change of the order does,
 * so concurrent returns of its last units and concurrent refunds of its money go one after the other.
 */
@ApplicationScoped
public class ReturnService {

    static final int MAX_LINES = 100;
    static final int MAX_QUANTITY = 10_000;
    private static final int MAX_TEXT = 500;

    private final Db db;
    private final ReturnRepository repository;
    private final OrderReturns orders;
    private final OrderQueries orderQueries;
    private final CatalogService catalog;
    private final StoreService stores;
    private final StockReservations stock;
    private final LoyaltyService loyalty;
    private final StoreCreditRefunds storeCredit;
    private final ReturnEvents events;
    private final ReturnConfig config;
    private final Clock clock;

    ReturnService(Db db, ReturnRepository repository, OrderReturns orders, OrderQueries orderQueries, CatalogService catalog,
            StoreService stores, StockReservations stock, LoyaltyService loyalty, StoreCreditRefunds storeCredit, ReturnEvents events,
            ReturnConfig config, Clock clock) {
        this.db = db;
        this.repository = repository;
        this.orders = orders;
        this.orderQueries = orderQueries;
        this.catalog = catalog;
        this.stores = stores;
        this.stock = stock;
        this.loyalty = loyalty;
        this.storeCredit = storeCredit;
        this.events = events;
        this.config = config;
        this.clock = clock;
    }

    /** How a change ended: made for a return, or refused by a rule (nothing written). */
    private record Outcome(long returnKey, UserError refused) {
        static Uni<Outcome> made(long key) {
            return Uni.createFrom().item(new Outcome(key, null));
        }
    }

    // ---- reads

    public Uni<Return> returnById(Caller caller, String id) {
        Long key = GlobalId.tryDecode(Return.TYPE, id);
        if (key == null || !caller.isAuthenticated()) {
            return Uni.createFrom().nullItem();
        }
        return repository.findById(key).chain(row -> row == null || !mayRead(caller, row) ? Uni.createFrom().nullItem() : single(row));
    }

    public Uni<ReturnConnection> returns(Caller caller, ReturnInputs.Filter filter, Integer first, String after) {
        caller.requireStaff();
        PageRequest page = PageRequest.of(first, after, "returns");
        ReturnStatus status = filter == null ? null : filter.status();
        Long orderKey = filter == null || filter.orderId() == null ? null : decode(Order.TYPE, filter.orderId(), "filter.orderId");
        Long locationKey = filter == null || filter.receivedAtId() == null ? null : decode(Location.TYPE, filter.receivedAtId(), "filter.receivedAtId");
        return repository.search(status, orderKey, filter == null ? null : filter.purchaseChannel(), locationKey, page.fetchSize(), page.offset())
                .chain(this::map)
                .map(list -> Page.connection(list, page, ReturnConnection.Edge::new, ReturnConnection::new));
    }

    /** The returns of each order, oldest first (the caller reached the orders through a checked path). */
    public Uni<List<List<Return>>> returnsOf(List<Order> parents) {
        List<Long> keys = parents.stream().map(Order::key).toList();
        return repository.byOrders(new LinkedHashSet<>(keys)).chain(byOrder -> {
            List<ReturnRow> all = new ArrayList<>();
            byOrder.values().forEach(all::addAll);
            return map(all).map(mapped -> {
                Map<Long, Return> byKey = new HashMap<>();
                mapped.forEach(r -> byKey.put(r.key(), r));
                return keys.stream().map(k -> byOrder.getOrDefault(k, List.of()).stream().map(r -> byKey.get(r.id())).toList()).toList();
            });
        });
    }

    public Uni<List<List<ReturnLine>>> linesOf(List<Return> parents) {
        return repository.linesByReturns(parents.stream().map(Return::key).collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new)))
                .map(byReturn -> parents.stream().map(p -> byReturn.getOrDefault(p.key(), List.of()).stream()
                        .map(l -> line(l, p.suggestedRefund().currencyCode())).toList()).toList());
    }

    public Uni<List<List<Refund>>> refundsOf(List<Return> parents) {
        return repository.refundsByReturns(parents.stream().map(Return::key).collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new)))
                .map(byReturn -> parents.stream().map(p -> byReturn.getOrDefault(p.key(), List.of()).stream()
                        .map(ReturnService::refund).toList()).toList());
    }

    /** The return each time it changes, through any instance; for its owner and staff. */
    public Multi<Return> updates(Caller caller, String returnId) {
        Long key = GlobalId.tryDecode(Return.TYPE, returnId);
        if (key == null) {
            throw ApiException.badUserInput("Argument 'returnId' is not a return id");
        }
        if (!caller.isAuthenticated()) {
            throw ApiException.unauthenticated();
        }
        return Multi.createFrom().uni(repository.findById(key).invoke(row -> {
            if (row == null || !mayRead(caller, row)) {
                throw ApiException.notFound("No return with this id");
            }
        })).onItem().transformToMultiAndConcatenate(allowed -> events.of(key))
                .onItem().transformToUniAndConcatenate(changed -> repository.findById(key))
                .filter(row -> row != null)
                .onItem().transformToUniAndConcatenate(this::single);
    }

    // ---- request

    public Uni<ReturnPayload> request(Caller caller, String clientAddressKey, ReturnInputs.Request input) {
        UserError invalid = validate(input);
        if (invalid != null) {
            return failed(invalid);
        }
        Uni<Long> dropOff = input.dropOffStoreId() == null ? Uni.createFrom().nullItem() : storeKey(input.dropOffStoreId());
        boolean guest = input.orderId() == null;
        if (guest && (input.orderNumber() == null || input.email() == null)) {
            return failed(UserError.of("REQUIRED", "Give orderId, or orderNumber and email", "input", "orderId"));
        }
        return dropOff.chain(store -> {
            if (input.dropOffStoreId() != null && store == null) {
                return failed(UserError.of("UNKNOWN_STORE", "No store with this id", "input", "dropOffStoreId"));
            }
            return orderKeyOf(caller, clientAddressKey, input.orderId(), input.orderNumber(), input.email())
                    .chain(key -> change(tx -> lockedOrder(tx, caller, key, guest)
                            .chain(order -> requestIn(tx, caller, order, input, store))));
        });
    }

    /** The order a request names: by id (signed-in customers, staff), or by number and email (guests); not found otherwise. */
    private Uni<Long> orderKeyOf(Caller caller, String clientAddressKey, String orderId, String number, String email) {
        if (orderId != null) {
            if (!caller.isAuthenticated()) {
                throw ApiException.unauthenticated();
            }
            return Uni.createFrom().item(decode(Order.TYPE, orderId, "input.orderId"));
        }
        return orderQueries.lookup(clientAddressKey, number, email).map(o -> {
            if (o == null) {
                throw ApiException.notFound("No order with this id");
            }
            return o.key();
        });
    }

    private Uni<ReturnableOrder> lockedOrder(Db.Tx tx, Caller caller, long key, boolean guest) {
        return orders.lock(tx, caller, key, guest).invoke(order -> {
            if (order == null) {
                throw ApiException.notFound("No order with this id");
            }
        });
    }

    private Uni<Outcome> requestIn(Db.Tx tx, Caller caller, ReturnableOrder order, ReturnInputs.Request input, Long dropOff) {
        Set<Long> variants = new HashSet<>();
        order.lines().forEach(l -> variants.add(l.variantKey()));
        return catalog.nonReturnableVariants(variants).chain(nonReturnable -> repository.heldUnits(tx, order.key(), -1)
                .chain(held -> requested(tx, caller, order, input, dropOff, nonReturnable, held)));
    }

    // ---- exchange

    /**
     * Returns units of a line and gives another variant of the same product instead, in one transaction: a return of
     * the units (received later, as any return), and the new item on the order (a line and a shipment from a store to
     * collect it at, or from a location that ships it, its units reserved there). What the returned units were paid
     * pays for the new item; the rest is refunded with the return, or charged when the new item costs more.
     */
    public Uni<ReturnPayload> exchange(Caller caller, String clientAddressKey, ReturnInputs.Exchange input) {
        ReturnInputs.Request asRequest = new ReturnInputs.Request(input.orderId(), input.orderNumber(), input.email(),
                List.of(new ReturnInputs.Line(input.orderLineId(), input.quantity(), input.reason())), ReturnMethod.DROP_OFF, null);
        UserError invalid = validate(asRequest);
        if (invalid != null) {
            return failed(new UserError(invalid.code(), List.of("input", invalid.field().get(invalid.field().size() - 1)), invalid.message(), null));
        }
        boolean guest = input.orderId() == null;
        if (guest && (input.orderNumber() == null || input.email() == null)) {
            return failed(UserError.of("REQUIRED", "Give orderId, or orderNumber and email", "input", "orderId"));
        }
        Long newVariant = GlobalId.tryDecode(ProductVariant.TYPE, input.newVariantId());
        if (newVariant == null) {
            return failed(UserError.of("INVALID_VARIANT", "No product variant with this id", "input", "newVariantId"));
        }
        boolean collect = input.fulfilment() == ExchangeFulfilment.COLLECT_AT_STORE;
        Long locationKey = input.locationId() != null ? GlobalId.tryDecode(Location.TYPE, input.locationId()) : collect ? caller.storeId() : null;
        if ((input.locationId() != null || collect) && locationKey == null) {
            return failed(UserError.of(collect ? "UNKNOWN_STORE" : "UNKNOWN_LOCATION", "Give the location (Location.id)", "input", "locationId"));
        }
        Uni<Location> location = locationKey == null ? Uni.createFrom().nullItem() : stores.findLocation(locationKey);
        return location.chain(place -> {
            if (locationKey != null && (place == null || (collect && !place.isStore()))) {
                return failed(UserError.of(collect ? "UNKNOWN_STORE" : "UNKNOWN_LOCATION", "No such " + (collect ? "store" : "location"),
                        "input", "locationId"));
            }
            return orderKeyOf(caller, clientAddressKey, input.orderId(), input.orderNumber(), input.email())
                    .chain(key -> change(tx -> lockedOrder(tx, caller, key, guest)
                            .chain(order -> exchangeIn(tx, caller, order, input, asRequest, newVariant, locationKey))));
        });
    }

    private Uni<Outcome> exchangeIn(Db.Tx tx, Caller caller, ReturnableOrder order, ReturnInputs.Exchange input, ReturnInputs.Request asRequest,
            long newVariant, Long locationKey) {
        Long lineKey = GlobalId.tryDecode(OrderLine.TYPE, input.orderLineId());
        ReturnableLine line = order.lines().stream().filter(l -> lineKey != null && l.key() == lineKey).findFirst().orElse(null);
        if (line == null) {
            return refused(UserError.of("LINE_NOT_FOUND", "The order has no such line", "input", "orderLineId"));
        }
        boolean collect = input.fulfilment() == ExchangeFulfilment.COLLECT_AT_STORE;
        if (!collect && !order.hasShippingAddress()) {
            return refused(UserError.of("ADDRESS_REQUIRED", "The order has no delivery address; collect the new item at a store", "input", "fulfilment"));
        }
        return catalog.orderableVariants(Set.of(line.variantKey(), newVariant)).chain(variants -> {
            CatalogService.OrderableVariant wanted = variants.get(newVariant);
            CatalogService.OrderableVariant returned = variants.get(line.variantKey());
            if (wanted == null || !wanted.variant().active() || newVariant == line.variantKey()
                    || (returned != null && returned.variant().productKey() != wanted.variant().productKey())) {
                return refused(UserError.of("INVALID_VARIANT", "Exchange for another variant of the same product that is sold", "input", "newVariantId"));
            }
            Uni<Long> from = locationKey != null ? Uni.createFrom().item(locationKey)
                    : stock.supply(Set.of(newVariant), null).map(supply -> supply.stream().filter(s -> s.available() >= input.quantity())
                            .sorted(java.util.Comparator.comparing((StockReservations.Supply s) -> !s.warehouse())
                                    .thenComparing(s -> -s.available()))
                            .map(StockReservations.Supply::locationKey).findFirst().orElse(null));
            return from.chain(fromKey -> {
                if (fromKey == null) {
                    return refused(UserError.of("INSUFFICIENT_STOCK", "No location has the units of the new variant", "input", "newVariantId"));
                }
                return repository.heldUnits(tx, order.key(), -1).chain(held -> {
                    long paid = RefundProration.unitsShare(line.totalMinor(), line.quantity(), held.held().getOrDefault(line.key(), 0), input.quantity());
                    return requestIn(tx, caller, order, asRequest, null).chain(outcome -> outcome.refused() != null ? Uni.createFrom().item(outcome)
                            : exchanged(tx, caller, order, line, wanted, input, fromKey, collect, paid, outcome.returnKey()));
                });
            });
        });
    }

    private Uni<Outcome> exchanged(Db.Tx tx, Caller caller, ReturnableOrder order, ReturnableLine line, CatalogService.OrderableVariant wanted,
            ReturnInputs.Exchange input, long fromKey, boolean collect, long paid, long returnKey) {
        long price = wanted.variant().price().minorUnits();
        long total = price * input.quantity();
        // Same goods, same destination: the new line bears tax at the returned line's rate.
        long tax = line.totalMinor() == 0 ? 0 : java.math.BigDecimal.valueOf(total).multiply(java.math.BigDecimal.valueOf(line.taxMinor()))
                .divide(java.math.BigDecimal.valueOf(line.totalMinor()), 0, java.math.RoundingMode.HALF_UP).longValueExact();
        var item = new OrderReturns.ExchangeItem(wanted.variant().key(), wanted.variant().sku(), wanted.productName(), wanted.variant().title(),
                input.quantity(), price, tax, fromKey, collect ? FulfilmentType.PICKUP : FulfilmentType.SHIP);
        String note = "Return " + Return.globalId(returnKey) + ": " + input.quantity() + " × " + line.sku() + " exchanged for "
                + wanted.variant().sku() + (collect ? ", to collect at the store" : ", shipped") + "; difference "
                + Money.ofMinor(total - paid, order.currency()).amount() + " " + order.currency();
        return orders.addExchange(tx, caller, order, item, note).chain(added -> added == null
                ? refused(UserError.of("INSUFFICIENT_STOCK", "The location no longer has the units of the new variant", "input", "newVariantId"))
                : repository.recordExchange(tx, returnKey, added.orderLineKey(), total - paid, Math.min(paid, total))
                        .chain(() -> Outcome.made(returnKey)));
    }

    private Uni<Outcome> requested(Db.Tx tx, Caller caller, ReturnableOrder order, ReturnInputs.Request input, Long dropOff,
            Set<Long> nonReturnable, HeldUnits held) {
        Map<Long, ReturnableLine> lines = new HashMap<>();
        order.lines().forEach(l -> lines.put(l.key(), l));
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<Long> lineKeys = new ArrayList<>();
        List<Long> variants = new ArrayList<>();
        List<String> skus = new ArrayList<>();
        List<Integer> quantities = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        List<Long> refunds = new ArrayList<>();
        for (int i = 0; i < input.lines().size(); i++) {
            ReturnInputs.Line in = input.lines().get(i);
            String index = Integer.toString(i);
            Long lineKey = GlobalId.tryDecode(OrderLine.TYPE, in.orderLineId());
            ReturnableLine line = lineKey == null ? null : lines.get(lineKey);
            if (line == null) {
                return refused(UserError.of("LINE_NOT_FOUND", "The order has no such line", "input", "lines", index, "orderLineId"));
            }
            if (nonReturnable.contains(line.variantKey())) {
                return refused(UserError.of("NOT_RETURNABLE", line.sku() + " cannot be returned", "input", "lines", index, "orderLineId"));
            }
            int heldUnits = held.held().getOrDefault(line.key(), 0);
            if (in.quantity() > line.handedOver() - heldUnits) {
                String message = line.handedOver() == 0 ? "No unit of " + line.sku() + " has been delivered or picked up yet"
                        : "Only " + Math.max(0, line.handedOver() - heldUnits) + " unit(s) of " + line.sku() + " can still be returned";
                return refused(UserError.of("RETURN_QUANTITY_EXCEEDED", message, "input", "lines", index, "quantity"));
            }
            if (line.handedOverAt().plus(config.window()).isBefore(now)) {
                return refused(UserError.of("RETURN_WINDOW_CLOSED", "The return period of " + line.sku() + " ended on "
                        + line.handedOverAt().plus(config.window()).toLocalDate(), "input", "lines", index, "orderLineId"));
            }
            lineKeys.add(line.key());
            variants.add(line.variantKey());
            skus.add(line.sku());
            quantities.add(in.quantity());
            reasons.add(in.reason().strip());
            refunds.add(RefundProration.unitsShare(line.totalMinor(), line.quantity(), heldUnits, in.quantity()));
        }
        // Staff asking for a return at the counter have decided on it already.
        ReturnStatus status = caller.isStaff() ? ReturnStatus.APPROVED : ReturnStatus.REQUESTED;
        long estimate = refunds.stream().mapToLong(Long::longValue).sum();
        int units = quantities.stream().mapToInt(Integer::intValue).sum();
        return repository.insertReturn(tx, new ReturnRepository.NewReturn(order.key(), order.number(), order.sourceChannel(), order.customerId(),
                order.currency(), status, input.method(), dropOff, caller.channel(), caller.actor(), estimate))
                .chain(key -> repository.insertLines(tx, key, lineKeys, variants, skus, quantities, reasons, refunds)
                        .chain(() -> orders.recordEvent(tx, caller, order.key(), OrderEventKind.RETURN_UPDATED,
                                "Return " + Return.globalId(key) + " " + status + ": " + units + " unit(s), " + input.method()))
                        .chain(() -> Outcome.made(key)));
    }

    // ---- lifecycle

    public Uni<ReturnPayload> updateStatus(Caller caller, ReturnInputs.StatusUpdate input) {
        if (!caller.isAuthenticated()) {
            throw ApiException.unauthenticated();
        }
        if (input.note() != null && input.note().length() > MAX_TEXT) {
            return failed(UserError.of("INVALID_NOTE", "A note can have at most " + MAX_TEXT + " characters", "input", "note"));
        }
        ReturnStatus target = input.status();
        return ofReturn(caller, input.returnId(), (tx, order, ret) -> {
            if (!caller.isStaff() && target != ReturnStatus.CANCELED) {
                throw ApiException.forbidden();
            }
            if (target == ReturnStatus.RECEIVED || !ret.status().canMoveTo(target)) {
                return refused(UserError.of("ILLEGAL_TRANSITION", "A return that is " + ret.status() + " cannot become " + target
                        + (target == ReturnStatus.RECEIVED ? " here; use returnReceive" : "; it can become " + ret.status().next()), "input", "status"));
            }
            return moved(tx, caller, ret, target, input.note());
        });
    }

    private Uni<Outcome> moved(Db.Tx tx, Caller caller, ReturnRow ret, ReturnStatus target, String note) {
        return repository.setStatus(tx, ret.id(), target)
                .chain(() -> orders.recordEvent(tx, caller, ret.orderId(), OrderEventKind.RETURN_UPDATED,
                        "Return " + Return.globalId(ret.id()) + " " + ret.status() + " → " + target + (note == null || note.isBlank() ? "" : ": " + note.strip())))
                .chain(() -> Outcome.made(ret.id()));
    }

    // ---- receipt

    public Uni<ReturnPayload> receive(Caller caller, ReturnInputs.Receive input) {
        caller.requireStaff();
        Long locationKey = input.locationId() != null ? GlobalId.tryDecode(Location.TYPE, input.locationId()) : caller.storeId();
        if (locationKey == null) {
            return failed(UserError.of("UNKNOWN_LOCATION", "Give the receiving location", "input", "locationId"));
        }
        return stores.findLocation(locationKey).chain(location -> {
            if (location == null) {
                return failed(UserError.of("UNKNOWN_LOCATION", "No location with this id", "input", "locationId"));
            }
            return ofReturn(caller, input.returnId(), (tx, order, ret) -> {
                if (ret.status() != ReturnStatus.APPROVED && ret.status() != ReturnStatus.REQUESTED) {
                    return refused(UserError.of("ILLEGAL_TRANSITION", "A return that is " + ret.status() + " cannot be received", "input", "returnId"));
                }
                return repository.linesByReturns(tx, List.of(ret.id())).chain(byReturn -> repository.heldUnits(tx, order.key(), ret.id())
                        .chain(held -> received(tx, caller, order, ret, byReturn.getOrDefault(ret.id(), List.of()), held, locationKey, input)));
            });
        });
    }

    private Uni<Outcome> received(Db.Tx tx, Caller caller, ReturnableOrder order, ReturnRow ret, List<LineRow> lines, HeldUnits held,
            long locationKey, ReturnInputs.Receive input) {
        Map<Long, ReturnInputs.ReceiveLine> given = new HashMap<>();
        for (int i = 0; i < input.lines().size(); i++) {
            ReturnInputs.ReceiveLine in = input.lines().get(i);
            String index = Integer.toString(i);
            Long key = GlobalId.tryDecode(ReturnLine.TYPE, in.returnLineId());
            LineRow line = key == null ? null : lines.stream().filter(l -> l.id() == key).findFirst().orElse(null);
            if (line == null || given.containsKey(key)) {
                return refused(UserError.of("LINE_NOT_FOUND", "The return has no such line (or it is given twice)", "input", "lines", index, "returnLineId"));
            }
            if (in.quantity() < 0 || in.quantity() > line.quantity()) {
                return refused(UserError.of("INVALID_QUANTITY", "Between 0 and the " + line.quantity() + " unit(s) asked for can be received",
                        "input", "lines", index, "quantity"));
            }
            given.put(key, in);
        }
        Map<Long, ReturnableLine> orderLines = new HashMap<>();
        order.lines().forEach(l -> orderLines.put(l.key(), l));
        List<Long> ids = new ArrayList<>();
        List<Integer> quantities = new ArrayList<>();
        List<ReturnDisposition> dispositions = new ArrayList<>();
        List<Long> refunds = new ArrayList<>();
        List<OrderStock> restocked = new ArrayList<>();
        List<OrderStock> damaged = new ArrayList<>();
        long goods = 0;
        int receivedUnits = 0;
        for (LineRow line : lines) {
            ReturnInputs.ReceiveLine in = given.get(line.id());
            int units = in == null ? 0 : in.quantity();
            ReturnableLine bought = orderLines.get(line.orderLineId());
            long refund = RefundProration.unitsShare(bought.totalMinor(), bought.quantity(), held.received().getOrDefault(line.orderLineId(), 0), units);
            ids.add(line.id());
            quantities.add(units);
            dispositions.add(in == null ? null : in.disposition());
            refunds.add(refund);
            goods += refund;
            receivedUnits += units;
            if (units > 0 && in.disposition() == ReturnDisposition.RESTOCK) {
                restocked.add(new OrderStock(line.variantId(), locationKey, units));
            } else if (units > 0 && in.disposition() == ReturnDisposition.DAMAGED) {
                damaged.add(new OrderStock(line.variantId(), locationKey, units));
            }
        }
        if (receivedUnits == 0) {
            return refused(UserError.of("INVALID_QUANTITY", "No unit was received; cancel the return instead", "input", "lines"));
        }
        int unitsBought = order.lines().stream().mapToInt(ReturnableLine::quantity).sum();
        int unitsBack = held.received().values().stream().mapToInt(Integer::intValue).sum() + receivedUnits;
        long shipping = config.shippingRefund().refundOf(order.totalMinor() - order.goodsMinor(), unitsBack == unitsBought, held.shippingRefunded());
        long goodsRefund = goods;
        int units = receivedUnits;
        String reference = order.number();
        var receipt = new ReturnRepository.Receipt(locationKey, caller.channel(), ids, quantities, dispositions, refunds, goods, shipping);
        Uni<Void> approved = ret.status() == ReturnStatus.REQUESTED
                ? orders.recordEvent(tx, caller, order.key(), OrderEventKind.RETURN_UPDATED, "Return " + Return.globalId(ret.id()) + " REQUESTED → APPROVED at the counter")
                : Uni.createFrom().voidItem();
        return approved.chain(() -> repository.receive(tx, ret.id(), receipt))
                .chain(() -> stock.receiveReturn(tx, restocked, true, caller.actor(), caller.channel(), reference))
                .chain(() -> stock.receiveReturn(tx, damaged, false, caller.actor(), caller.channel(), reference))
                .chain(() -> loyalty.unitsReturned(tx, caller, new LoyaltyService.ReturnedShare(order.key(), order.number(), order.customerId(),
                        order.sourceChannel(), held.receivedGoodsMinor(), goodsRefund, order.goodsMinor())))
                .chain(points -> repository.recordPoints(tx, ret.id(), points.takenBack(), points.forgiven(), points.givenBack()))
                .chain(() -> orders.recordEvent(tx, caller, order.key(), OrderEventKind.RETURN_UPDATED, "Return " + Return.globalId(ret.id())
                        + " " + ReturnStatus.APPROVED + " → " + ReturnStatus.RECEIVED + ": " + units + " unit(s)"))
                // Nothing to refund (an exchange's new item took all of it): the return is done.
                .chain(() -> goodsRefund + shipping <= ret.exchangeSettled()
                        ? repository.setStatus(tx, ret.id(), ReturnStatus.CLOSED)
                                .chain(() -> orders.recordEvent(tx, caller, order.key(), OrderEventKind.RETURN_UPDATED, "Return "
                                        + Return.globalId(ret.id()) + " " + ReturnStatus.RECEIVED + " → " + ReturnStatus.CLOSED + ": nothing to refund"))
                        : Uni.createFrom().voidItem())
                .chain(() -> Outcome.made(ret.id()));
    }

    // ---- refunds

    public Uni<RefundPayload> refund(Caller caller, ReturnInputs.RefundRequest input) {
        caller.requireStaff();
        String key = input.idempotencyKey() == null ? "" : input.idempotencyKey().strip();
        if (key.length() < 8 || key.length() > 128) {
            return Uni.createFrom().item(RefundPayload.failed(UserError.of("INVALID_IDEMPOTENCY_KEY", "Give a key of 8 to 128 characters",
                    "input", "idempotencyKey")));
        }
        String hash = hash(input.returnId() + "|" + input.destination() + "|" + (input.amount() == null ? "" : input.amount().strip()));
        return repository.refundByKey(key).chain(earlier -> {
            if (earlier != null) {
                return repeated(earlier, hash);
            }
            return refundOnce(caller, input, key, hash)
                    .onFailure(ReturnService::isUniqueViolation)
                    .recoverWithUni(() -> repository.refundByKey(key).chain(other -> repeated(other, hash)));
        });
    }

    private Uni<RefundPayload> refundOnce(Caller caller, ReturnInputs.RefundRequest input, String key, String hash) {
        RefundRow[] paid = new RefundRow[1];
        RefundRow[] earlier = new RefundRow[1];
        return ofReturn(caller, input.returnId(), (tx, order, ret) -> repository.refundByKey(tx, key).chain(done -> {
            if (done != null) {
                // A request with the same key committed while this one waited for the order.
                earlier[0] = done;
                return refused(UserError.of("IDEMPOTENCY_KEY_REUSED", "Refunded meanwhile under this key", "input", "idempotencyKey"));
            }
            return refundChecked(tx, caller, input, key, hash, order, ret, paid);
        })).chain(payload -> earlier[0] != null ? repeated(earlier[0], hash)
                : Uni.createFrom().item(payload.userErrors().isEmpty()
                        ? new RefundPayload(refund(paid[0]), payload.returnRequest(), List.of())
                        : new RefundPayload(null, null, payload.userErrors())));
    }

    private Uni<Outcome> refundChecked(Db.Tx tx, Caller caller, ReturnInputs.RefundRequest input, String key, String hash, ReturnableOrder order,
            ReturnRow ret, RefundRow[] paid) {
        if (ret.status() != ReturnStatus.RECEIVED) {
            return refused(UserError.of("ILLEGAL_TRANSITION", "Only received returns are refunded; this one is " + ret.status(), "input", "returnId"));
        }
        long remaining = ret.suggested() - ret.refunded();
        long amount;
        try {
            amount = input.amount() == null ? remaining : Money.toMinor(input.amount(), order.currency());
        } catch (IllegalArgumentException e) {
            return refused(UserError.of("INVALID_AMOUNT", e.getMessage(), "input", "amount"));
        }
        if (amount <= 0) {
            return refused(UserError.of(input.amount() == null ? "REFUND_TOO_LARGE" : "INVALID_AMOUNT",
                    input.amount() == null ? "Nothing is left to refund on this return" : "The amount must be positive", "input", "amount"));
        }
        if (amount > remaining) {
            return refused(UserError.of("REFUND_TOO_LARGE", "At most " + Money.ofMinor(remaining, order.currency()).amount() + " "
                    + order.currency() + " is left to refund on this return", "input", "amount"));
        }
        if (input.destination() == RefundDestination.STORE_CREDIT && (order.customerId() == null || !storeCredit.available())) {
            return refused(UserError.of("REFUND_DESTINATION_UNAVAILABLE", order.customerId() == null
                    ? "Store credit needs a customer account; the order was placed as a guest" : "Store credit is not available", "input", "destination"));
        }
        if (input.destination() == RefundDestination.ORIGINAL_PAYMENT && order.paymentStatus() != PaymentStatus.PAID) {
            return refused(UserError.of("REFUND_DESTINATION_UNAVAILABLE", "The order's payment is " + order.paymentStatus()
                    + ", so nothing can go back to it", "input", "destination"));
        }
        long refundAmount = amount;
        return repository.refundedOnOrder(tx, order.key()).chain(refundedBefore -> {
            if (refundedBefore + refundAmount > order.totalMinor()) {
                return refused(UserError.of("REFUND_TOO_LARGE", "Refunds of the order would exceed the "
                        + Money.ofMinor(order.totalMinor(), order.currency()).amount() + " " + order.currency() + " paid for it", "input", "amount"));
            }
            Money money = Money.ofMinor(refundAmount, order.currency());
            String reference = Return.globalId(ret.id());
            return repository.insertRefund(tx, ret.id(), order.key(), key, hash, input.destination(), refundAmount, order.currency(),
                    caller.actor(), caller.channel())
                    .invoke(row -> paid[0] = row)
                    .chain(row -> switch (input.destination()) {
                        case ORIGINAL_PAYMENT -> orders.refundPayment(order, refundAmount);
                        case STORE_CREDIT -> storeCredit.credit(tx, caller, order.customerId(), money, "Refund of return " + reference
                                + " of order " + order.number(), Refund.TYPE + ":" + row.id());
                        case CASH -> Uni.createFrom().voidItem();
                    })
                    .chain(() -> orders.recordEvent(tx, caller, order.key(), OrderEventKind.REFUND_ISSUED, "Refunded " + money.amount() + " "
                            + money.currencyCode() + " to " + input.destination() + " for return " + reference))
                    .chain(() -> ret.refunded() + refundAmount >= ret.suggested()
                            ? moved(tx, caller, ret, ReturnStatus.CLOSED, "refunded")
                            : Outcome.made(ret.id()));
        });
    }

    private Uni<RefundPayload> repeated(RefundRow earlier, String hash) {
        if (!earlier.requestHash().equals(hash)) {
            return Uni.createFrom().item(RefundPayload.failed(UserError.of("IDEMPOTENCY_KEY_REUSED",
                    "This idempotency key was used for another refund", "input", "idempotencyKey")));
        }
        return repository.findById(earlier.returnId()).chain(this::single).map(r -> new RefundPayload(refund(earlier), r, List.of()));
    }

    // ---- the change of one return

    @FunctionalInterface
    private interface ReturnWork {
        Uni<Outcome> apply(Db.Tx tx, ReturnableOrder order, ReturnRow ret);
    }

    /** Locks the return's order, then the return, and runs the work; a return the caller may not see is not found. */
    private Uni<ReturnPayload> ofReturn(Caller caller, String returnId, ReturnWork work) {
        Long key = GlobalId.tryDecode(Return.TYPE, returnId);
        if (key == null) {
            throw ApiException.notFound("No return with this id");
        }
        return repository.orderOf(key).chain(orderKey -> {
            if (orderKey == null) {
                throw ApiException.notFound("No return with this id");
            }
            return change(tx -> orders.lock(tx, caller, orderKey, false).chain(order -> {
                if (order == null) {
                    throw ApiException.notFound("No return with this id");
                }
                return repository.lock(tx, key).chain(ret -> work.apply(tx, order, ret));
            }));
        });
    }

    private Uni<ReturnPayload> change(Function<Db.Tx, Uni<Outcome>> work) {
        return db.inTransaction(tx -> work.apply(tx).invoke(outcome -> {
            if (outcome.refused() != null) {
                tx.rollBack();
            }
        })).chain(outcome -> outcome.refused() != null ? failed(outcome.refused())
                : events.publish(outcome.returnKey()).onFailure().recoverWithNull()
                        .chain(() -> repository.findById(outcome.returnKey())).chain(this::single)
                        .map(r -> new ReturnPayload(r, List.of())));
    }

    // ---- helpers

    private static boolean mayRead(Caller caller, ReturnRow row) {
        return caller.isStaff() || (caller.customerId() != null && caller.customerId().equals(row.customerId()));
    }

    private UserError validate(ReturnInputs.Request input) {
        if (input.lines().isEmpty() || input.lines().size() > MAX_LINES) {
            return UserError.of("INVALID_LINES", "Give 1 to " + MAX_LINES + " lines", "input", "lines");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < input.lines().size(); i++) {
            ReturnInputs.Line line = input.lines().get(i);
            String index = Integer.toString(i);
            if (!seen.add(line.orderLineId())) {
                return UserError.of("INVALID_LINES", "Each order line at most once", "input", "lines", index, "orderLineId");
            }
            if (line.quantity() < 1 || line.quantity() > MAX_QUANTITY) {
                return UserError.of("INVALID_QUANTITY", "Quantity must be between 1 and " + MAX_QUANTITY, "input", "lines", index, "quantity");
            }
            if (line.reason() == null || line.reason().isBlank() || line.reason().length() > MAX_TEXT) {
                return UserError.of("REASON_REQUIRED", "Give a reason of 1 to " + MAX_TEXT + " characters", "input", "lines", index, "reason");
            }
        }
        return null;
    }

    private Uni<Long> storeKey(String id) {
        Long key = GlobalId.tryDecode(Location.TYPE, id);
        return key == null ? Uni.createFrom().nullItem() : stores.findLocation(key).map(l -> l == null ? null : key);
    }

    private static Long decode(String type, String id, String argument) {
        Long key = GlobalId.tryDecode(type, id);
        if (key == null) {
            throw ApiException.notFound("No object with this id (" + argument + ")");
        }
        return key;
    }

    private Uni<Return> single(ReturnRow row) {
        return row == null ? Uni.createFrom().nullItem() : map(List.of(row)).map(list -> list.get(0));
    }

    private Uni<List<Return>> map(List<ReturnRow> rows) {
        Set<Long> locations = new HashSet<>();
        rows.forEach(r -> {
            if (r.dropOffLocationId() != null) {
                locations.add(r.dropOffLocationId());
            }
            if (r.receivedLocationId() != null) {
                locations.add(r.receivedLocationId());
            }
        });
        Uni<Map<Long, Location>> found = locations.isEmpty() ? Uni.createFrom().item(Map.of()) : stores.locationsByKeys(locations);
        return found.map(byKey -> rows.stream().map(r -> new Return(Return.globalId(r.id()), r.status(), r.status().next(), r.method(),
                Order.globalId(r.orderId()), r.orderNumber(), r.purchaseChannel(), r.channel(),
                r.dropOffLocationId() == null ? null : byKey.get(r.dropOffLocationId()),
                r.receivedLocationId() == null ? null : byKey.get(r.receivedLocationId()), r.receivedAt(),
                r.receivedAt() == null ? null : r.receivedFully(), Money.ofMinor(r.suggested(), r.currency()), Money.ofMinor(r.refunded(), r.currency()),
                Math.toIntExact(r.pointsTakenBack()), Math.toIntExact(r.pointsForgiven()), Math.toIntExact(r.pointsReturned()),
                r.exchangeOrderLineId() == null ? null : OrderLine.globalId(r.exchangeOrderLineId()),
                r.exchangeOrderLineId() == null ? null : Money.ofMinor(r.exchangeDifference(), r.currency()), r.createdAt(), r.updatedAt(), r.id(), r.orderId())).toList());
    }

    private static ReturnLine line(LineRow l, String currency) {
        return new ReturnLine(GlobalId.encode(ReturnLine.TYPE, l.id()), OrderLine.globalId(l.orderLineId()), l.sku(), l.quantity(), l.reason(),
                l.receivedQuantity(), l.disposition(), Money.ofMinor(l.refund(), currency));
    }

    private static Refund refund(RefundRow r) {
        return new Refund(GlobalId.encode(Refund.TYPE, r.id()), r.destination(), Money.ofMinor(r.amount(), r.currency()), r.actor(), r.channel(),
                r.createdAt());
    }

    private static Uni<Outcome> refused(UserError error) {
        return Uni.createFrom().item(new Outcome(0, error));
    }

    private static Uni<ReturnPayload> failed(UserError error) {
        return Uni.createFrom().item(ReturnPayload.failed(error));
    }

    private static boolean isUniqueViolation(Throwable failure) {
        return failure instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState());
    }

    private static String hash(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
