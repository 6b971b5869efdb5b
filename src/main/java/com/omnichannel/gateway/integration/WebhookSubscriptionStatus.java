package com.omnichannel.gateway.integration;

import org.eclipse.microprofile.graphql.Description;

@Description("Whether a webhook subscription is being delivered to.")
public enum WebhookSubscriptionStatus {
    @Description("Events are delivered.")
    ACTIVE,
    @Description("Events are kept but not delivered: paused by staff, or after too many failed deliveries in a row (see pausedReason). Resuming delivers what was kept, in order.")
    PAUSED
}
