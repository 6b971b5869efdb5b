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
    @Description("Staff handed a pickup over with its collection code.") PICKUP_HANDED_OVER,
    @Description("A return of units of the order was asked for or changed status (the note says which and how).") RETURN_UPDATED,
    @Description("Money was refunded for returned units (the note says how much and where to).") REFUND_ISSUED,
    @Description("Returned units were exchanged for another variant (the note says which).") EXCHANGED
}
