package com.omnichannel.gateway.integration;

import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.vertx.core.json.JsonObject;

/**
 * A real HTTP receiver of webhooks on 127.0.0.1, as a partner system would run one: it verifies every signature
 * (with a replay window) and keeps each verified event in arrival order. It can answer 500 or be too slow for the
 * first few attempts of each event, to show retries.
 */
final class WebhookReceiver implements AutoCloseable {

    /** The ports tests may listen on. */
    static final int FIRST_PORT = 7410;
    static final int LAST_PORT = 7429;
    static final long REPLAY_WINDOW_SECONDS = 300;

    /** One verified request. */
    record Received(String eventId, String eventType, JsonObject body, Instant at) {
        String aggregateId() {
            return body.getJsonObject("aggregate").getString("id");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final String secret;
    private final List<Received> received = new ArrayList<>();
    private final AtomicInteger badSignatures = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<String, AtomicInteger> attemptsByEvent = new ConcurrentHashMap<>();
    private volatile int failFirstAttempts;
    private volatile int slowFirstAttempts;
    private volatile long slowMillis;
    private volatile boolean alwaysFail;
    // A path of its own: a subscription another test left behind with this port in its URL gets 404, not our events.
    private final String path = "/hooks/" + java.util.UUID.randomUUID();

    private WebhookReceiver(HttpServer server, String secret) {
        this.server = server;
        this.secret = secret;
        server.createContext(path, this::handle);
        server.setExecutor(executor);
        server.start();
    }

    static WebhookReceiver start(String secret) throws IOException {
        for (int port = FIRST_PORT; port <= LAST_PORT; port++) {
            try {
                return new WebhookReceiver(HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50), secret);
            } catch (BindException taken) {
                // another receiver has it
            }
        }
        throw new IOException("No free port in " + FIRST_PORT + "-" + LAST_PORT);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Answers 500 to the first {@code n} attempts of every event. */
    WebhookReceiver failingFirst(int n) {
        failFirstAttempts = n;
        return this;
    }

    /** Answers the first {@code n} attempts of every event only after {@code millis}. */
    WebhookReceiver slowFirst(int n, long millis) {
        slowFirstAttempts = n;
        slowMillis = millis;
        return this;
    }

    WebhookReceiver alwaysFailing(boolean fail) {
        alwaysFail = fail;
        return this;
    }

    int badSignatures() {
        return badSignatures.get();
    }

    /** Requests being handled right now (e.g. held back by {@link #slowFirst}). */
    int inFlight() {
        return inFlight.get();
    }

    int attemptsOf(String eventId) {
        AtomicInteger n = attemptsByEvent.get(eventId);
        return n == null ? 0 : n.get();
    }

    /** Verified events accepted with a 2xx, in arrival order (an event may come more than once: at least once). */
    synchronized List<Received> accepted() {
        return List.copyOf(received);
    }

    /** Accepted events of one aggregate (e.g. an order's id), duplicates removed, in arrival order. */
    synchronized List<Received> acceptedOf(String aggregateId) {
        List<Received> of = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Received r : received) {
            if (r.aggregateId().equals(aggregateId) && seen.add(r.eventId())) {
                of.add(r);
            }
        }
        return of;
    }

    private void handle(HttpExchange exchange) throws IOException {
        inFlight.incrementAndGet();
        try (InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String timestamp = exchange.getRequestHeaders().getFirst("Webhook-Timestamp");
            String signature = exchange.getRequestHeaders().getFirst("Webhook-Signature");
            String eventId = exchange.getRequestHeaders().getFirst("Webhook-Id");
            String eventType = exchange.getRequestHeaders().getFirst("Webhook-Event");
            if (!WebhookSignature.verify(secret, timestamp, body, signature, Instant.now().getEpochSecond(), REPLAY_WINDOW_SECONDS)) {
                badSignatures.incrementAndGet();
                answer(exchange, 401);
                return;
            }
            int attempt = attemptsByEvent.computeIfAbsent(eventId, id -> new AtomicInteger()).incrementAndGet();
            if (attempt <= slowFirstAttempts) {
                Thread.sleep(slowMillis);
            }
            if (alwaysFail || attempt <= failFirstAttempts) {
                answer(exchange, 500);
                return;
            }
            synchronized (this) {
                received.add(new Received(eventId, eventType, new JsonObject(body), Instant.now()));
            }
            answer(exchange, 204);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the sender gave up waiting (a timeout) or died: nothing to answer
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private static void answer(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
