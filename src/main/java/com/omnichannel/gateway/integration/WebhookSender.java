package com.omnichannel.gateway.integration;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;

/**
 * POSTs one signed delivery with the non-blocking Vert.x HTTP client. The target is checked again right before
 * sending (its DNS may have changed since it was saved), on a worker thread as resolving a name blocks; redirects
 * are not followed (a redirect could lead anywhere); connections are not kept, so a request is never retried on a
 * stale connection behind the worker's back.
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
    private final Vertx vertx;
    private final HttpClient client;

    WebhookSender(WebhookTargetGuard guard, WebhookConfig config, Vertx vertx) {
        this.guard = guard;
        this.config = config;
        this.vertx = vertx;
        int timeout = (int) config.requestTimeout().toMillis();
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false).setConnectTimeout(timeout)
                .setMaxPoolSize(64).setVerifyHost(true));
    }

    Uni<Outcome> send(String url, String eventId, String eventType, String secret, String body) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> guard.refuse(url)))
                .chain(refused -> refused != null ? Uni.createFrom().item(new Outcome(null, 0, "Target refused: " + refused))
                        : post(url, eventId, eventType, secret, body));
    }

    private Uni<Outcome> post(String url, String eventId, String eventType, String secret, String body) {
        long timestamp = Instant.now().getEpochSecond();
        Duration timeout = config.requestTimeout();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url.trim())
                .setFollowRedirects(false).setIdleTimeout(timeout.toMillis())
                .putHeader("Content-Type", "application/json")
                .putHeader("User-Agent", "commerce-gateway-webhooks/1")
                .putHeader("Webhook-Id", eventId)
                .putHeader("Webhook-Event", eventType)
                .putHeader("Webhook-Timestamp", Long.toString(timestamp))
                .putHeader("Webhook-Signature", WebhookSignature.sign(secret, timestamp, body));
        long started = System.nanoTime();
        return client.request(options)
                .chain(request -> request.send(body))
                .chain(response -> response.body().map(ignored -> response.statusCode()))
                .ifNoItem().after(timeout.multipliedBy(2)).failWith(TimeoutException::new)
                .map(status -> new Outcome(status, elapsedMs(started), status >= 200 && status < 300 ? null : "HTTP " + status))
                .onFailure().recoverWithItem(failure -> new Outcome(null, elapsedMs(started), describe(failure)));
    }

    private String describe(Throwable failure) {
        String name = failure.getClass().getSimpleName();
        if (failure instanceof TimeoutException || name.contains("Timeout")) {
            return "No answer within " + config.requestTimeout().toMillis() + " ms";
        }
        if (failure instanceof java.net.ConnectException || name.contains("Connect")) {
            return "Connection refused or unreachable";
        }
        return "Request failed: " + name;
    }

    private static int elapsedMs(long startedNanos) {
        return (int) Math.min(Integer.MAX_VALUE, Duration.ofNanos(System.nanoTime() - startedNanos).toMillis());
    }
}
