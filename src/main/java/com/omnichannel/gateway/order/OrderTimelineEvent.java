package com.omnichannel.gateway.order;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.security.Channel;

@Description("Something that happened to an order: who, through which channel, when, and the status change.")
public record OrderTimelineEvent(@NonNull OrderEventKind kind, OrderStatus fromStatus, OrderStatus toStatus,
        @NonNull String actor, @NonNull Channel channel, String note, @NonNull OffsetDateTime at) {
}
