package com.omnichannel.gateway.integration;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.paging.PageInfo;

/** The pages of webhook subscriptions and deliveries. */
public final class WebhookConnections {

    private WebhookConnections() {
    }

    @Description("A page of webhook subscriptions, oldest first; follow pageInfo.endCursor for the next one.")
    @Name("WebhookSubscriptionConnection")
    public record Subscriptions(
            @Description("The subscriptions of this page, in order, each with its cursor.") @NonNull List<@NonNull SubscriptionEdge> edges,
            @Description("Whether more pages follow, and the cursors to ask for them.") @NonNull PageInfo pageInfo) {
    }

    @Description("One webhook subscription in a page, with its cursor.")
    @Name("WebhookSubscriptionEdge")
    public record SubscriptionEdge(
            @Description("Opaque position of this item: pass it as 'after' to get the items that follow.") @NonNull String cursor,
            @Description("The subscription.") @NonNull WebhookSubscription node) {
    }

    @Description("A page of webhook deliveries, newest first; follow pageInfo.endCursor for the next one.")
    @Name("WebhookDeliveryConnection")
    public record Deliveries(
            @Description("The deliveries of this page, in order, each with its cursor.") @NonNull List<@NonNull DeliveryEdge> edges,
            @Description("Whether more pages follow, and the cursors to ask for them.") @NonNull PageInfo pageInfo) {
    }

    @Description("One webhook delivery in a page, with its cursor.")
    @Name("WebhookDeliveryEdge")
    public record DeliveryEdge(
            @Description("Opaque position of this item: pass it as 'after' to get the items that follow.") @NonNull String cursor,
            @Description("The delivery.") @NonNull WebhookDelivery node) {
    }
}
