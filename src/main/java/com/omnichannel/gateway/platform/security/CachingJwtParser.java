package com.omnichannel.gateway.platform.security;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;

import javax.crypto.SecretKey;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * The {@link JWTParser} Quarkus verifies bearer tokens with (its {@code MpJwtValidator} calls {@link #parse(String)}
 * for every request that carries one): smallrye-jwt's own parser, in front of which verified tokens are remembered
 * ({@link VerifiedTokenCache}), so a token is parsed and its RS256 signature checked once, not on every request. The
 * principal of a verified token is a {@link VerifiedToken}.
 * <p>
 * It replaces smallrye-jwt's {@link DefaultJWTParser} bean wherever a {@code JWTParser} is injected (an alternative
 * with a priority), and delegates to that bean, which keeps its own configuration ({@code mp.jwt.verify.*}). The
 * other operations (verifying with a given key, decrypting) are passed on as they are.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class CachingJwtParser implements JWTParser {

    private final DefaultJWTParser verifier;
    private final VerifiedTokenCache cache;

    @Inject
    public CachingJwtParser(DefaultJWTParser verifier, JWTAuthContextInfo verification,
            @ConfigProperty(name = "app.security.verified-tokens.max-entries", defaultValue = "10000") int maxEntries,
            @ConfigProperty(name = "app.security.verified-tokens.max-age", defaultValue = "PT5M") Duration maxAge) {
        this.verifier = verifier;
        this.cache = new VerifiedTokenCache(maxEntries, maxAge, verification.getClockSkew(), verification.getTokenAge(),
                System::currentTimeMillis);
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken known = cache.get(token);
        if (known != null) {
            return known;
        }
        // Throws for a token that fails verification: nothing is remembered for it.
        JsonWebToken verified = new VerifiedToken(verifier.parse(token));
        cache.put(token, verified);
        return verified;
    }

    /** How many verified tokens are remembered now. */
    int size() {
        return cache.size();
    }

    /** Whether this exact token is remembered as verified and still valid. */
    boolean remembers(String token) {
        return cache.get(token) != null;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return verifier.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return verifier.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return verifier.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return verifier.parseOnly(token);
    }
}
