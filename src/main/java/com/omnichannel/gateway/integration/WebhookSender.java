package com.omnichannel.gateway.integration;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * POSTs one signed delivery. The target is checked again right before sending (its DNS may have changed since it
 * was saved); redirects are not followed (a redirect could lead anywhere). Nothing here blocks the event loop: the
 * host is resolved on a worker thread and the request is sent asynchronously.
 */
@ApplicationScoped
class WebhookSender {

    /** What came of one attempt: a status code (null when there was no answer), how long it took, and why it failed. */
    record Outcome(Integer responseCode, int durationMs, String error) {
        boolean delivered() {
            return responseCode != null && responseCode >= 200 && responseCode < 300;
        }
    }

    private final WebhookTargetGuard guard;
    private final WebhookConfig config;
    private final HttpClient client;

    WebhookSender(WebhookTargetGuard guard, WebhookConfig config) {
        this.guard = guard;
        this.config = config;
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(config.requestTimeout()).version(HttpClient.Version.HTTP_1_1).build();
    }

    Uni<Outcome> send(String url, String eventId, String eventType, String secret, String body) {
        return Uni.createFrom().item(() -> guard.refuse(url)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(refused -> refused != null ? Uni.createFrom().item(new Outcome(null, 0, "Target refused: " + refused))
                        : post(url, eventId, eventType, secret, body));
    }

    private Uni<Outcome> post(String url, String eventId, String eventType, String secret, String body) {
        long timestamp = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url.trim()))
                .timeout(config.requestTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "commerce-gateway-webhooks/1")
                .header("Webhook-Id", eventId)
                .header("Webhook-Event", eventType)
                .header("Webhook-Timestamp", Long.toString(timestamp))
                .header("Webhook-Signature", WebhookSignature.sign(secret, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        long started = System.nanoTime();
        return Uni.createFrom().completionStage(() -> client.sendAsync(request, HttpResponse.BodyHandlers.discarding()))
                .map(response -> new Outcome(response.statusCode(), elapsedMs(started),
                        response.statusCode() >= 200 && response.statusCode() < 300 ? null : "HTTP " + response.statusCode()))
                .onFailure().recoverWithItem(failure -> new Outcome(null, elapsedMs(started), describe(failure)));
    }

    private String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && !(cause instanceof HttpTimeoutException)) {
            cause = cause.getCause();
        }
        if (cause instanceof HttpTimeoutException) {
            return "No answer within " + config.requestTimeout().toMillis() + " ms";
        }
        if (cause instanceof java.net.ConnectException) {
            return "Connection refused or unreachable";
        }
        return "Request failed: " + cause.getClass().getSimpleName();
    }

    private static int elapsedMs(long startedNanos) {
        return (int) Math.min(Integer.MAX_VALUE, Duration.ofNanos(System.nanoTime() - startedNanos).toMillis());
    }
}
