package com.omnichannel.gateway.returns;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.inventory.StockReservations;
import com.omnichannel.gateway.inventory.StockReservations.OrderStock;
import com.omnichannel.gateway.loyalty.LoyaltyService;
import com.omnichannel.gateway.order.OrderEventKind;
import com.omnichannel.gateway.order.OrderReturns;
import com.omnichannel.gateway.order.OrderReturns.ReturnableLine;
import com.omnichannel.gateway.order.OrderReturns.ReturnableOrder;
import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.platform.errors.UserError;
import com.omnichannel.gateway.platform.ids.GlobalId;
import com.omnichannel.gateway.platform.security.Caller;
import com.omnichannel.gateway.returns.ReturnChanges.Outcome;
import com.omnichannel.gateway.returns.ReturnPayloads.ReturnPayload;
import com.omnichannel.gateway.returns.ReturnRepository.HeldUnits;
import com.omnichannel.gateway.returns.ReturnRepository.LineRow;
import com.omnichannel.gateway.returns.ReturnRepository.ReturnRow;
import com.omnichannel.gateway.store.Location;
import com.omnichannel.gateway.store.StoreService;

import io.smallrye.mutiny.Uni;

/**
 * Receipt of returns at any location: per line the units that came and what happens to them (restocked there,
 * recorded as damaged, held), the refund of the units received fixed, the order's points settled.
 */
@ApplicationScoped
public class ReturnReceipts {

    private final ReturnRepository repository;
    private final ReturnChanges changes;
    private final OrderReturns orders;
    private final StoreService stores;
    private final StockReservations stock;
    private final LoyaltyService loyalty;
    private final ReturnConfig config;

    ReturnReceipts(ReturnRepository repository, ReturnChanges changes, OrderReturns orders, StoreService stores, StockReservations stock,
            LoyaltyService loyalty, ReturnConfig config) {
        this.repository = repository;
        this.changes = changes;
        this.orders = orders;
        this.stores = stores;
        this.stock = stock;
        this.loyalty = loyalty;
        this.config = config;
    }

    // ---- receipt

    public Uni<ReturnPayload> receive(Caller caller, ReturnInputs.Receive input) {
        caller.requireStaff();
        Long locationKey = input.locationId() != null ? GlobalId.tryDecode(Location.TYPE, input.locationId()) : caller.storeId();
        if (locationKey == null) {
            return ReturnChanges.failed(UserError.of("UNKNOWN_LOCATION", "Give the receiving location", "input", "locationId"));
        }
        return stores.findLocation(locationKey).chain(location -> {
            if (location == null) {
                return ReturnChanges.failed(UserError.of("UNKNOWN_LOCATION", "No location with this id", "input", "locationId"));
            }
            return changes.ofReturn(caller, input.returnId(), (tx, order, ret) -> {
                if (ret.status() != ReturnStatus.APPROVED && ret.status() != ReturnStatus.REQUESTED) {
                    return Outcome.refused(UserError.of("ILLEGAL_TRANSITION", "A return that is " + ret.status() + " cannot be received", "input", "returnId"));
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
                return Outcome.refused(UserError.of("LINE_NOT_FOUND", "The return has no such line (or it is given twice)", "input", "lines", index, "returnLineId"));
            }
            if (in.quantity() < 0 || in.quantity() > line.quantity()) {
                return Outcome.refused(UserError.of("INVALID_QUANTITY", "Between 0 and the " + line.quantity() + " unit(s) asked for can be received",
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
            return Outcome.refused(UserError.of("INVALID_QUANTITY", "No unit was received; cancel the return instead", "input", "lines"));
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

    // ---- decisions on units held for inspection

    /**
     * Staff decide on units a receipt held for INSPECT: restocked at the location that received the return, or written
     * off as damaged. Allowed while the return is RECEIVED or CLOSED (closing does not wait for held units); never more
     * than a line still holds, checked with the order locked, so concurrent decisions go one after the other.
     */
    public Uni<ReturnPayload> resolveInspection(Caller caller, ReturnInputs.InspectionResolve input) {
        caller.requireStaff();
        return changes.ofReturn(caller, input.returnId(), (tx, order, ret) -> {
            if (ret.status() != ReturnStatus.RECEIVED && ret.status() != ReturnStatus.CLOSED) {
                return Outcome.refused(UserError.of("ILLEGAL_TRANSITION", "A return that is " + ret.status() + " holds no units for inspection", "input", "returnId"));
            }
            return repository.linesByReturns(tx, List.of(ret.id()))
                    .chain(byReturn -> inspected(tx, caller, order, ret, byReturn.getOrDefault(ret.id(), List.of()), input));
        });
    }

    private Uni<Outcome> inspected(Db.Tx tx, Caller caller, ReturnableOrder order, ReturnRow ret, List<LineRow> lines,
            ReturnInputs.InspectionResolve input) {
        if (input.lines().isEmpty()) {
            return Outcome.refused(UserError.of("INVALID_QUANTITY", "Decide on at least one line", "input", "lines"));
        }
        Map<Long, Integer> taken = new HashMap<>();
        Set<String> seen = new HashSet<>();
        List<OrderStock> restocked = new ArrayList<>();
        List<OrderStock> damaged = new ArrayList<>();
        for (int i = 0; i < input.lines().size(); i++) {
            ReturnInputs.InspectionLine in = input.lines().get(i);
            String index = Integer.toString(i);
            Long key = GlobalId.tryDecode(ReturnLine.TYPE, in.returnLineId());
            LineRow line = key == null ? null : lines.stream().filter(l -> l.id() == key).findFirst().orElse(null);
            if (line == null || !seen.add(key + "/" + in.disposition())) {
                return Outcome.refused(UserError.of("LINE_NOT_FOUND", "The return has no such line (or it is given twice with the same disposition)",
                        "input", "lines", index, "returnLineId"));
            }
            if (in.disposition() != ReturnDisposition.RESTOCK && in.disposition() != ReturnDisposition.DAMAGED) {
                return Outcome.refused(UserError.of("INVALID_DISPOSITION", "Held units are restocked or written off as damaged", "input", "lines", index, "disposition"));
            }
            if (in.quantity() < 1) {
                return Outcome.refused(UserError.of("INVALID_QUANTITY", "At least 1 unit", "input", "lines", index, "quantity"));
            }
            int total = taken.merge(key, in.quantity(), Integer::sum);
            if (total > line.heldQuantity()) {
                return Outcome.refused(UserError.of("HELD_QUANTITY_EXCEEDED", "The line holds " + line.heldQuantity() + " unit(s) for inspection",
                        "input", "lines", index, "quantity"));
            }
            OrderStock units = new OrderStock(line.variantId(), ret.receivedLocationId(), in.quantity());
            (in.disposition() == ReturnDisposition.RESTOCK ? restocked : damaged).add(units);
        }
        int restockedUnits = restocked.stream().mapToInt(OrderStock::quantity).sum();
        int damagedUnits = damaged.stream().mapToInt(OrderStock::quantity).sum();
        String reference = order.number();
        return repository.releaseHeld(tx, ret.id(), List.copyOf(taken.keySet()), taken.keySet().stream().map(taken::get).toList())
                .chain(() -> stock.receiveReturn(tx, restocked, true, caller.actor(), caller.channel(), reference))
                .chain(() -> stock.receiveReturn(tx, damaged, false, caller.actor(), caller.channel(), reference))
                .chain(() -> orders.recordEvent(tx, caller, order.key(), OrderEventKind.RETURN_UPDATED, "Return " + Return.globalId(ret.id())
                        + " inspected: " + restockedUnits + " unit(s) restocked, " + damagedUnits + " unit(s) written off as damaged"))
                .chain(() -> Outcome.made(ret.id()));
    }
}
