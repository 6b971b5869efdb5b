package com.omnichannel.gateway.channel;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.store.Location;

public record KioskDevice(@NonNull @Id String id, @NonNull String name, @NonNull Location store,
        @NonNull OffsetDateTime registeredAt) {

    public static final String TYPE = "KioskDevice";
}
