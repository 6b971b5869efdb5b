package com.omnichannel.gateway.order;

import java.time.OffsetDateTime;
import java.util.List;

import com.omnichannel.gateway.cart.FulfilmentType;
import com.omnichannel.gateway.platform.security.Channel;

import io.vertx.core.json.JsonObject;

/** Orders, their lines, shipments and timeline entries as {@link OrderRepository} reads them. */
public final class OrderRows {

    private OrderRows() {
    }

    /** An order as stored. */
    public record OrderRow(long id, String number, String customerId, String email, Channel sourceChannel,
            List<Channel> cartChannels, String cartId, long cartVersion, OrderStatus status, FulfilmentType fulfilmentType,
            Long pickupLocationKey, JsonObject shippingAddress, String curbsideNote, String currency, boolean pricesIncludeTax,
            long subtotal, long discount, long shipping, long tax, long total, long tendered, PaymentMethod paymentMethod,
            PaymentStatus paymentStatus, String paymentReference, String cardLast4, String idempotencyKey,
            String requestHash, OffsetDateTime placedAt, OffsetDateTime updatedAt) {

        /** What the payment method takes: the total less what store credit and gift cards paid at checkout. */
        long paymentDue() {
            return total - tendered;
        }
    }

    public record LineRow(long id, long orderId, int position, long variantId, String sku, String productName,
            String variantTitle, int quantity, long unitPrice, long discount, long tax, long total, Channel channel) {
    }

    public record ShipmentRow(long id, long locationId, FulfilmentType fulfilmentType, ShipmentStatus status,
            String carrier, String trackingNumber, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    /** Units of an order line in a shipment, with the line and its order's number. */
    public record ShipmentLineRow(long shipmentId, int quantity, LineRow line, String orderNumber) {
    }

    /**
     * An order of a page read with its lines and shipments (each ordered as the batch reads order them); a list that
     * was not asked for is null.
     */
    public record OrderWithContents(OrderRow order, List<LineRow> lines, List<ShipmentRow> shipments) {
    }

    public record EventRow(long orderId, OrderEventKind kind, OrderStatus from, OrderStatus to, String actor,
            Channel channel, String note, OffsetDateTime at) {
    }
}
