package com.omnichannel.gateway.returns;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.customer.Customer;
import com.omnichannel.gateway.order.Order;
import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.platform.ids.GlobalId;
import com.omnichannel.gateway.platform.money.Money;
import com.omnichannel.gateway.platform.outbox.Outbox;
import com.omnichannel.gateway.returns.ReturnRepository.RefundRow;
import com.omnichannel.gateway.returns.ReturnRepository.ReturnRow;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/**
 * Writes the return and refund events into the outbox inside the transaction of the change. Their aggregate is the
 * order, so a receiver gets an order's placement, status changes, returns and refunds in the order they happened.
 * Payloads carry opaque ids and amounts, no personal data.
 */
@ApplicationScoped
class ReturnOutboxEvents {

    static final String AGGREGATE = "order";
    static final String RETURN_UPDATED = "return.updated";
    static final String REFUND_ISSUED = "refund.issued";

    private final ReturnRepository repository;
    private final Outbox outbox;

    ReturnOutboxEvents(ReturnRepository repository, Outbox outbox) {
        this.repository = repository;
        this.outbox = outbox;
    }

    /** The return as the change left it (written once per change: a change of several steps is one event). */
    Uni<Void> returnUpdated(Db.Tx tx, long returnKey) {
        return repository.lock(tx, returnKey).chain(ret -> {
            String orderId = GlobalId.encode(Order.TYPE, ret.orderId());
            JsonObject payload = new JsonObject()
                    .put("version", 1)
                    .put("returnId", Return.globalId(ret.id()))
                    .put("orderId", orderId)
                    .put("orderNumber", ret.orderNumber())
                    .put("customerId", ret.customerId() == null ? null : GlobalId.encode(Customer.TYPE, ret.customerId()))
                    .put("status", ret.status().name())
                    .put("method", ret.method().name())
                    .put("purchaseChannel", ret.purchaseChannel().name())
                    .put("channel", ret.channel().name())
                    .put("receivedChannel", ret.receivedChannel() == null ? null : ret.receivedChannel().name())
                    .put("suggestedRefund", money(ret.suggested(), ret.currency()))
                    .put("refunded", money(ret.refunded(), ret.currency()));
            return outbox.append(tx, AGGREGATE, orderId, RETURN_UPDATED, payload);
        });
    }

    /** A refund paid for a return. */
    Uni<Void> refundIssued(Db.Tx tx, ReturnRow ret, RefundRow refund) {
        String orderId = GlobalId.encode(Order.TYPE, ret.orderId());
        JsonObject payload = new JsonObject()
                .put("version", 1)
                .put("refundId", GlobalId.encode(Refund.TYPE, refund.id()))
                .put("returnId", Return.globalId(ret.id()))
                .put("orderId", orderId)
                .put("orderNumber", ret.orderNumber())
                .put("destination", refund.destination().name())
                .put("amount", money(refund.amount(), refund.currency()))
                .put("channel", refund.channel().name());
        return outbox.append(tx, AGGREGATE, orderId, REFUND_ISSUED, payload);
    }

    private static JsonObject money(long minor, String currency) {
        Money money = Money.ofMinor(minor, currency);
        return new JsonObject().put("amount", money.amount()).put("currencyCode", money.currencyCode());
    }
}
