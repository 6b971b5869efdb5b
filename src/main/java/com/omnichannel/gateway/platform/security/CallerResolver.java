package com.omnichannel.gateway.platform.security;

import java.util.HashSet;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Resolves the {@link Caller} of the current request: who the token says, and the channel by the rule of
 * {@link ChannelResolution} (the same the HTTP gate applies before GraphQL runs).
 */
@RequestScoped
public class CallerResolver {

    public static final String CHANNEL_HEADER = "X-Channel";
    public static final String STORE_CLAIM = "store_id";
    public static final String CART_TOKEN_HEADER = "X-Cart-Token";

    private final JsonWebToken token;
    private final CurrentVertxRequest request;
    private Caller resolved;

    @Inject
    public CallerResolver(JsonWebToken token, CurrentVertxRequest request) {
        this.token = token;
        this.request = request;
    }

    public Caller current() {
        if (resolved == null) {
            resolved = resolve();
        }
        return resolved;
    }

    /** The anonymous cart token the client sent, or null. */
    public String cartToken() {
        RoutingContext context = request.getCurrent();
        String header = context == null ? null : context.request().getHeader(CART_TOKEN_HEADER);
        return header == null || header.isBlank() || header.length() > 200 ? null : header.trim();
    }

    /** Who to count per-client limits against: the token subject, else the client address. */
    public String clientKey() {
        Caller caller = current();
        if (caller.subject() != null) {
            return "sub:" + caller.subject();
        }
        return clientAddressKey();
    }

    /**
     * The client as the subject of per-address rate limits: a kiosk device by its own token ({@code device:<subject>};
     * a store's kiosks share the store network's address, and must not share its budget), anyone else by address
     * ({@code ip:<address>}).
     */
    public String clientAddressKey() {
        Caller caller = current();
        if (caller.subject() != null && caller.hasRole(Role.KIOSK)) {
            return "device:" + caller.subject();
        }
        return "ip:" + clientAddress();
    }

    /**
     * The address the request came from: the client's as the trusted proxy in front (the ingress) states it in
     * {@code X-Forwarded-For}, or the connection's peer when forwarding is off or the peer is not a trusted proxy
     * ({@code quarkus.http.proxy.*}, see docs/operations.md).
     */
    public String clientAddress() {
        RoutingContext context = request.getCurrent();
        return context == null || context.request().remoteAddress() == null ? "unknown"
                : context.request().remoteAddress().hostAddress();
    }

    private Caller resolve() {
        String subject = token == null ? null : token.getSubject();
        Set<String> roles = subject == null || token.getGroups() == null ? Set.of() : Set.copyOf(new HashSet<>(token.getGroups()));
        Object channelClaim = subject == null ? null : TokenClaims.channel(token);
        RoutingContext context = request.getCurrent();
        String header = context == null ? null : context.request().getHeader(CHANNEL_HEADER);
        Channel channel = ChannelResolution.of(roles, channelClaim, header).orThrow();

        // Kiosk devices, and customers who identified at a kiosk (a kiosk session), are bound to the kiosk's store.
        return new Caller(subject, roles, channel, channel == Channel.KIOSK ? TokenClaims.store(token) : null);
    }
}
