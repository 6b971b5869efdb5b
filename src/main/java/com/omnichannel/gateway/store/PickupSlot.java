package com.omnichannel.gateway.store;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A time a shopper can book to collect a pickup order, with the orders it still takes.")
public record PickupSlot(@NonNull @Id @Description("Opaque id, to book the slot.") String id, @NonNull @Description("In the store's time zone.") OffsetDateTime startsAt,
        @NonNull OffsetDateTime endsAt, @Description("Orders the slot takes in all.") int capacity, @Description("Orders the slot still takes.") int remaining) {
}
