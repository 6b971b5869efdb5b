package com.omnichannel.gateway.integration;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.ids.GlobalId;

/** A receiver of events. The secret is write-only: it is never part of this type. */
@Description("A receiver of business events over signed HTTPS POSTs, managed by admins. Its secret is never shown.")
public record WebhookSubscription(
        @Ignore long key,
        @Id @NonNull @Description("Opaque id of the subscription.") String id,
        @Description("Where events are POSTed.") @NonNull String url,
        @Description("The events it receives.") @NonNull List<@NonNull WebhookEventType> events,
        @Description("Whether events are being delivered to it.") @NonNull WebhookSubscriptionStatus status,
        @Description("Why it is paused: by whom, or the last failure that paused it; null when active.") String pausedReason,
        @Description("When it was paused; null when active.") OffsetDateTime pausedAt,
        @Description("Deliveries that failed in a row since the last success; it is paused when this reaches the configured threshold.") int consecutiveFailures,
        @Description("When it was created.") @NonNull OffsetDateTime createdAt,
        @Description("When its URL, events, secret or status last changed.") @NonNull OffsetDateTime updatedAt) {

    static final String TYPE = "WebhookSubscription";

    static String globalId(long key) {
        return GlobalId.encode(TYPE, key);
    }
}
