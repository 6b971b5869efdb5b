package com.omnichannel.gateway.integration;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** The inputs of the webhook mutations. */
public final class WebhookInputs {

    private WebhookInputs() {
    }

    @Description("A new webhook subscription.")
    @Input("WebhookSubscriptionCreateInput")
    public record Create(
            @NonNull @Description("Where to POST events: https (plain http only where the configuration allows it), a host that resolves to public addresses.") String url,
            @NonNull @Description("The events to receive; at least one.") List<@NonNull WebhookEventType> events,
            @NonNull @Description("The shared secret deliveries are signed with, 24 to 200 characters; write-only, never shown again.") String secret) {
    }

    @Description("Changes to a webhook subscription; fields left out stay as they are.")
    @Input("WebhookSubscriptionUpdateInput")
    public record Update(
            @NonNull @Id @Description("The subscription.") String id,
            @Description("A new URL (same rules as when creating).") String url,
            @Description("The new list of events to receive; at least one.") List<WebhookEventType> events,
            @Description("A new secret (rotation): deliveries from now on are signed with it, 24 to 200 characters.") String secret) {
    }

    @Description("A webhook subscription to pause, resume or delete.")
    @Input("WebhookSubscriptionIdInput")
    public record Target(
            @NonNull @Id @Description("The subscription.") String id,
            @Description("Why (recorded as the pause reason when pausing); optional, at most 500 characters.") String reason) {
    }

    @Description("A webhook delivery to send again.")
    @Input("WebhookDeliveryRetryInput")
    public record Retry(@NonNull @Id @Description("The delivery.") String id) {
    }
}
