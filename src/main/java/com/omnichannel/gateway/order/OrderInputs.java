package com.omnichannel.gateway.order;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.security.Channel;

/** The inputs of the order and shipment mutations. */
public final class OrderInputs {

    private OrderInputs() {
    }

    @Description("Which orders to list.")
    @Input("OrderFilter")
    public record Filter(
            @Description("Only orders placed through this channel.") Channel channel,
            @Description("Only orders in this status.") OrderStatus status,
            @Description("Orders with a shipment from, or a pickup at, this location.") @Id String locationId,
            @Description("Placed at or after.") OffsetDateTime placedFrom,
            @Description("Placed before.") OffsetDateTime placedTo,
            @Id @Description("The customer's id (Customer.id); the bare token subject is still accepted in this release.") String customerId,
            @Description("Exact email, any case.") String email) {
    }

    @Description("The status an order should move to.")
    @Input("OrderStatusUpdateInput")
    public record StatusUpdate(
            @Description("The order (Order.id).") @NonNull @Id String orderId,
            @Description("The new status; one of the order's nextStatuses.") @NonNull OrderStatus status,
            @Description("A note for the timeline.") String note) {
    }

    @Description("The order to cancel.")
    @Input("OrderCancelInput")
    public record Cancel(
            @Description("The order (Order.id).") @NonNull @Id String orderId,
            @Description("Why; shown on the order's timeline.") String reason) {
    }

    @Description("The status a shipment should move to.")
    @Input("ShipmentStatusUpdateInput")
    public record ShipmentStatusUpdate(
            @Description("The shipment (Shipment.id).") @NonNull @Id String shipmentId,
            @Description("The new status; one of the shipment's nextStatuses.") @NonNull ShipmentStatus status,
            @Description("Carrier, when moving to SHIPPED.") String carrier,
            @Description("Tracking number, when moving to SHIPPED.") String trackingNumber) {
    }

    @Description("Carrier and tracking number of a shipment.")
    @Input("ShipmentTrackingSetInput")
    public record TrackingSet(
            @Description("The shipment (Shipment.id).") @NonNull @Id String shipmentId,
            @Description("Carrier name, e.g. DHL.") @NonNull String carrier,
            @Description("The carrier's tracking number.") @NonNull String trackingNumber) {
    }

    @Description("Units of one order line to move.")
    @Input("ShipmentSplitLineInput")
    public record SplitLine(
            @Description("The order line (OrderLine.id).") @NonNull @Id String orderLineId,
            @Description("Units to move, at least 1.") int quantity) {
    }

    @Description("Units to move out of a shipment.")
    @Input("ShipmentSplitInput")
    public record Split(
            @Description("The shipment (Shipment.id).") @NonNull @Id String shipmentId,
            @NonNull @Description("Units to move to a new shipment from the same location.") List<SplitLine> lines) {
    }

    @Description("Shipments to combine.")
    @Input("ShipmentsMergeInput")
    public record Merge(@NonNull @Description("Two or more shipments to combine into one.") @Id List<String> shipmentIds) {
    }
}
