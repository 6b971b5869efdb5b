package com.omnichannel.gateway.order;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.cart.FulfilmentType;
import com.omnichannel.gateway.platform.ids.GlobalId;
import com.omnichannel.gateway.store.Location;

@Description("Units leaving one location together: a parcel, or a pickup at a store. After a merge it can carry "
        + "lines of several orders of the same customer.")
public record Shipment(
        @Description("Opaque id of the shipment.") @NonNull @Id String id,
        @Description("Where the shipment is.") @NonNull ShipmentStatus status,
        @Description("The statuses this shipment may move to next.") @NonNull List<@NonNull ShipmentStatus> nextStatuses,
        @Description("SHIP, PICKUP or CURBSIDE, as the order.") @NonNull FulfilmentType fulfilmentType,
        @NonNull @Description("Where the units leave from (the store, for pickup and curbside).") Location location,
        @Description("Carrier name once shipped, e.g. DHL; null before.") String carrier,
        @Description("The carrier's tracking number once shipped; null before.") String trackingNumber,
        @NonNull OffsetDateTime createdAt,
        @NonNull OffsetDateTime updatedAt,
        @Ignore long key) {

    public static final String TYPE = "Shipment";

    public static String globalId(long key) {
        return GlobalId.encode(TYPE, key);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Shipment that && key == that.key;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(key);
    }
}
