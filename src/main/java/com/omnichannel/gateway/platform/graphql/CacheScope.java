package com.omnichannel.gateway.platform.graphql;

import java.util.Locale;
import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.omnichannel.gateway.platform.security.CallerResolver;
import com.omnichannel.gateway.platform.security.Channel;
import com.omnichannel.gateway.platform.security.ChannelResolution;
import com.omnichannel.gateway.platform.security.Role;
import com.omnichannel.gateway.platform.security.TokenClaims;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;

/**
 * Which callers may share the {@link ResponseCache}'s answers to a request. The public reads depend on the caller
 * only through the channel and, for kiosks, the kiosk's store ("stock here", stores nearest to it): anonymous callers
 * without a cart share one scope per {@code X-Channel}; a kiosk device shares with the kiosks of its store. Everyone
 * else (customers, also at a kiosk, staff, integrations) reads data of their own, or may: their answers are not cached.
 *
 * @param name    part of the cache key: empty for anonymous callers, {@code kiosk:<store>} for kiosk devices
 * @param channel part of the cache key: the {@code X-Channel} header as sent (anonymous), or the kiosk's channel
 * @param shared  whether HTTP caches (browsers, CDNs) may keep the answer too: only anonymous answers, since a
 *                kiosk's answer depends on its {@code Authorization} header
 */
record CacheScope(String name, String channel, boolean shared) {

    /**
     * The scope of a request, or null when its answer is not to be cached.
     *
     * @param identity   the identity the security layer verified, or null for an anonymous caller
     * @param resolution the request's channel ({@link ChannelResolution})
     */
    static CacheScope of(RoutingContext ctx, SecurityIdentity identity, ChannelResolution resolution) {
        if (ctx.request().getHeader(CallerResolver.CART_TOKEN_HEADER) != null) {
            return null;
        }
        if (identity == null) {
            // Kept out as before: an Authorization header the security layer did not take as a bearer token.
            if (ctx.request().getHeader("Authorization") != null) {
                return null;
            }
            String channel = ctx.request().getHeader(CallerResolver.CHANNEL_HEADER);
            return new CacheScope("", channel == null ? "" : channel.trim().toUpperCase(Locale.ROOT), true);
        }
        Long store = identity.getPrincipal() instanceof JsonWebToken token ? TokenClaims.store(token) : null;
        // A refused channel header is answered with an error, which a cached answer must not replace.
        if (store == null || !kioskDevice(identity.getRoles()) || !(resolution instanceof ChannelResolution.Resolved resolved)
                || resolved.channel() != Channel.KIOSK) {
            return null;
        }
        return new CacheScope("kiosk:" + store, resolved.channel().name(), false);
    }

    /** A kiosk's own token, not a person's: a customer's kiosk session also has the kiosk's channel and store. */
    private static boolean kioskDevice(Set<String> roles) {
        return roles.contains(Role.KIOSK) && !roles.contains(Role.CUSTOMER) && !roles.contains(Role.STAFF)
                && !roles.contains(Role.ADMIN) && !roles.contains(Role.INTEGRATION);
    }
}
