package com.omnichannel.gateway.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.platform.errors.ApiException;
import com.omnichannel.gateway.platform.errors.ErrorCode;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;

/** Attempts are counted in Redis per action and subject, in a fixed window that starts with the first attempt. */
@QuarkusTest
class RateLimiterTest {

    @Inject
    RateLimiter limiter;

    @Inject
    RedisDataSource redis;

    private static String subject() {
        return "test:" + System.nanoTime();
    }

    @Test
    void attempts_within_the_limit_are_allowed_and_the_next_one_is_refused_with_the_time_left() {
        RateLimiter.Limit limit = new RateLimiter.Limit("test-sign-in", 3, Duration.ofMinutes(10));
        String subject = subject();
        for (int i = 1; i <= 3; i++) {
            RateLimiter.Decision decision = limiter.hit(limit, subject).await().indefinitely();
            assertThat(decision.allowed()).isTrue();
            assertThat(decision.attempts()).isEqualTo(i);
        }
        RateLimiter.Decision refused = limiter.hit(limit, subject).await().indefinitely();
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isBetween(590L, 600L);
        assertThat(redis.key().ttl("test-sign-in:{" + subject + "}")).isBetween(590L, 600L);
    }

    @Test
    void subjects_and_actions_are_counted_separately() {
        RateLimiter.Limit signIn = new RateLimiter.Limit("test-sign-in", 1, Duration.ofMinutes(1));
        RateLimiter.Limit checkout = new RateLimiter.Limit("test-checkout", 1, Duration.ofMinutes(1));
        String a = subject();
        String b = subject();
        assertThat(limiter.hit(signIn, a).await().indefinitely().allowed()).isTrue();
        assertThat(limiter.hit(signIn, b).await().indefinitely().allowed()).isTrue();
        assertThat(limiter.hit(checkout, a).await().indefinitely().allowed()).isTrue();
        assertThat(limiter.hit(signIn, a).await().indefinitely().allowed()).isFalse();
    }

    @Test
    void enforce_fails_with_rate_limited_and_retry_after_when_any_subject_is_over() {
        RateLimiter.Limit limit = new RateLimiter.Limit("test-checkout", 2, Duration.ofMinutes(5));
        String address = "ip:" + subject();
        String account = "account:" + subject();
        limiter.enforce(limit, address, account).await().indefinitely();
        limiter.enforce(limit, address).await().indefinitely();
        assertThatThrownBy(() -> limiter.enforce(limit, address, account).await().indefinitely())
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
                    assertThat((Long) e.extensions().get("retryAfterSeconds")).isBetween(1L, 300L);
                    assertThat(e.getMessage()).contains("try again");
                });
        // refused attempts count too: this is the account's third
        assertThatThrownBy(() -> limiter.enforce(limit, account).await().indefinitely()).isInstanceOf(ApiException.class);
    }

    @Test
    void a_new_window_starts_when_the_last_one_ends() throws InterruptedException {
        RateLimiter.Limit limit = new RateLimiter.Limit("test-sign-in", 1, Duration.ofMillis(300));
        String subject = subject();
        assertThat(limiter.hit(limit, subject).await().indefinitely().allowed()).isTrue();
        assertThat(limiter.hit(limit, subject).await().indefinitely().allowed()).isFalse();
        Thread.sleep(400);
        assertThat(limiter.hit(limit, subject).await().indefinitely().allowed()).isTrue();
    }

    @Test
    void configuration_overrides_an_actions_defaults() {
        RateLimiter.Limit handoff = limiter.limit("cart-handoff-attempts", 1, Duration.ofSeconds(1));
        assertThat(handoff.maxAttempts()).isEqualTo(10);
        assertThat(handoff.window()).isEqualTo(Duration.ofMinutes(15));
        RateLimiter.Limit unconfigured = limiter.limit("test-unconfigured", 4, Duration.ofSeconds(30));
        assertThat(unconfigured.maxAttempts()).isEqualTo(4);
        assertThat(unconfigured.window()).isEqualTo(Duration.ofSeconds(30));
    }
}
