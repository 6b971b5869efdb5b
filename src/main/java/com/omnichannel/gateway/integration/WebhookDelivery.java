package com.omnichannel.gateway.integration;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;


@Description("One event sent (or to be sent) to one webhook subscription, with the outcome of its last attempt.")
public record WebhookDelivery(
        @Ignore long key,
        @Id @NonNull @Description("Opaque id of the delivery.") String id,
        @Id @NonNull @Description("The subscription it is sent to.") String subscriptionId,
        @Description("The event's id, as sent in the Webhook-Id header (receivers de-duplicate by it).") @NonNull String eventId,
        @Description("The kind of event.") WebhookEventType eventType,
        @Description("The aggregate the event is about, as type and opaque id, e.g. order:T3JkZXI6NDI; its events are delivered in order.") @NonNull String aggregate,
        @Description("Where the delivery stands.") @NonNull WebhookDeliveryStatus status,
        @Description("Attempts made so far.") int attempts,
        @Description("When the next attempt is due; null once delivered or given up.") OffsetDateTime nextAttemptAt,
        @Description("When the last attempt was made; null before the first.") OffsetDateTime lastAttemptAt,
        @Description("The HTTP status the receiver answered the last attempt with; null when it did not answer (see lastError).") Integer lastResponseCode,
        @Description("How long the last attempt took, in milliseconds.") Integer lastDurationMs,
        @Description("Why the last attempt failed (no answer in time, connection refused, a refused target); null when it succeeded.") String lastError,
        @Description("When the receiver accepted it; null until then.") OffsetDateTime deliveredAt,
        @Description("When the event happened.") @NonNull OffsetDateTime occurredAt) {

    static final String TYPE = "WebhookDelivery";
}
