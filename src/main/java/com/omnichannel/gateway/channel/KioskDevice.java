package com.omnichannel.gateway.channel;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.store.Location;

@Description("A registered in-store kiosk, bound to one store.")
public record KioskDevice(
        @Description("Opaque id of the kiosk.") @NonNull @Id String id,
        @Description("Name staff gave it, e.g. 'Entrance left'.") @NonNull String name,
        @Description("The store the kiosk stands in; its 'stock here' is this store's.") @NonNull Location store,
        @NonNull OffsetDateTime registeredAt) {

    public static final String TYPE = "KioskDevice";
}
