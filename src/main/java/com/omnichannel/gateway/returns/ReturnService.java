package com.omnichannel.gateway.returns;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.cart.FulfilmentType;
import com.omnichannel.gateway.catalog.CatalogService;
import com.omnichannel.gateway.catalog.ProductVariant;
import com.omnichannel.gateway.inventory.StockReservations;
import com.omnichannel.gateway.order.Order;
import com.omnichannel.gateway.order.OrderEventKind;
import com.omnichannel.gateway.order.OrderLine;
import com.omnichannel.gateway.order.OrderQueries;
import com.omnichannel.gateway.order.OrderReturns;
import com.omnichannel.gateway.order.OrderReturns.ReturnableLine;
import com.omnichannel.gateway.order.OrderReturns.ReturnableOrder;
import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.platform.errors.ApiException;
import com.omnichannel.gateway.platform.errors.UserError;
import com.omnichannel.gateway.platform.ids.GlobalId;
import com.omnichannel.gateway.platform.money.Money;
import com.omnichannel.gateway.platform.security.Caller;
import com.omnichannel.gateway.returns.ReturnChanges.Outcome;
import com.omnichannel.gateway.returns.ReturnPayloads.ReturnPayload;
import com.omnichannel.gateway.returns.ReturnRepository.HeldUnits;
import com.omnichannel.gateway.store.Location;
import com.omnichannel.gateway.store.StoreService;

import io.smallrye.mutiny.Uni;

/**
 * Returns asked for by the customer (or a guest with the order number and email) or by staff, exchanges for another
 * variant, and their way through the lifecycle ({@link ReturnStatus}). Every change locks the order first, as every
 * change of the order does, so concurrent returns of its last units go one after the other.
 */
@ApplicationScoped
public class ReturnService {

    static final int MAX_LINES = 100;
    static final int MAX_QUANTITY = 10_000;
    private static final int MAX_TEXT = 500;

    private final ReturnRepository repository;
    private final ReturnChanges changes;
    private final OrderReturns orders;
    private final OrderQueries orderQueries;
    private final CatalogService catalog;
    private final StoreService stores;
    private final StockReservations stock;
    private final ReturnConfig config;
    private final Clock clock;

    ReturnService(ReturnRepository repository, ReturnChanges changes, OrderReturns orders, OrderQueries orderQueries, CatalogService catalog,
            StoreService stores, StockReservations stock, ReturnConfig config, Clock clock) {
        this.repository = repository;
        this.changes = changes;
        this.orders = orders;
        this.orderQueries = orderQueries;
        this.catalog = catalog;
        this.stores = stores;
        this.stock = stock;
        this.config = config;
        this.clock = clock;
    }

    // ---- request

    public Uni<ReturnPayload> request(Caller caller, String clientAddressKey, ReturnInputs.Request input) {
        UserError invalid = validate(input);
        if (invalid != null) {
            return ReturnChanges.failed(invalid);
        }
        Uni<Long> dropOff = input.dropOffStoreId() == null ? Uni.createFrom().nullItem() : storeKey(input.dropOffStoreId());
        boolean guest = input.orderId() == null;
        if (guest && (input.orderNumber() == null || input.email() == null)) {
            return ReturnChanges.failed(UserError.of("REQUIRED", "Give orderId, or orderNumber and email", "input", "orderId"));
        }
        return dropOff.chain(store -> {
            if (input.dropOffStoreId() != null && store == null) {
                return ReturnChanges.failed(UserError.of("UNKNOWN_STORE", "No store with this id", "input", "dropOffStoreId"));
            }
            return orderKeyOf(caller, clientAddressKey, input.orderId(), input.orderNumber(), input.email())
                    .chain(key -> changes.inTransaction(tx -> lockedOrder(tx, caller, key, guest)
                            .chain(order -> requestIn(tx, caller, order, input, store))));
        });
    }

    /** The order a request names: by id (signed-in customers, staff), or by number and email (guests); not found otherwise. */
    private Uni<Long> orderKeyOf(Caller caller, String clientAddressKey, String orderId, String number, String email) {
        if (orderId != null) {
            if (!caller.isAuthenticated()) {
                throw ApiException.unauthenticated();
            }
            return Uni.createFrom().item(ReturnQueries.decode(Order.TYPE, orderId, "input.orderId"));
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
            return ReturnChanges.failed(new UserError(invalid.code(), List.of("input", invalid.field().get(invalid.field().size() - 1)), invalid.message(), null));
        }
        boolean guest = input.orderId() == null;
        if (guest && (input.orderNumber() == null || input.email() == null)) {
            return ReturnChanges.failed(UserError.of("REQUIRED", "Give orderId, or orderNumber and email", "input", "orderId"));
        }
        Long newVariant = GlobalId.tryDecode(ProductVariant.TYPE, input.newVariantId());
        if (newVariant == null) {
            return ReturnChanges.failed(UserError.of("INVALID_VARIANT", "No product variant with this id", "input", "newVariantId"));
        }
        boolean collect = input.fulfilment() == ExchangeFulfilment.COLLECT_AT_STORE;
        Long locationKey = input.locationId() != null ? GlobalId.tryDecode(Location.TYPE, input.locationId()) : collect ? caller.storeId() : null;
        if ((input.locationId() != null || collect) && locationKey == null) {
            return ReturnChanges.failed(UserError.of(collect ? "UNKNOWN_STORE" : "UNKNOWN_LOCATION", "Give the location (Location.id)", "input", "locationId"));
        }
        Uni<Location> location = locationKey == null ? Uni.createFrom().nullItem() : stores.findLocation(locationKey);
        return location.chain(place -> {
            if (locationKey != null && (place == null || (collect && !place.isStore()))) {
                return ReturnChanges.failed(UserError.of(collect ? "UNKNOWN_STORE" : "UNKNOWN_LOCATION", "No such " + (collect ? "store" : "location"),
                        "input", "locationId"));
            }
            return orderKeyOf(caller, clientAddressKey, input.orderId(), input.orderNumber(), input.email())
                    .chain(key -> changes.inTransaction(tx -> lockedOrder(tx, caller, key, guest)
                            .chain(order -> exchangeIn(tx, caller, order, input, asRequest, newVariant, locationKey))));
        });
    }

    private Uni<Outcome> exchangeIn(Db.Tx tx, Caller caller, ReturnableOrder order, ReturnInputs.Exchange input, ReturnInputs.Request asRequest,
            long newVariant, Long locationKey) {
        Long lineKey = GlobalId.tryDecode(OrderLine.TYPE, input.orderLineId());
        ReturnableLine line = order.lines().stream().filter(l -> lineKey != null && l.key() == lineKey).findFirst().orElse(null);
        if (line == null) {
            return Outcome.refused(UserError.of("LINE_NOT_FOUND", "The order has no such line", "input", "orderLineId"));
        }
        boolean collect = input.fulfilment() == ExchangeFulfilment.COLLECT_AT_STORE;
        if (!collect && !order.hasShippingAddress()) {
            return Outcome.refused(UserError.of("ADDRESS_REQUIRED", "The order has no delivery address; collect the new item at a store", "input", "fulfilment"));
        }
        return catalog.orderableVariants(Set.of(line.variantKey(), newVariant)).chain(variants -> {
            CatalogService.OrderableVariant wanted = variants.get(newVariant);
            CatalogService.OrderableVariant returned = variants.get(line.variantKey());
            if (wanted == null || !wanted.variant().active() || newVariant == line.variantKey()
                    || (returned != null && returned.variant().productKey() != wanted.variant().productKey())) {
                return Outcome.refused(UserError.of("INVALID_VARIANT", "Exchange for another variant of the same product that is sold", "input", "newVariantId"));
            }
            Uni<Long> from = locationKey != null ? Uni.createFrom().item(locationKey)
                    : stock.supply(Set.of(newVariant), null).map(supply -> supply.stream().filter(s -> s.available() >= input.quantity())
                            .sorted(java.util.Comparator.comparing((StockReservations.Supply s) -> !s.warehouse())
                                    .thenComparing(s -> -s.available()))
                            .map(StockReservations.Supply::locationKey).findFirst().orElse(null));
            return from.chain(fromKey -> {
                if (fromKey == null) {
                    return Outcome.refused(UserError.of("INSUFFICIENT_STOCK", "No location has the units of the new variant", "input", "newVariantId"));
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
                ? Outcome.refused(UserError.of("INSUFFICIENT_STOCK", "The location no longer has the units of the new variant", "input", "newVariantId"))
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
                return Outcome.refused(UserError.of("LINE_NOT_FOUND", "The order has no such line", "input", "lines", index, "orderLineId"));
            }
            if (nonReturnable.contains(line.variantKey())) {
                return Outcome.refused(UserError.of("NOT_RETURNABLE", line.sku() + " cannot be returned", "input", "lines", index, "orderLineId"));
            }
            int heldUnits = held.held().getOrDefault(line.key(), 0);
            if (in.quantity() > line.handedOver() - heldUnits) {
                String message = line.handedOver() == 0 ? "No unit of " + line.sku() + " has been delivered or picked up yet"
                        : "Only " + Math.max(0, line.handedOver() - heldUnits) + " unit(s) of " + line.sku() + " can still be returned";
                return Outcome.refused(UserError.of("RETURN_QUANTITY_EXCEEDED", message, "input", "lines", index, "quantity"));
            }
            if (line.handedOverAt().plus(config.window()).isBefore(now)) {
                return Outcome.refused(UserError.of("RETURN_WINDOW_CLOSED", "The return period of " + line.sku() + " ended on "
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
            return ReturnChanges.failed(UserError.of("INVALID_NOTE", "A note can have at most " + MAX_TEXT + " characters", "input", "note"));
        }
        ReturnStatus target = input.status();
        return changes.ofReturn(caller, input.returnId(), (tx, order, ret) -> {
            if (!caller.isStaff() && target != ReturnStatus.CANCELED) {
                throw ApiException.forbidden();
            }
            if (target == ReturnStatus.RECEIVED || !ret.status().canMoveTo(target)) {
                return Outcome.refused(UserError.of("ILLEGAL_TRANSITION", "A return that is " + ret.status() + " cannot become " + target
                        + (target == ReturnStatus.RECEIVED ? " here; use returnReceive" : "; it can become " + ret.status().next()), "input", "status"));
            }
            return changes.moved(tx, caller, ret, target, input.note());
        });
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
}
