package com.omnichannel.gateway.customer;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.ids.GlobalId;
import com.omnichannel.gateway.platform.security.Channel;

@Description("Something the customer did, with the channel and time.")
public record CustomerEvent(
        @Description("Opaque id of the event.") @NonNull @Id String id,
        @Description("What happened.") @NonNull CustomerEventKind kind,
        @Description("The channel the event happened in.") @NonNull Channel channel,
        @Description("What it was about: a product, cart or order id, or the store of a visit.") String subjectId,
        @NonNull OffsetDateTime occurredAt) {

    public static final String TYPE = "CustomerEvent";

    public static String globalId(long key) {
        return GlobalId.encode(TYPE, key);
    }
}
