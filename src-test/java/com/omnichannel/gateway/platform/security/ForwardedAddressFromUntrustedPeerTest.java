package com.omnichannel.gateway.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.support.Accounts;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Forwarding is on, as in k8s/, but this machine is not among the trusted proxies: an {@code X-Forwarded-For} it
 * sends is a client's spoof, ignored; per-address limits count the connection's own address.
 */
@QuarkusTest
@TestProfile(ForwardedAddressFromUntrustedPeerTest.OtherTrustedProxy.class)
class ForwardedAddressFromUntrustedPeerTest {

    public static class OtherTrustedProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.proxy.proxy-address-forwarding", "true", "quarkus.http.proxy.allow-x-forwarded", "true",
                    "quarkus.http.proxy.trusted-proxies", "192.0.2.10");
        }
    }

    @Inject
    RedisDataSource redis;

    @Test
    void a_spoofed_forwarded_address_from_an_untrusted_peer_is_ignored() {
        String spoofed = ForwardedAddressTest.documentationAddress();
        String spoofedKey = "sign-in-attempts:address:{ip:" + spoofed + "}";
        redis.key().del(spoofedKey);
        redis.key().del(Accounts.addressAttemptKeys().toArray(String[]::new));

        ForwardedAddressTest.signInAttemptFrom(spoofed);

        assertThat(redis.key().exists(spoofedKey)).isFalse();
        assertThat(Accounts.addressAttemptKeys().stream().anyMatch(key -> redis.key().exists(key)))
                .as("the peer's own address is counted").isTrue();
    }
}
