package com.omnichannel.gateway.integration;

import org.eclipse.microprofile.graphql.Description;

/** The business events a webhook subscription can receive; each has a documented, versioned payload. */
@Description("A kind of business event sent to webhook subscriptions (docs/integration.md documents each payload).")
public enum WebhookEventType {
    @Description("A customer's marketing or personalisation consent changed (customer.consent_changed).")
    CUSTOMER_CONSENT_CHANGED("customer.consent_changed"),
    @Description("A customer's personal data was erased; the event carries no personal data (customer.erased).")
    CUSTOMER_ERASED("customer.erased"),
    @Description("A customer registered an account (customer.registered).")
    CUSTOMER_REGISTERED("customer.registered"),
    @Description("A customer's loyalty points balance changed (loyalty.points_changed).")
    LOYALTY_POINTS_CHANGED("loyalty.points_changed"),
    @Description("An order was cancelled (order.cancelled).")
    ORDER_CANCELLED("order.cancelled"),
    @Description("An order was placed, through any channel (order.placed).")
    ORDER_PLACED("order.placed"),
    @Description("An order's status changed (order.status_changed).")
    ORDER_STATUS_CHANGED("order.status_changed"),
    @Description("A refund was paid for a return: to the original payment, store credit or cash (refund.issued).")
    REFUND_ISSUED("refund.issued"),
    @Description("A return was requested, or its status or received units changed; the return as it is now (return.updated).")
    RETURN_UPDATED("return.updated"),
    @Description("A pickup shipment is ready for collection in its store (shipment.ready_for_pickup).")
    SHIPMENT_READY_FOR_PICKUP("shipment.ready_for_pickup"),
    @Description("A stock level changed; changes within a short window come as one event with the latest levels (stock.level_changed).")
    STOCK_LEVEL_CHANGED("stock.level_changed"),
    @Description("A stock level fell to or below its low-stock threshold (stock.low).")
    STOCK_LOW("stock.low");

    private final String wireName;

    WebhookEventType(String wireName) {
        this.wireName = wireName;
    }

    /** The name in the payload's {@code type} and the {@code Webhook-Event} header, e.g. {@code order.placed}. */
    public String wireName() {
        return wireName;
    }

    public static WebhookEventType ofWireName(String name) {
        for (WebhookEventType type : values()) {
            if (type.wireName.equals(name)) {
                return type;
            }
        }
        return null;
    }
}
