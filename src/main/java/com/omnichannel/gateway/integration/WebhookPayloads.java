package com.omnichannel.gateway.integration;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.errors.UserError;

/** The payloads of the webhook mutations. */
public final class WebhookPayloads {

    private WebhookPayloads() {
    }

    @Description("The answer of the webhook subscription mutations that change a subscription.")
    @Name("WebhookSubscriptionPayload")
    public record SubscriptionPayload(
            @Description("The subscription after the change; null with userErrors.") WebhookSubscription subscription,
            @Description("Expected failures (a refused URL, a weak secret, no events, an unknown id); empty on success. When not empty, nothing was changed.") @NonNull List<@NonNull UserError> userErrors) {

        static SubscriptionPayload failed(UserError error) {
            return new SubscriptionPayload(null, List.of(error));
        }
    }

    @Description("The answer of webhookSubscriptionDelete.")
    @Name("WebhookSubscriptionDeletePayload")
    public record DeletePayload(
            @Id @Description("The id of the deleted subscription; null with userErrors.") String deletedId,
            @Description("Expected failures (an unknown id); empty on success.") @NonNull List<@NonNull UserError> userErrors) {
    }

    @Description("The answer of webhookDeliveryRetry.")
    @Name("WebhookDeliveryRetryPayload")
    public record RetryPayload(
            @Description("The delivery, due again at once; null with userErrors.") WebhookDelivery delivery,
            @Description("Expected failures (an unknown id); empty on success.") @NonNull List<@NonNull UserError> userErrors) {
    }
}
