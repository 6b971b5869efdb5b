package com.omnichannel.gateway.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

/** An open graphql-transport-ws connection collecting every message the server sends, as a phone would use it. */
public final class GraphQLWebSocket implements AutoCloseable {

    private final LinkedBlockingQueue<JsonObject> messages = new LinkedBlockingQueue<>();
    private final WebSocket socket;
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();

    /** Connects; with a bearer token on the upgrade request when {@code token} is not null. */
    public GraphQLWebSocket(Vertx vertx, URI endpoint, String token) throws Exception {
        this(vertx, endpoint, token, null);
    }

    /**
     * Connects with a bearer token on the upgrade request ({@code headerToken}) and/or in the connection_init
     * payload ({@code initToken}, as browsers must, since they cannot set headers on a WebSocket).
     */
    public GraphQLWebSocket(Vertx vertx, URI endpoint, String headerToken, String initToken) throws Exception {
        this(vertx, endpoint, headerToken, initToken, null);
    }

    /** As above, with the {@code X-Channel} header on the upgrade request, as a native app sends it. */
    public GraphQLWebSocket(Vertx vertx, URI endpoint, String headerToken, String initToken, String channel) throws Exception {
        String token = headerToken;
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(endpoint.getHost())
                .setPort(endpoint.getPort()).setURI(endpoint.getPath()).setSubProtocols(List.of("graphql-transport-ws"));
        if (token != null) {
            options.addHeader("Authorization", "Bearer " + token);
        }
        if (channel != null) {
            options.addHeader("X-Channel", channel);
        }
        CompletableFuture<WebSocket> connected = new CompletableFuture<>();
        vertx.createHttpClient().webSocket(options).onSuccess(connected::complete).onFailure(connected::completeExceptionally);
        socket = connected.get(10, TimeUnit.SECONDS);
        socket.textMessageHandler(text -> messages.add(new JsonObject(text)));
        socket.closeHandler(v -> closed.complete(socket.closeStatusCode() == null ? -1 : socket.closeStatusCode().intValue()));
        JsonObject payload = initToken == null ? new JsonObject() : new JsonObject().put("Authorization", "Bearer " + initToken);
        socket.writeTextMessage(new JsonObject().put("type", "connection_init").put("payload", payload).encode());
        assertThat(next().getString("type")).isEqualTo("connection_ack");
    }

    public void subscribe(String id, String query, Map<String, Object> variables) {
        socket.writeTextMessage(new JsonObject().put("id", id).put("type", "subscribe")
                .put("payload", new JsonObject().put("query", query).put("variables", new JsonObject(variables))).encode());
    }

    /** The next message other than the server's keep-alive pings. */
    public JsonObject next() throws InterruptedException {
        while (true) {
            JsonObject message = messages.poll(10, TimeUnit.SECONDS);
            assertThat(message).as("a message from the server within 10 s").isNotNull();
            if (!"ping".equals(message.getString("type"))) {
                return message;
            }
            socket.writeTextMessage(new JsonObject().put("type", "pong").encode());
        }
    }

    /** The close code the server sent, waiting up to the given seconds for the socket to close. */
    public int closeCode(int seconds) throws Exception {
        return closed.get(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        socket.close();
    }
}
