package com.omnichannel.gateway.platform.security;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;

/**
 * The principal of a token smallrye-jwt verified, as every request that presents the token sees it (verified tokens
 * are remembered, {@link VerifiedTokenCache}, so one object serves many requests on several threads: it only reads).
 * <p>
 * smallrye-jwt's principal looks every claim name up in the enum of standard claims and, for any other name (ours:
 * {@value TokenIssuer#CHANNEL_CLAIM}, {@value CallerResolver#STORE_CLAIM}), builds and drops an
 * {@code IllegalArgumentException} with the request's whole stack: a few percent of the CPU of signed-in reads. Here
 * the other claims are read that way once, when the token was verified, and then answered from a map; standard
 * claims are the verified principal's own answers.
 */
final class VerifiedToken extends JWTCallerPrincipal {

    private static final Set<String> STANDARD_CLAIMS = Arrays.stream(Claims.values()).map(Enum::name)
            .collect(Collectors.toUnmodifiableSet());

    private final JsonWebToken verified;
    private final Map<String, Object> customClaims;

    VerifiedToken(JsonWebToken verified) {
        super(verified.getRawToken(), "JWT");
        this.verified = verified;
        Map<String, Object> custom = new HashMap<>();
        for (String name : verified.getClaimNames()) {
            if (!STANDARD_CLAIMS.contains(name)) {
                Object value = verified.getClaim(name);
                if (value != null) {
                    custom.put(name, value);
                }
            }
        }
        this.customClaims = Map.copyOf(custom);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String claimName) {
        return STANDARD_CLAIMS.contains(claimName) ? verified.getClaim(claimName) : (T) customClaims.get(claimName);
    }

    @Override
    protected Object getClaimValue(String claimName) {
        return getClaim(claimName);
    }

    @Override
    public String getName() {
        return verified.getName();
    }

    @Override
    public Set<String> getClaimNames() {
        return verified.getClaimNames();
    }

    @Override
    protected Collection<String> doGetClaimNames() {
        return verified.getClaimNames();
    }

    @Override
    public Set<String> getGroups() {
        return verified.getGroups();
    }

    @Override
    public Set<String> getAudience() {
        return verified.getAudience();
    }

    @Override
    public String toString() {
        return verified.toString();
    }
}
