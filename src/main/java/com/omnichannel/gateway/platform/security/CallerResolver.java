package com.omnichannel.gateway.platform.security;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.omnichannel.gateway.platform.errors.ApiException;
import com.omnichannel.gateway.platform.ids.GlobalId;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Resolves the {@link Caller} of the current request. The channel comes from the token when it fixes one
 * (kiosk tokens always mean KIOSK); otherwise from the {@code X-Channel} header, where KIOSK and STAFF must be
 * backed by a token with that role; otherwise STAFF for staff tokens and WEB for everyone else.
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

    /** The client address as a rate-limit subject ({@code ip:<address>}), whoever the caller is. */
    public String clientAddressKey() {
        return "ip:" + clientAddress();
    }

    /** The address the request came from (of the last proxy, unless forwarding headers are trusted). */
    public String clientAddress() {
        RoutingContext context = request.getCurrent();
        return context == null || context.request().remoteAddress() == null ? "unknown"
                : context.request().remoteAddress().hostAddress();
    }

    private Caller resolve() {
        String subject = token == null ? null : token.getSubject();
        Set<String> roles = subject == null || token.getGroups() == null ? Set.of() : Set.copyOf(new HashSet<>(token.getGroups()));
        Channel requested = requestedChannel();
        // Kiosk devices, and customers who identified at a kiosk (a kiosk session), are bound to the kiosk's store.
        Object channelClaim = subject == null ? null : token.getClaim(TokenIssuer.CHANNEL_CLAIM);
        boolean kiosk = roles.contains(Role.KIOSK) || (channelClaim != null && Channel.KIOSK.name().equals(channelClaim.toString()));
        boolean staff = roles.contains(Role.STAFF) || roles.contains(Role.ADMIN);

        Channel channel;
        if (kiosk) {
            channel = Channel.KIOSK;
        } else if (requested == Channel.KIOSK || (requested == Channel.STAFF && !staff)) {
            throw new ApiException(com.omnichannel.gateway.platform.errors.ErrorCode.FORBIDDEN,
                    "Channel " + requested + " requires a " + requested.name().toLowerCase(Locale.ROOT) + " token");
        } else if (requested != null) {
            channel = requested;
        } else {
            channel = staff ? Channel.STAFF : Channel.WEB;
        }

        Long storeId = null;
        if (kiosk) {
            Object claim = token.getClaim(STORE_CLAIM);
            storeId = claim == null ? null : GlobalId.tryDecode("Location", claim.toString());
        }
        return new Caller(subject, roles, channel, storeId);
    }

    private Channel requestedChannel() {
        RoutingContext context = request.getCurrent();
        String header = context == null ? null : context.request().getHeader(CHANNEL_HEADER);
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Channel.valueOf(header.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badUserInput("Header " + CHANNEL_HEADER + " must be one of WEB, MOBILE, KIOSK, STAFF");
        }
    }
}
