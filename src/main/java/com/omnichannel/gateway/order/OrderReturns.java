package com.omnichannel.gateway.order;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.cart.FulfilmentType;
import com.omnichannel.gateway.inventory.StockReservations;
import com.omnichannel.gateway.order.OrderReadRepository.HandedOver;
import com.omnichannel.gateway.order.OrderRows.OrderRow;
import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.platform.security.Caller;
import com.omnichannel.gateway.platform.security.Channel;

import io.smallrye.mutiny.Uni;

/**
 * What returns need of an order, inside their own transaction: the order locked with what was paid for each line and
 * how many of its units reached the customer, its timeline, and partial refunds of its payment.
 */
@ApplicationScoped
public class OrderReturns {

    private final OrderRepository repository;
    private final OrderReadRepository reads;
    private final PaymentSettlement payments;
    private final StockReservations stockReservations;

    OrderReturns(OrderRepository repository, OrderReadRepository reads, PaymentSettlement payments,
            StockReservations stockReservations) {
        this.repository = repository;
        this.reads = reads;
        this.payments = payments;
        this.stockReservations = stockReservations;
    }

    /**
     * The variant an exchange gives: {@code quantity} units at today's price, taken from one location: collected at a
     * store (a PICKUP shipment there) or shipped (a SHIP shipment, to the order's address).
     */
    public record ExchangeItem(long variantKey, String sku, String productName, String variantTitle, int quantity, long unitPriceMinor,
            long taxMinor, long locationKey, FulfilmentType fulfilment) {
        long totalMinor() {
            return unitPriceMinor * quantity;
        }
    }

    /** The order line and shipment an exchange added. */
    public record ExchangeAdded(long orderLineKey, long shipmentKey) {
    }

    /**
     * Adds the exchange's item to the locked order: a new line (its totals added to the order's, so what the order was
     * paid includes it) in a new shipment from the location, its units reserved there (a RESERVATION in the stock
     * ledger, under the order's number). The shipment then moves like any other (ready, picked up; shipped,
     * delivered). Null, with nothing written, when the location no longer has the units.
     */
    public Uni<ExchangeAdded> addExchange(Db.Tx tx, Caller caller, ReturnableOrder order, ExchangeItem item, String note) {
        return stockReservations.lockSupply(tx, java.util.Set.of(item.variantKey()), item.locationKey()).chain(supply -> {
            int available = supply.stream().mapToInt(StockReservations.Supply::available).sum();
            if (available < item.quantity()) {
                return Uni.createFrom().nullItem();
            }
            return stockReservations.reserve(tx, List.of(new StockReservations.OrderStock(item.variantKey(), item.locationKey(), item.quantity())),
                    caller.actor(), caller.channel(), order.number())
                    .chain(() -> repository.insertLine(tx, order.key(), item.variantKey(), item.sku(), item.productName(), item.variantTitle(),
                            item.quantity(), item.unitPriceMinor(), item.taxMinor(), item.totalMinor(), caller.channel()))
                    .chain(lineKey -> repository.insertShipments(tx, List.of(item.locationKey()), item.fulfilment())
                            .chain(shipments -> repository.insertShipmentLines(tx, shipments, List.of(lineKey), List.of(item.quantity()))
                                    .chain(() -> repository.insertEvents(tx, List.of(order.key()), OrderEventKind.EXCHANGED, caller.actor(),
                                            caller.channel(), note))
                                    .replaceWith(new ExchangeAdded(lineKey, shipments.get(0)))));
        });
    }

    /** An order as returns see it; {@code totalMinor} is what the customer paid, goods and shipping. */
    public record ReturnableOrder(long key, String number, String customerId, Channel sourceChannel, String currency, long totalMinor,
            PaymentMethod paymentMethod, String paymentReference, PaymentStatus paymentStatus, boolean hasShippingAddress,
            List<ReturnableLine> lines) {

        /** What was paid for goods: the sum of the line totals (the rest of the total is shipping). */
        public long goodsMinor() {
            return lines.stream().mapToLong(ReturnableLine::totalMinor).sum();
        }
    }

    /**
     * @param totalMinor what was paid for the line's units: after promotions and redeemed points, as checkout spread them
     * @param handedOver units that reached the customer (delivered or picked up)
     * @param handedOverAt when the last of them did; null when none has
     */
    public record ReturnableLine(long key, long variantKey, String sku, int quantity, long unitPriceMinor, long taxMinor, long totalMinor,
            int handedOver, OffsetDateTime handedOverAt) {
    }

    /**
     * Locks the order (the lock every change of it takes) and reads it for returns; null when there is no such order or
     * the caller may not see it (staff see every order, a customer their own; guests are checked by the caller).
     */
    public Uni<ReturnableOrder> lock(Db.Tx tx, Caller caller, long orderKey, boolean guestVerified) {
        return repository.lockOrders(tx, List.of(orderKey)).chain(rows -> {
            if (rows.isEmpty() || !(guestVerified || OrderAccess.mayRead(caller, rows.get(0)))) {
                return Uni.createFrom().nullItem();
            }
            OrderRow o = rows.get(0);
            return reads.lines(tx, orderKey).chain(lines -> reads.handedOver(tx, orderKey).map(handed -> {
                Map<Long, HandedOver> byLine = handed;
                return new ReturnableOrder(o.id(), o.number(), o.customerId(), o.sourceChannel(), o.currency(), o.total(),
                        o.paymentMethod(), o.paymentReference(), o.paymentStatus(), o.shippingAddress() != null,
                        lines.stream().map(l -> {
                            HandedOver h = byLine.get(l.id());
                            return new ReturnableLine(l.id(), l.variantId(), l.sku(), l.quantity(), l.unitPrice(), l.tax(), l.total(),
                                    h == null ? 0 : h.units(), h == null ? null : h.at());
                        }).toList());
            }));
        });
    }

    /** A timeline entry on the order (returns, refunds, exchanges), with who and through which channel. */
    public Uni<Void> recordEvent(Db.Tx tx, Caller caller, long orderKey, OrderEventKind kind, String note) {
        return repository.insertEvents(tx, List.of(orderKey), kind, caller.actor(), caller.channel(), note);
    }

    /** Refunds part of the order's payment through its provider; inside the transaction, so a provider failure rolls back. */
    public Uni<Void> refundPayment(ReturnableOrder order, long amountMinor) {
        return payments.refund(new PaymentSettlement.Payment(order.paymentMethod(), order.paymentReference(), amountMinor,
                order.currency()), amountMinor);
    }
}
