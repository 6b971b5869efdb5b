package com.omnichannel.gateway.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.platform.ids.GlobalId;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;

/** The memory of verified tokens: what it serves, for how long, and how much it holds. */
class VerifiedTokenCacheTest {

    /** The clock of a test: epoch milliseconds, moved by hand. */
    private final AtomicLong now = new AtomicLong(1_800_000_000_000L);

    private long nowSeconds() {
        return now.get() / 1000;
    }

    private VerifiedTokenCache cache(int maxEntries, Duration maxAge, long skewSeconds, Long tokenAgeSeconds) {
        return new VerifiedTokenCache(maxEntries, maxAge, skewSeconds, tokenAgeSeconds, now::get);
    }

    @Test
    void a_verified_token_is_served_by_its_exact_text_until_it_expires() {
        VerifiedTokenCache cache = cache(100, Duration.ofMinutes(5), 0, null);
        JsonWebToken token = token("a.b.c", "customer-1", nowSeconds() - 10, nowSeconds() + 60);
        cache.put("a.b.c", token);

        assertThat(cache.get("a.b.c")).isSameAs(token);
        assertThat(cache.get("a.b.d")).isNull();
        assertThat(cache.get("a.b.c ")).isNull();

        now.addAndGet(59_999);
        assertThat(cache.get("a.b.c")).isSameAs(token);
        now.addAndGet(1);
        assertThat(cache.get("a.b.c")).isNull();
        assertThat(cache.size()).isZero();
    }

    @Test
    void past_its_expiry_a_token_is_served_only_within_the_clock_skew_the_verification_allows() {
        VerifiedTokenCache cache = cache(100, Duration.ofMinutes(5), 60, null);
        long exp = nowSeconds() + 10;
        JsonWebToken token = token("skewed", "customer-2", nowSeconds(), exp);
        cache.put("skewed", token);

        now.set((exp + 59) * 1000 + 999);
        assertThat(cache.get("skewed")).isSameAs(token);
        now.set((exp + 60) * 1000);
        assertThat(cache.get("skewed")).isNull();
    }

    @Test
    void an_entry_lives_at_most_its_maximum_age_however_long_the_token_is_valid() {
        VerifiedTokenCache cache = cache(100, Duration.ofMinutes(5), 0, null);
        JsonWebToken token = token("long-lived", "kiosk-device:1", nowSeconds(), nowSeconds() + 365 * 86_400);
        cache.put("long-lived", token);

        now.addAndGet(Duration.ofMinutes(5).toMillis() - 1);
        assertThat(cache.get("long-lived")).isSameAs(token);
        now.addAndGet(1);
        assertThat(cache.get("long-lived")).isNull();

        // Verified again, it is served again for another maximum age.
        cache.put("long-lived", token);
        now.addAndGet(Duration.ofMinutes(4).toMillis());
        assertThat(cache.get("long-lived")).isSameAs(token);
    }

    @Test
    void a_configured_token_age_limit_ends_an_entry_before_its_expiry() {
        VerifiedTokenCache cache = cache(100, Duration.ofMinutes(5), 0, 120L);
        long iat = nowSeconds() - 100;
        JsonWebToken token = token("aged", "customer-3", iat, nowSeconds() + 3600);
        cache.put("aged", token);

        now.set((iat + 120) * 1000 - 1);
        assertThat(cache.get("aged")).isSameAs(token);
        now.set((iat + 120) * 1000);
        assertThat(cache.get("aged")).isNull();
    }

    @Test
    void tokens_without_an_expiry_or_already_expired_are_not_kept() {
        VerifiedTokenCache cache = cache(100, Duration.ofMinutes(5), 0, null);
        cache.put("no-exp", token("no-exp", "customer-4", nowSeconds(), 0));
        cache.put("expired", token("expired", "customer-5", nowSeconds() - 100, nowSeconds() - 1));

        assertThat(cache.get("no-exp")).isNull();
        assertThat(cache.get("expired")).isNull();
        assertThat(cache.size()).isZero();
    }

    @Test
    void the_number_of_entries_never_passes_the_bound_and_new_tokens_still_get_in() {
        VerifiedTokenCache cache = cache(10, Duration.ofMinutes(5), 0, null);
        for (int i = 0; i < 35; i++) {
            String raw = "token-" + i;
            JsonWebToken token = token(raw, "customer-" + i, nowSeconds(), nowSeconds() + 600);
            cache.put(raw, token);
            assertThat(cache.size()).isLessThanOrEqualTo(10);
            assertThat(cache.get(raw)).isSameAs(token);
        }
        assertThat(cache.size()).isBetween(9, 10);
    }

    @Test
    void when_full_expired_entries_make_room_before_valid_ones() {
        VerifiedTokenCache cache = cache(10, Duration.ofMinutes(5), 0, null);
        List<String> valid = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String raw = "t-" + i;
            // Half of them expire in a second, half in ten minutes.
            cache.put(raw, token(raw, "c-" + i, nowSeconds(), nowSeconds() + (i % 2 == 0 ? 1 : 600)));
            if (i % 2 == 1) {
                valid.add(raw);
            }
        }
        now.addAndGet(2_000);
        cache.put("newcomer", token("newcomer", "c-new", nowSeconds(), nowSeconds() + 600));

        assertThat(cache.size()).isEqualTo(6);
        for (String raw : valid) {
            assertThat(cache.get(raw)).as(raw).isNotNull();
        }
        assertThat(cache.get("newcomer")).isNotNull();
    }

    @Test
    void a_capacity_of_zero_keeps_nothing() {
        VerifiedTokenCache cache = cache(0, Duration.ofMinutes(5), 0, null);
        cache.put("x", token("x", "c", nowSeconds(), nowSeconds() + 600));
        assertThat(cache.get("x")).isNull();
        assertThat(cache.size()).isZero();
    }

    @Test
    void tokens_that_fail_verification_are_verified_afresh_every_time_and_never_kept() {
        CountingVerifier verifier = new CountingVerifier();
        CachingJwtParser parser = parser(verifier);

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> parser.parse("forged")).isInstanceOf(ParseException.class);
        }
        assertThat(verifier.calls("forged")).isEqualTo(3);
        assertThat(parser.size()).isZero();
        assertThat(parser.remembers("forged")).isFalse();
    }

    @Test
    void a_valid_token_is_verified_once_and_any_other_text_is_verified_on_its_own() throws ParseException {
        CountingVerifier verifier = new CountingVerifier();
        CachingJwtParser parser = parser(verifier);

        JsonWebToken first = parser.parse("genuine");
        JsonWebToken second = parser.parse("genuine");
        assertThat(second).isSameAs(first);
        assertThat(second.getSubject()).isEqualTo("subject-of-genuine");
        assertThat(verifier.calls("genuine")).isEqualTo(1);

        assertThatThrownBy(() -> parser.parse("genuine-but-altered")).isInstanceOf(ParseException.class);
        assertThat(verifier.calls("genuine-but-altered")).isEqualTo(1);
        assertThat(parser.remembers("genuine")).isTrue();
        assertThat(parser.size()).isEqualTo(1);
    }

    @Test
    void a_verified_token_answers_its_own_claims_and_the_standard_ones_as_smallrye_reads_them() throws ParseException {
        CountingVerifier verifier = new CountingVerifier();
        JsonWebToken token = parser(verifier).parse("genuine");

        assertThat(TokenClaims.channel(token)).isEqualTo("KIOSK");
        assertThat(token.<Object>getClaim(CallerResolver.STORE_CLAIM)).isEqualTo(GlobalId.encode("Location", 42));
        assertThat(TokenClaims.store(token)).isEqualTo(42L);
        assertThat(token.<Object>getClaim("absent")).isNull();
        assertThat(token.getSubject()).isEqualTo("subject-of-genuine");
        assertThat(token.getGroups()).containsExactly("kiosk");
        assertThat(token.getRawToken()).isEqualTo("genuine");
        assertThat(token.getName()).isEqualTo("subject-of-genuine");
        assertThat(token.getClaimNames()).contains("sub", "exp", "channel", "store_id");
    }

    @Test
    void claims_of_our_own_are_read_from_the_verified_principal_once_not_on_every_read() {
        Map<String, Integer> reads = new HashMap<>();
        JsonWebToken verified = new MapToken(Map.of("sub", "kiosk-device:7", "raw_token", "k", "channel", "KIOSK",
                "store_id", GlobalId.encode("Location", 7))) {
            @Override
            public <T> T getClaim(String name) {
                reads.merge(name, 1, Integer::sum);
                return super.getClaim(name);
            }
        };
        VerifiedToken token = new VerifiedToken(verified);
        Map<String, Integer> atVerification = Map.copyOf(reads);
        for (int i = 0; i < 5; i++) {
            assertThat(TokenClaims.channel(token)).isEqualTo("KIOSK");
            assertThat(TokenClaims.store(token)).isEqualTo(7L);
        }
        assertThat(reads).isEqualTo(atVerification);
        assertThat(reads).containsEntry("channel", 1).containsEntry("store_id", 1);
    }

    private CachingJwtParser parser(DefaultJWTParser verifier) {
        JWTAuthContextInfo verification = new JWTAuthContextInfo();
        verification.setClockSkew(0);
        return new CachingJwtParser(verifier, verification, 100, Duration.ofMinutes(5));
    }

    /** Stands for smallrye-jwt's parser: accepts the text "genuine" only, and counts what it was asked. */
    private static final class CountingVerifier extends DefaultJWTParser {
        private final Map<String, Integer> calls = new HashMap<>();

        @Override
        public JsonWebToken parse(String raw) throws ParseException {
            calls.merge(raw, 1, Integer::sum);
            if (!raw.equals("genuine")) {
                throw new ParseException("signature does not verify");
            }
            long now = System.currentTimeMillis() / 1000;
            Map<String, Object> claims = new HashMap<>(Map.of("sub", "subject-of-" + raw, "iat", now, "exp", now + 600,
                    "groups", Set.of("kiosk"), "raw_token", raw, "channel", "KIOSK", "store_id", GlobalId.encode("Location", 42)));
            return new MapToken(claims);
        }

        int calls(String raw) {
            return calls.getOrDefault(raw, 0);
        }
    }

    private static JsonWebToken token(String raw, String subject, long iat, long exp) {
        Map<String, Object> claims = new HashMap<>(Map.of("sub", subject, "iat", iat, "raw_token", raw));
        if (exp > 0) {
            claims.put("exp", exp);
        }
        return new MapToken(claims);
    }

    /** A principal over a plain map of claims, as a verified token's would be. */
    private static class MapToken implements JsonWebToken {
        private final Map<String, Object> claims;

        MapToken(Map<String, Object> claims) {
            this.claims = claims;
        }

        @Override
        public String getName() {
            return (String) claims.get("sub");
        }

        @Override
        public Set<String> getClaimNames() {
            return claims.keySet();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getClaim(String name) {
            return (T) claims.get(name);
        }
    }
}
