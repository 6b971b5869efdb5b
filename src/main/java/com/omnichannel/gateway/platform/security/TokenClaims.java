package com.omnichannel.gateway.platform.security;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.omnichannel.gateway.platform.ids.GlobalId;

/**
 * The claims of our own a verified token carries, read in one place. The principal of a verified token
 * ({@link VerifiedToken}) answers them from a map; read through smallrye-jwt's own principal, each read of a claim
 * that is not a standard one costs an exception (see there), which this class keeps out of the request path.
 */
public final class TokenClaims {

    private TokenClaims() {
    }

    /** The channel the token is bound to ({@value TokenIssuer#CHANNEL_CLAIM}: kiosk devices and kiosk sessions), or null. */
    public static Object channel(JsonWebToken token) {
        return token == null ? null : token.getClaim(TokenIssuer.CHANNEL_CLAIM);
    }

    /** The store a kiosk token is bound to (its {@value CallerResolver#STORE_CLAIM} claim, a Location id), or null. */
    public static Long store(JsonWebToken token) {
        Object claim = token == null ? null : token.getClaim(CallerResolver.STORE_CLAIM);
        return claim == null ? null : GlobalId.tryDecode("Location", claim.toString());
    }
}
