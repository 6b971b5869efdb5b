package com.omnichannel.gateway.order;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.security.Channel;

@Description("Something that happened to an order: who, through which channel, when, and the status change.")
public record OrderTimelineEvent(
        @Description("What happened.") @NonNull OrderEventKind kind,
        @Description("Status before, for status changes; null otherwise.") OrderStatus fromStatus,
        @Description("Status after, for status changes and placing; null otherwise.") OrderStatus toStatus,
        @Description("Who did it: the token subject of the caller (a customer's, staff member's or kiosk's id), or 'anonymous' for a guest.") @NonNull String actor,
        @Description("The channel it happened through.") @NonNull Channel channel,
        @Description("Staff's note or the cancellation reason; null when none.") String note,
        @NonNull OffsetDateTime at) {
}
