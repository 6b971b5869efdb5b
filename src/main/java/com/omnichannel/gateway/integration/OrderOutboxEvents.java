package com.omnichannel.gateway.integration;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.catalog.Product;
import com.omnichannel.gateway.catalog.ProductVariant;
import com.omnichannel.gateway.checkout.CheckoutParticipant;
import com.omnichannel.gateway.customer.Customer;
import com.omnichannel.gateway.order.Order;
import com.omnichannel.gateway.order.OrderLine;
import com.omnichannel.gateway.order.OrderStatus;
import com.omnichannel.gateway.order.OrderStatusListener;
import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.platform.ids.GlobalId;
import com.omnichannel.gateway.platform.money.Money;
import com.omnichannel.gateway.platform.outbox.Outbox;
import com.omnichannel.gateway.platform.security.Caller;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Writes the order events into the outbox inside the order transactions (as a checkout participant and an order
 * status listener), so an order's events exist exactly when its changes committed. Payloads carry opaque ids and
 * amounts, no personal data (receivers read the order through the API when they need more).
 */
@ApplicationScoped
public class OrderOutboxEvents implements CheckoutParticipant, OrderStatusListener {

    static final String AGGREGATE = "order";

    private final Outbox outbox;

    public OrderOutboxEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public Uni<Void> orderPlaced(Db.Tx tx, Caller caller, PlacedOrder order) {
        String orderId = GlobalId.encode(Order.TYPE, order.orderKey());
        return outbox.append(tx, AGGREGATE, orderId, WebhookEventType.ORDER_PLACED.wireName(), placed(orderId, caller, order));
    }

    @Override
    public Uni<Void> statusChanged(Db.Tx tx, Caller caller, StatusChange change) {
        String orderId = GlobalId.encode(Order.TYPE, change.orderKey());
        Uni<Void> changed = outbox.append(tx, AGGREGATE, orderId, WebhookEventType.ORDER_STATUS_CHANGED.wireName(),
                statusChanged(orderId, caller, change));
        return change.to() == OrderStatus.CANCELLED
                ? changed.chain(() -> outbox.append(tx, AGGREGATE, orderId, WebhookEventType.ORDER_CANCELLED.wireName(),
                        cancelled(orderId, caller, change)))
                : changed;
    }

    static JsonObject placed(String orderId, Caller caller, PlacedOrder order) {
        JsonArray lines = new JsonArray();
        for (PlacedLine line : order.lines()) {
            lines.add(new JsonObject()
                    .put("lineId", GlobalId.encode(OrderLine.TYPE, line.lineKey()))
                    .put("variantId", GlobalId.encode(ProductVariant.TYPE, line.variantKey()))
                    .put("productId", GlobalId.encode(Product.TYPE, line.productKey()))
                    .put("quantity", line.quantity())
                    .put("unitPrice", money(line.unitPriceMinor(), order.currency()))
                    .put("discount", money(line.discountMinor(), order.currency()))
                    .put("total", money(line.totalMinor(), order.currency())));
        }
        return new JsonObject()
                .put("version", 1)
                .put("orderId", orderId)
                .put("number", order.number())
                .put("customerId", customerId(order.customerId()))
                .put("channel", caller.channel().name())
                .put("fulfilmentType", order.fulfilmentType().name())
                .put("status", OrderStatus.PLACED.name())
                .put("subtotal", money(order.subtotalMinor(), order.currency()))
                .put("discount", money(order.discountMinor(), order.currency()))
                .put("total", money(order.totalMinor(), order.currency()))
                .put("lines", lines);
    }

    static JsonObject statusChanged(String orderId, Caller caller, StatusChange change) {
        return new JsonObject()
                .put("version", 1)
                .put("orderId", orderId)
                .put("number", change.number())
                .put("customerId", customerId(change.customerId()))
                .put("from", change.from() == null ? null : change.from().name())
                .put("to", change.to().name())
                .put("changedThrough", caller.channel().name());
    }

    static JsonObject cancelled(String orderId, Caller caller, StatusChange change) {
        return new JsonObject()
                .put("version", 1)
                .put("orderId", orderId)
                .put("number", change.number())
                .put("customerId", customerId(change.customerId()))
                .put("previousStatus", change.from() == null ? null : change.from().name())
                .put("total", money(change.totalMinor(), change.currency()))
                .put("cancelledThrough", caller.channel().name());
    }

    private static String customerId(String key) {
        return key == null ? null : GlobalId.encode(Customer.TYPE, key);
    }

    private static JsonObject money(long minor, String currency) {
        Money money = Money.ofMinor(minor, currency);
        return new JsonObject().put("amount", money.amount()).put("currencyCode", money.currencyCode());
    }
}
