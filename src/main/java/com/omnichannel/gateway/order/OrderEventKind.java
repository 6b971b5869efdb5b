package com.omnichannel.gateway.order;

import org.eclipse.microprofile.graphql.Description;

@Description("What an order timeline event records.")
public enum OrderEventKind {
    @Description("The order was placed.") PLACED,
    @Description("The order changed status.") STATUS_CHANGED,
    @Description("A shipment changed status.") SHIPMENT_STATUS_CHANGED,
    @Description("Units were moved into a new shipment.") SHIPMENT_SPLIT,
    @Description("Shipments were merged into one.") SHIPMENTS_MERGED,
    @Description("Carrier and tracking number were set.") TRACKING_SET,
    @Description("The payment status changed.") PAYMENT_CHANGED,
    @Description("Staff handed a pickup over with its collection code.") PICKUP_HANDED_OVER
}
