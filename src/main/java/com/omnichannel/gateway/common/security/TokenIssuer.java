package com.omnichannel.gateway.common.security;

import java.time.Duration;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Signs the tokens this service issues itself (kiosk devices; customer sessions later). They carry the same
 * claims an external identity provider would ({@code iss}, {@code sub}, {@code groups}), so verification is the
 * one smallrye-jwt configuration either way.
 */
@ApplicationScoped
public class TokenIssuer {

    private final String issuer;
    private final Duration kioskTokenLifetime;

    public TokenIssuer(@ConfigProperty(name = "mp.jwt.verify.issuer") String issuer,
            @ConfigProperty(name = "app.kiosk.token-lifetime", defaultValue = "P365D") Duration kioskTokenLifetime) {
        this.issuer = issuer;
        this.kioskTokenLifetime = kioskTokenLifetime;
    }

    /** A token for a kiosk device bound to one store. */
    public Uni<String> kioskToken(long deviceKey, String storeId) {
        // Signing reads the key (file I/O on first use) and is CPU-heavy: keep it off the event loop.
        return Uni.createFrom().item(() -> Jwt.issuer(issuer)
                .subject("kiosk-device:" + deviceKey)
                .groups(Set.of(Role.KIOSK))
                .claim(CallerResolver.STORE_CLAIM, storeId)
                .claim("channel", Channel.KIOSK.name())
                .expiresIn(kioskTokenLifetime)
                .sign())
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** A token for a staff member; used by the demo set-up (real staff sign in through the identity provider). */
    public Uni<String> staffToken(String subject, Set<String> roles, Duration lifetime) {
        return Uni.createFrom().item(() -> Jwt.issuer(issuer).subject(subject).groups(roles).expiresIn(lifetime).sign())
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
