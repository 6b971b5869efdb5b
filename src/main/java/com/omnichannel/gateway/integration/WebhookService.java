package com.omnichannel.gateway.integration;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.integration.WebhookPayloads.DeletePayload;
import com.omnichannel.gateway.integration.WebhookPayloads.RetryPayload;
import com.omnichannel.gateway.integration.WebhookPayloads.SubscriptionPayload;
import com.omnichannel.gateway.platform.errors.ApiException;
import com.omnichannel.gateway.platform.errors.UserError;
import com.omnichannel.gateway.platform.errors.UserErrorCode;
import com.omnichannel.gateway.platform.ids.GlobalId;
import com.omnichannel.gateway.platform.paging.Page;
import com.omnichannel.gateway.platform.paging.PageRequest;
import com.omnichannel.gateway.platform.security.Caller;
import com.omnichannel.gateway.platform.security.Role;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/** Webhook subscriptions and their deliveries, for admins: the rules of what may be a target and a secret. */
@ApplicationScoped
public class WebhookService {

    static final int MIN_SECRET_LENGTH = 24;
    static final int MAX_SECRET_LENGTH = 200;
    static final int MAX_REASON_LENGTH = 500;

    private final WebhookRepository repository;
    private final WebhookTargetGuard guard;
    private final Vertx vertx;

    WebhookService(WebhookRepository repository, WebhookTargetGuard guard, Vertx vertx) {
        this.repository = repository;
        this.guard = guard;
        this.vertx = vertx;
    }

    public Uni<SubscriptionPayload> create(Caller caller, WebhookInputs.Create input) {
        requireAdmin(caller);
        UserError invalid = invalidEvents(input.events());
        if (invalid == null) {
            invalid = invalidSecret(input.secret());
        }
        if (invalid != null) {
            return Uni.createFrom().item(SubscriptionPayload.failed(invalid));
        }
        return refusedTarget(input.url()).chain(refused -> refused != null
                ? Uni.createFrom().item(SubscriptionPayload.failed(refused))
                : repository.insert(input.url().trim(), wireNames(input.events()), input.secret(), caller.actor())
                        .map(subscription -> new SubscriptionPayload(subscription, List.of())));
    }

    public Uni<SubscriptionPayload> update(Caller caller, WebhookInputs.Update input) {
        requireAdmin(caller);
        long key = subscriptionKey(input.id());
        UserError invalid = input.events() == null ? null : invalidEvents(input.events());
        if (invalid == null && input.secret() != null) {
            invalid = invalidSecret(input.secret());
        }
        if (invalid != null) {
            return Uni.createFrom().item(SubscriptionPayload.failed(invalid));
        }
        Uni<UserError> target = input.url() == null ? Uni.createFrom().nullItem() : refusedTarget(input.url());
        return target.chain(refused -> refused != null ? Uni.createFrom().item(SubscriptionPayload.failed(refused))
                : repository.update(key, input.url() == null ? null : input.url().trim(),
                        input.events() == null ? null : wireNames(input.events()), input.secret())
                        .map(WebhookService::answer));
    }

    public Uni<SubscriptionPayload> pause(Caller caller, WebhookInputs.Target input) {
        requireAdmin(caller);
        long key = subscriptionKey(input.id());
        if (input.reason() != null && input.reason().length() > MAX_REASON_LENGTH) {
            return Uni.createFrom().item(SubscriptionPayload.failed(
                    UserError.of(UserErrorCode.TOO_LONG, "The reason may be at most 500 characters.", "input", "reason")));
        }
        String reason = "Paused by " + caller.actor() + (input.reason() == null || input.reason().isBlank() ? "" : ": " + input.reason().trim());
        return repository.pause(key, reason).map(WebhookService::answer);
    }

    public Uni<SubscriptionPayload> resume(Caller caller, WebhookInputs.Target input) {
        requireAdmin(caller);
        return repository.resume(subscriptionKey(input.id())).map(WebhookService::answer);
    }

    public Uni<DeletePayload> delete(Caller caller, WebhookInputs.Target input) {
        requireAdmin(caller);
        return repository.delete(subscriptionKey(input.id())).map(deleted -> deleted
                ? new DeletePayload(input.id(), List.of())
                : new DeletePayload(null, List.of(notFound())));
    }

    public Uni<WebhookSubscription> subscription(Caller caller, String id) {
        requireAdmin(caller);
        Long key = GlobalId.tryDecode(WebhookSubscription.TYPE, id);
        return key == null ? Uni.createFrom().nullItem() : repository.find(key);
    }

    public Uni<WebhookConnections.Subscriptions> subscriptions(Caller caller, Integer first, String after) {
        requireAdmin(caller);
        PageRequest page = PageRequest.of(first, after, "webhookSubscriptions");
        return repository.list(page.fetchSize(), page.offset()).map(rows -> Page.connection(rows, page,
                WebhookConnections.SubscriptionEdge::new, WebhookConnections.Subscriptions::new));
    }

    public Uni<WebhookConnections.Deliveries> deliveries(Caller caller, String subscriptionId, WebhookDeliveryStatus status,
            Integer first, String after) {
        requireAdmin(caller);
        long key = GlobalId.decode(WebhookSubscription.TYPE, subscriptionId, "subscriptionId");
        PageRequest page = PageRequest.of(first, after, "webhookDeliveries:" + key + ":" + status);
        return repository.deliveries(key, status == null ? null : status.name(), page.fetchSize(), page.offset())
                .map(rows -> Page.connection(rows, page, WebhookConnections.DeliveryEdge::new, WebhookConnections.Deliveries::new));
    }

    public Uni<RetryPayload> retry(Caller caller, WebhookInputs.Retry input) {
        requireAdmin(caller);
        long key = GlobalId.decode(WebhookDelivery.TYPE, input.id(), "input.id");
        return repository.retry(key).map(delivery -> delivery == null
                ? new RetryPayload(null, List.of(UserError.of(UserErrorCode.NOT_FOUND, "No webhook delivery with this id.", "input", "id")))
                : new RetryPayload(delivery, List.of()));
    }

    /** Staff with the admin role only: subscriptions send the shop's data to other systems. */
    static void requireAdmin(Caller caller) {
        caller.requireStaff();
        if (!caller.hasRole(Role.ADMIN)) {
            throw ApiException.forbidden();
        }
    }

    private Uni<UserError> refusedTarget(String url) {
        String form = guard.refuseForm(url);
        if (form != null) {
            return Uni.createFrom().item(UserError.of(UserErrorCode.WEBHOOK_URL_REFUSED, form, "input", "url"));
        }
        // Resolving the host blocks, so it runs on a worker thread.
        return vertx.executeBlocking(Uni.createFrom().item(() -> guard.refuse(url)))
                .map(reason -> reason == null ? null : UserError.of(UserErrorCode.WEBHOOK_URL_REFUSED, reason, "input", "url"));
    }

    private static UserError invalidEvents(List<WebhookEventType> events) {
        return events == null || events.isEmpty() || events.contains(null)
                ? UserError.of(UserErrorCode.INVALID_WEBHOOK_EVENTS, "Choose at least one event.", "input", "events")
                : null;
    }

    private static UserError invalidSecret(String secret) {
        if (secret == null || secret.length() < MIN_SECRET_LENGTH || secret.length() > MAX_SECRET_LENGTH || secret.isBlank()) {
            return UserError.of(UserErrorCode.WEAK_WEBHOOK_SECRET,
                    "The secret must be 24 to 200 characters; use a random one.", "input", "secret");
        }
        return null;
    }

    private static List<String> wireNames(List<WebhookEventType> events) {
        return events.stream().distinct().map(WebhookEventType::wireName).toList();
    }

    private static long subscriptionKey(String id) {
        return GlobalId.decode(WebhookSubscription.TYPE, id, "input.id");
    }

    private static SubscriptionPayload answer(WebhookSubscription subscription) {
        return subscription == null ? SubscriptionPayload.failed(notFound()) : new SubscriptionPayload(subscription, List.of());
    }

    private static UserError notFound() {
        return UserError.of(UserErrorCode.NOT_FOUND, "No webhook subscription with this id.", "input", "id");
    }
}
