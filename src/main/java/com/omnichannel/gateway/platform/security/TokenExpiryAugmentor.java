package com.omnichannel.gateway.platform.security;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Gives an identity from a JWT its expiry time (the token's {@code exp}, in epoch seconds) under the attribute
 * Quarkus reads to end a WebSocket when its authentication expires: a subscription socket is closed with
 * WebSocket close code 1008 (policy violation) at that moment instead of living on with an expired token.
 */
@ApplicationScoped
public class TokenExpiryAugmentor implements SecurityIdentityAugmentor {

    static final String EXPIRE_TIME = "quarkus.identity.expire-time";

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || identity.getAttribute(EXPIRE_TIME) != null
                || !(identity.getPrincipal() instanceof JsonWebToken token) || token.getExpirationTime() <= 0) {
            return Uni.createFrom().item(identity);
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity)
                .addAttribute(EXPIRE_TIME, token.getExpirationTime()).build());
    }
}
