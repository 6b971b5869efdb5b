package com.omnichannel.gateway.integration;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import com.omnichannel.gateway.integration.WebhookConnections.Deliveries;
import com.omnichannel.gateway.integration.WebhookConnections.Subscriptions;
import com.omnichannel.gateway.integration.WebhookPayloads.DeletePayload;
import com.omnichannel.gateway.integration.WebhookPayloads.RetryPayload;
import com.omnichannel.gateway.integration.WebhookPayloads.SubscriptionPayload;
import com.omnichannel.gateway.platform.security.CallerResolver;

import io.smallrye.mutiny.Uni;

/** Webhook subscriptions and deliveries: staff with the admin role only. */
@GraphQLApi
public class WebhookGraphQLApi {

    private final WebhookService webhooks;
    private final CallerResolver callers;

    public WebhookGraphQLApi(WebhookService webhooks, CallerResolver callers) {
        this.webhooks = webhooks;
        this.callers = callers;
    }

    @Query("webhookSubscriptions")
    @Description("Admin: the webhook subscriptions, oldest first.")
    public Uni<@NonNull Subscriptions> webhookSubscriptions(
            @Description("How many items to return, at most 100 (default 20).") Integer first,
            @Description("The endCursor of the previous page; leave out for the first page.") String after) {
        return webhooks.subscriptions(callers.current(), first, after);
    }

    @Query("webhookSubscription")
    @Description("Admin: one webhook subscription; null when there is none with this id.")
    public Uni<WebhookSubscription> webhookSubscription(@NonNull @Id @Description("The subscription's id.") String id) {
        return webhooks.subscription(callers.current(), id);
    }

    @Query("webhookDeliveries")
    @Description("Admin: a subscription's deliveries, newest first, with the response code, duration and error of each one's last attempt.")
    public Uni<@NonNull Deliveries> webhookDeliveries(
            @NonNull @Id @Description("The subscription's id.") String subscriptionId,
            @Description("Only deliveries in this status; leave out for all.") WebhookDeliveryStatus status,
            @Description("How many items to return, at most 100 (default 20).") Integer first,
            @Description("The endCursor of the previous page; leave out for the first page.") String after) {
        return webhooks.deliveries(callers.current(), subscriptionId, status, first, after);
    }

    @Mutation("webhookSubscriptionCreate")
    @Description("Admin: subscribe a URL to events; deliveries are signed with the secret (see docs/integration.md).")
    public Uni<@NonNull SubscriptionPayload> webhookSubscriptionCreate(
            @NonNull @Description("What to do; see the input type's fields.") WebhookInputs.Create input) {
        return webhooks.create(callers.current(), input);
    }

    @Mutation("webhookSubscriptionUpdate")
    @Description("Admin: change a subscription's URL or events, or rotate its secret.")
    public Uni<@NonNull SubscriptionPayload> webhookSubscriptionUpdate(
            @NonNull @Description("What to do; see the input type's fields.") WebhookInputs.Update input) {
        return webhooks.update(callers.current(), input);
    }

    @Mutation("webhookSubscriptionPause")
    @Description("Admin: stop delivering to a subscription; its events are kept and delivered, in order, when it is resumed.")
    public Uni<@NonNull SubscriptionPayload> webhookSubscriptionPause(
            @NonNull @Description("What to do; see the input type's fields.") WebhookInputs.Target input) {
        return webhooks.pause(callers.current(), input);
    }

    @Mutation("webhookSubscriptionResume")
    @Description("Admin: deliver to a paused subscription again (also one paused after failures), starting with what was kept.")
    public Uni<@NonNull SubscriptionPayload> webhookSubscriptionResume(
            @NonNull @Description("What to do; see the input type's fields.") WebhookInputs.Target input) {
        return webhooks.resume(callers.current(), input);
    }

    @Mutation("webhookSubscriptionDelete")
    @Description("Admin: delete a subscription and its deliveries.")
    public Uni<@NonNull DeletePayload> webhookSubscriptionDelete(
            @NonNull @Description("What to do; see the input type's fields.") WebhookInputs.Target input) {
        return webhooks.delete(callers.current(), input);
    }

    @Mutation("webhookDeliveryRetry")
    @Description("Admin: send a delivery again now (one that failed, was given up, or even one delivered).")
    public Uni<@NonNull RetryPayload> webhookDeliveryRetry(
            @NonNull @Description("What to do; see the input type's fields.") WebhookInputs.Retry input) {
        return webhooks.retry(callers.current(), input);
    }
}
