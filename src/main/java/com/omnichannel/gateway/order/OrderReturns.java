package com.omnichannel.gateway.order;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.order.OrderRepository.HandedOver;
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
    private final PaymentSettlement payments;

    OrderReturns(OrderRepository repository, PaymentSettlement payments) {
        this.repository = repository;
        this.payments = payments;
    }

    /** An order as returns see it; {@code totalMinor} is what the customer paid, goods and shipping. */
    public record ReturnableOrder(long key, String number, String customerId, Channel sourceChannel, String currency, long totalMinor,
            PaymentMethod paymentMethod, String paymentReference, PaymentStatus paymentStatus, List<ReturnableLine> lines) {

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
    public record ReturnableLine(long key, long variantKey, String sku, int quantity, long unitPriceMinor, long totalMinor,
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
            return repository.lines(tx, orderKey).chain(lines -> repository.handedOver(tx, orderKey).map(handed -> {
                Map<Long, HandedOver> byLine = handed;
                return new ReturnableOrder(o.id(), o.number(), o.customerId(), o.sourceChannel(), o.currency(), o.total(),
                        o.paymentMethod(), o.paymentReference(), o.paymentStatus(),
                        lines.stream().map(l -> {
                            HandedOver h = byLine.get(l.id());
                            return new ReturnableLine(l.id(), l.variantId(), l.sku(), l.quantity(), l.unitPrice(), l.total(),
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
