package com.omnichannel.gateway.integration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    static final String SECRET = "whsec-test-0123456789-abcdefghij";

    @Test
    void the_signature_is_hmac_sha256_over_timestamp_dot_body_in_hex() {
        // Same value as: printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac "$SECRET"
        assertThat(WebhookSignature.sign("key", 1700000000L, "{\"a\":1}"))
                .isEqualTo("v1=" + hmacHex("key", "1700000000.{\"a\":1}"));
        assertThat(WebhookSignature.sign(SECRET, 1700000000L, "{}")).startsWith("v1=").hasSize(3 + 64);
    }

    @Test
    void a_receiver_accepts_a_fresh_signed_body_and_refuses_a_changed_body_another_secret_or_a_replay() {
        long now = 1_800_000_000L;
        String body = "{\"id\":\"e1\"}";
        String signature = WebhookSignature.sign(SECRET, now, body);
        assertThat(WebhookSignature.verify(SECRET, Long.toString(now), body, signature, now + 10, 300)).isTrue();
        assertThat(WebhookSignature.verify(SECRET, Long.toString(now), body + " ", signature, now, 300)).isFalse();
        assertThat(WebhookSignature.verify("another-secret-0123456789abc", Long.toString(now), body, signature, now, 300)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, Long.toString(now), body, signature, now + 301, 300)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, Long.toString(now + 1), body, signature, now, 300)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, "not-a-number", body, signature, now, 300)).isFalse();
    }

    private static String hmacHex(String key, String message) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal(message.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
