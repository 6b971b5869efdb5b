package com.omnichannel.gateway.platform.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Signs the tokens this service issues itself (kiosk devices, customer and staff sessions). They carry the same
 * claims an external identity provider would ({@code iss}, {@code sub}, {@code groups}), so verification is the
 * one smallrye-jwt configuration either way.
 */
@ApplicationScoped
public class TokenIssuer {

    /** The channel a token is bound to, when it is (kiosk devices and kiosk sessions of customers). */
    public static final String CHANNEL_CLAIM = "channel";

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
                .claim(CHANNEL_CLAIM, Channel.KIOSK.name())
                .expiresIn(kioskTokenLifetime)
                .sign())
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /**
     * A customer's access token: {@code sub} is the customer id, role customer. A kiosk session (a customer who
     * identified at a kiosk) also carries the kiosk's channel and store, so it counts for that store.
     */
    public Uni<String> customerToken(String customerId, Channel kioskChannel, String kioskStoreId, Instant expiresAt) {
        return Uni.createFrom().item(() -> {
            var builder = Jwt.issuer(issuer).subject(customerId).groups(Set.of(Role.CUSTOMER));
            if (kioskChannel == Channel.KIOSK) {
                builder = builder.claim(CHANNEL_CLAIM, Channel.KIOSK.name()).claim(CallerResolver.STORE_CLAIM, kioskStoreId);
            }
            return builder.expiresAt(expiresAt.getEpochSecond()).sign();
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** A staff member's access token after signing in with email and password. */
    public Uni<String> staffSessionToken(String subject, Set<String> roles, Instant expiresAt) {
        return Uni.createFrom().item(() -> Jwt.issuer(issuer).subject(subject).groups(roles).expiresAt(expiresAt.getEpochSecond()).sign())
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** A token for a staff member; used by the demo set-up (real staff sign in through the identity provider). */
    public Uni<String> staffToken(String subject, Set<String> roles, Duration lifetime) {
        return Uni.createFrom().item(() -> Jwt.issuer(issuer).subject(subject).groups(roles).expiresIn(lifetime).sign())
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
