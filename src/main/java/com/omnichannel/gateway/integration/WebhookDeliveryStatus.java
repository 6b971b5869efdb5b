package com.omnichannel.gateway.integration;

import org.eclipse.microprofile.graphql.Description;

@Description("Where a webhook delivery stands.")
public enum WebhookDeliveryStatus {
    @Description("Not yet delivered: waiting for its first attempt, for a retry, or for an earlier event of the same aggregate.")
    PENDING,
    @Description("The receiver answered with a 2xx status.")
    DELIVERED,
    @Description("Given up after failing for longer than the maximum age; webhookDeliveryRetry sends it again.")
    FAILED
}
