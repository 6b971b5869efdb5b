package com.omnichannel.gateway.order;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import com.omnichannel.gateway.order.OrderRows.OrderRow;
import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.platform.security.Caller;

import io.smallrye.mutiny.Uni;

/**
 * Moves an order to a status inside the caller's transaction: the timeline entry, the payment settled with its
 * provider when goods leave, and every {@link OrderStatusListener} told.
 */
@ApplicationScoped
class OrderStatusChanges {

    private final OrderRepository repository;
    private final List<OrderStatusListener> listeners;
    private final PaymentSettlement payments;

    OrderStatusChanges(OrderRepository repository, Instance<OrderStatusListener> listeners, PaymentSettlement payments) {
        this.repository = repository;
        this.listeners = listeners.stream().toList();
        this.payments = payments;
    }

    /** Sets an order's status with a timeline entry; settles payment when goods leave. Records it as changed. */
    Uni<Void> setStatus(Db.Tx tx, Caller caller, OrderRow order, OrderStatus target, String note, List<OrderRow> changed) {
        changed.removeIf(o -> o.id() == order.id());
        changed.add(order);
        boolean capture = (target == OrderStatus.SHIPPED || target == OrderStatus.PICKED_UP)
                && (order.paymentStatus() == PaymentStatus.AUTHORIZED
                        || (order.paymentStatus() == PaymentStatus.PENDING && target == OrderStatus.PICKED_UP));
        Uni<Void> payment = !capture ? Uni.createFrom().voidItem()
                : setPaymentStatus(tx, order, PaymentStatus.PAID);
        OrderStatusListener.StatusChange change = new OrderStatusListener.StatusChange(order.id(), order.number(), order.customerId(),
                order.sourceChannel(), order.status(), target, order.total(), order.currency());
        Uni<Void> told = Uni.createFrom().voidItem();
        for (OrderStatusListener listener : listeners) {
            told = told.chain(() -> listener.statusChanged(tx, caller, change));
        }
        Uni<Void> listened = told;
        return repository.setOrderStatus(tx, List.of(order.id()), target)
                .chain(() -> repository.insertEvents(tx, List.of(order.id()), OrderEventKind.STATUS_CHANGED, List.of(order.status()),
                        List.of(target), caller.actor(), caller.channel(), note))
                .chain(() -> payment)
                .chain(() -> listened);
    }

    /** Records the payment's new status and tells its provider; inside the transaction so a provider failure rolls it back. */
    Uni<Void> setPaymentStatus(Db.Tx tx, OrderRow order, PaymentStatus status) {
        PaymentSettlement.Payment payment = new PaymentSettlement.Payment(order.paymentMethod(), order.paymentReference(),
                order.paymentDue(), order.currency());
        return repository.setPaymentStatus(tx, order.id(), status).chain(() -> payments.settle(payment, status));
    }
}
