package com.omnichannel.gateway.platform.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;

import com.omnichannel.gateway.platform.errors.ApiException;
import com.omnichannel.gateway.platform.errors.ErrorCode;
import com.omnichannel.gateway.platform.redis.LuaScript;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * Counts attempts of an action per subject in Redis, so every instance sees the same counts: a fixed window per
 * action and subject that starts with the first attempt (one round trip: a Lua script increments the counter and
 * sets its expiry together).
 *
 * <h2>Using it</h2>
 * <pre>{@code
 * // once, e.g. in the service's constructor: the limit of an action, from configuration
 * RateLimiter.Limit signIn = limiter.limit("sign-in", 5, Duration.ofMinutes(15));
 *
 * // per request: count the attempt against every subject it belongs to; fails with RATE_LIMITED when any is over
 * return limiter.enforce(signIn, callers.clientKey(), "account:" + email).chain(() -> signInNow(...));
 *
 * // or decide yourself (e.g. answer with a userError instead of a top-level error)
 * return limiter.hit(signIn, callers.clientKey()).chain(decision -> decision.allowed() ? ... : ...);
 *
 * // or count only failures: peek before the attempt, hit when it failed
 * return limiter.peek(wrongCodes, subject).chain(decision -> decision.allowed() ? tryCode(...) : ...);
 * }</pre>
 *
 * <ul>
 * <li><b>Subjects</b> are whatever the attempts are counted against: {@code CallerResolver.clientKey()} gives
 * {@code sub:<token subject>} for signed-in callers and {@code ip:<client address>} otherwise;
 * {@code CallerResolver.clientAddressKey()} always the address. Count a sign-in against both the address and the
 * account name, so neither one address nor many addresses can try one account indefinitely.</li>
 * <li><b>Configuration</b> overrides the defaults given in code, per action:
 * {@code app.rate-limit.<action>.max-attempts} and {@code app.rate-limit.<action>.window} (ISO-8601 or
 * {@code 15m}). The action name is also the prefix of the Redis key ({@code <action>:{<subject>}}; the braces
 * keep each counter in one Redis Cluster slot).</li>
 * <li><b>Over the limit</b>, {@link #enforce} fails with an {@link ApiException} of code {@code RATE_LIMITED}
 * whose {@code extensions.retryAfterSeconds} says when the window ends. Every attempt counts, including
 * refused ones, so hammering does not shorten the wait.</li>
 * <li><b>Redis failures</b> are passed on unchanged: the caller decides whether its action fails closed (and
 * with which code) or proceeds.</li>
 * </ul>
 */
@ApplicationScoped
public class RateLimiter {

    /** An action's limit: at most {@code maxAttempts} per subject within {@code window}. */
    public record Limit(String action, int maxAttempts, Duration window) {

        public Limit {
            if (maxAttempts < 1 || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("Rate limit of " + action + " needs at least 1 attempt in a positive window");
            }
        }
    }

    /** The outcome of one attempt for one subject. */
    public record Decision(boolean allowed, long attempts, Duration retryAfter) {

        /** Whole seconds until the window ends, at least 1. */
        public long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }
    }

    private static final LuaScript HIT = LuaScript.fromResource("ratelimit/hit.lua");
    private static final LuaScript PEEK = LuaScript.fromResource("ratelimit/peek.lua");

    private final ReactiveRedisDataSource redis;
    private final Config config;

    public RateLimiter(ReactiveRedisDataSource redis, Config config) {
        this.redis = redis;
        this.config = config;
    }

    /** The limit of an action: configuration ({@code app.rate-limit.<action>.*}) over the given defaults. */
    public Limit limit(String action, int defaultMaxAttempts, Duration defaultWindow) {
        String prefix = "app.rate-limit." + action + ".";
        int max = config.getOptionalValue(prefix + "max-attempts", Integer.class).orElse(defaultMaxAttempts);
        Duration window = config.getOptionalValue(prefix + "window", Duration.class).orElse(defaultWindow);
        return new Limit(action, max, window);
    }

    /** Counts one attempt of the subject and says whether it is within the limit. */
    public Uni<Decision> hit(Limit limit, String subject) {
        return HIT.run(redis, List.of(key(limit, subject)), List.of(String.valueOf(limit.window().toMillis())))
                .map(response -> decision(limit, response));
    }

    /**
     * Says whether one more attempt of the subject would be within the limit, without counting one: for actions
     * that count only their failures (a wrong code) and must stop before the next try, not after it.
     */
    public Uni<Decision> peek(Limit limit, String subject) {
        return PEEK.run(redis, List.of(key(limit, subject)), List.of()).map(response -> {
            long attempts = response.get(0).toLong();
            return new Decision(attempts < limit.maxAttempts(), attempts, Duration.ofMillis(Math.max(0, response.get(1).toLong())));
        });
    }

    /**
     * Counts one attempt against every subject; fails with {@code RATE_LIMITED} (and
     * {@code extensions.retryAfterSeconds}) when any of them is over the limit.
     */
    public Uni<Void> enforce(Limit limit, String... subjects) {
        List<Uni<Decision>> hits = new ArrayList<>(subjects.length);
        for (String subject : subjects) {
            hits.add(hit(limit, subject));
        }
        if (hits.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(hits).andFailFast().map(decisions -> {
            long retryAfter = 0;
            for (Decision decision : decisions) {
                if (!decision.allowed()) {
                    retryAfter = Math.max(retryAfter, decision.retryAfterSeconds());
                }
            }
            if (retryAfter > 0) {
                throw rateLimited(retryAfter);
            }
            return null;
        });
    }

    /** The error of a refused attempt, for callers that decide with {@link #hit} but answer like {@link #enforce}. */
    public static ApiException rateLimited(long retryAfterSeconds) {
        return new ApiException(ErrorCode.RATE_LIMITED,
                "Too many attempts; try again in " + retryAfterSeconds + " seconds",
                Map.of("retryAfterSeconds", retryAfterSeconds));
    }

    static String key(Limit limit, String subject) {
        return limit.action() + ":{" + subject + "}";
    }

    private static Decision decision(Limit limit, Response response) {
        long attempts = response.get(0).toLong();
        long ttlMillis = Math.max(0, response.get(1).toLong());
        return new Decision(attempts <= limit.maxAttempts(), attempts, Duration.ofMillis(ttlMillis));
    }
}
