package com.omnichannel.gateway.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.support.Accounts;
import com.omnichannel.gateway.support.GraphQL;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Behind the ingress, per-address limits count the client address the proxy states in {@code X-Forwarded-For}:
 * here this machine is the trusted proxy (as the ingress controller's pods are in k8s/), so the header is used.
 * From an untrusted peer it is ignored ({@link ForwardedAddressFromUntrustedPeerTest}).
 */
@QuarkusTest
@TestProfile(ForwardedAddressTest.TrustedLocalProxy.class)
class ForwardedAddressTest {

    public static class TrustedLocalProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.proxy.proxy-address-forwarding", "true", "quarkus.http.proxy.allow-x-forwarded", "true",
                    "quarkus.http.proxy.trusted-proxies", "127.0.0.1,0:0:0:0:0:0:0:1");
        }
    }

    @Inject
    RedisDataSource redis;

    static String documentationAddress() {
        return "203.0.113." + ThreadLocalRandom.current().nextInt(1, 255);
    }

    /** Signs in with a wrong password, as a client behind a proxy that states this address. */
    static void signInAttemptFrom(String forwardedFor) {
        GraphQL.anonymous().header("X-Forwarded-For", forwardedFor)
                .execute(Accounts.SIGN_IN, "input", Map.of("email", Accounts.uniqueEmail(), "password", "Wrong-password-1"));
    }

    @Test
    void a_trusted_proxy_states_the_client_address_that_per_address_limits_count() {
        String client = documentationAddress();
        String clientKey = "sign-in-attempts:address:{ip:" + client + "}";
        redis.key().del(clientKey);
        redis.key().del(Accounts.addressAttemptKeys().toArray(String[]::new));

        signInAttemptFrom(client);

        assertThat(redis.key().exists(clientKey)).isTrue();
        for (String proxyKey : Accounts.addressAttemptKeys()) {
            assertThat(redis.key().exists(proxyKey)).as("the proxy's own address is not counted").isFalse();
        }
    }
}
