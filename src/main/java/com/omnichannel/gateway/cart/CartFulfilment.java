package com.omnichannel.gateway.cart;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.store.Location;
import com.omnichannel.gateway.store.PickupWindow;

public record CartFulfilment(@NonNull FulfilmentType type, Location store,
        @Description("For pickup and curbside: when an order placed now could be collected at the store (its "
                + "preparation time and opening hours), in the store's time zone; null when the store's hours are not set.") OffsetDateTime pickupReadyBy,
        @Description("The pickup slot chosen, if any.") PickupWindow pickupSlot) {
}
