package com.omnichannel.gateway.support;

import java.time.Duration;
import java.util.Set;

import org.eclipse.microprofile.config.ConfigProvider;

import io.smallrye.jwt.build.Jwt;

/** Mints tokens for every role with the locally generated test key pair. */
public final class Tokens {

    private Tokens() {
    }

    private static String issuer() {
        return ConfigProvider.getConfig().getValue("mp.jwt.verify.issuer", String.class);
    }

    public static String staff() {
        return Jwt.issuer(issuer()).subject("staff-" + System.nanoTime()).groups(Set.of("staff"))
                .expiresIn(Duration.ofMinutes(30)).sign();
    }

    public static String admin() {
        return Jwt.issuer(issuer()).subject("admin-1").groups(Set.of("admin")).expiresIn(Duration.ofMinutes(30)).sign();
    }

    /** A system around the shop (POS, WMS) with an integration token. */
    public static String integration() {
        return Jwt.issuer(issuer()).subject("wms-" + System.nanoTime()).groups(Set.of("integration"))
                .expiresIn(Duration.ofMinutes(30)).sign();
    }

    public static String customer(String customerId) {
        return Jwt.issuer(issuer()).subject(customerId).groups(Set.of("customer")).expiresIn(Duration.ofMinutes(30)).sign();
    }

    /** A kiosk token bound to a store (its global id). */
    public static String kiosk(String storeId) {
        return Jwt.issuer(issuer()).subject("kiosk-device:test").groups(Set.of("kiosk")).claim("store_id", storeId)
                .expiresIn(Duration.ofMinutes(30)).sign();
    }

    /** The token of one kiosk device among several of a store, as the service issues it (with the kiosk channel). */
    public static String kiosk(String storeId, String device) {
        return Jwt.issuer(issuer()).subject("kiosk-device:" + device).groups(Set.of("kiosk")).claim("store_id", storeId)
                .claim("channel", "KIOSK").expiresIn(Duration.ofMinutes(30)).sign();
    }

    /** A customer's kiosk session: a customer token bound to the kiosk's channel and store. */
    public static String kioskSession(String customerId, String storeId) {
        return Jwt.issuer(issuer()).subject(customerId).groups(Set.of("customer")).claim("channel", "KIOSK")
                .claim("store_id", storeId).expiresIn(Duration.ofMinutes(30)).sign();
    }

    public static String expired() {
        return Jwt.issuer(issuer()).subject("staff-x").groups(Set.of("staff")).issuedAt(1_000_000L).expiresAt(1_000_060L).sign();
    }
}
