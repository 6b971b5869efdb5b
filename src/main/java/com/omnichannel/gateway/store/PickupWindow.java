package com.omnichannel.gateway.store;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

@Description("The pickup slot a cart chose or an order booked.")
public record PickupWindow(@NonNull @Id @Description("The booked slot's id.") String slotId, @NonNull @Description("In the store's time zone.") OffsetDateTime startsAt,
        @NonNull OffsetDateTime endsAt) {
}
