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

    @Input("OrderFilter")
    public record Filter(Channel channel, OrderStatus status,
            @Description("Orders with a shipment from, or a pickup at, this location.") @Id String locationId,
            @Description("Placed at or after.") OffsetDateTime placedFrom,
            @Description("Placed before.") OffsetDateTime placedTo,
            @Id @Description("The customer's id (Customer.id); the bare token subject is still accepted in this release.") String customerId,
            @Description("Exact email, any case.") String email) {
    }

    @Input("OrderStatusUpdateInput")
    public record StatusUpdate(@NonNull @Id String orderId, @NonNull OrderStatus status, String note) {
    }

    @Input("OrderCancelInput")
    public record Cancel(@NonNull @Id String orderId, String reason) {
    }

    @Input("ShipmentStatusUpdateInput")
    public record ShipmentStatusUpdate(@NonNull @Id String shipmentId, @NonNull ShipmentStatus status, String carrier,
            String trackingNumber) {
    }

    @Input("ShipmentTrackingSetInput")
    public record TrackingSet(@NonNull @Id String shipmentId, @NonNull String carrier, @NonNull String trackingNumber) {
    }

    @Input("ShipmentSplitLineInput")
    public record SplitLine(@NonNull @Id String orderLineId, int quantity) {
    }

    @Input("ShipmentSplitInput")
    public record Split(@NonNull @Id String shipmentId,
            @NonNull @Description("Units to move to a new shipment from the same location.") List<SplitLine> lines) {
    }

    @Input("ShipmentsMergeInput")
    public record Merge(@NonNull @Description("Two or more shipments to combine into one.") @Id List<String> shipmentIds) {
    }
}
