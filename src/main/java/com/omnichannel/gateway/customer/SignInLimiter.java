package com.omnichannel.gateway.customer;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.omnichannel.gateway.platform.errors.ApiException;
import com.omnichannel.gateway.platform.errors.ErrorCode;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;

/**
 * Limits password sign-in attempts in Redis, shared by every instance: per account (the email, whether or not an
 * account exists) and per client address, each within a window that starts with the first attempt. Every attempt
 * counts; a successful sign-in clears its account's count.
 */
@ApplicationScoped
public class SignInLimiter {

    private static final Logger LOG = Logger.getLogger(SignInLimiter.class);

    private final ReactiveRedisDataSource redis;
    private final int perAccount;
    private final int perAddress;
    private final Duration window;

    public SignInLimiter(ReactiveRedisDataSource redis, CustomerConfig config) {
        this.redis = redis;
        this.perAccount = config.signIn().maxAttemptsPerAccount();
        this.perAddress = config.signIn().maxAttemptsPerAddress();
        this.window = config.signIn().attemptWindow();
    }

    static String accountKey(String realm, String email) {
        // No valid email is longer; a longer one still counts, under its first characters.
        String account = email.length() > CustomerValidation.MAX_EMAIL ? email.substring(0, CustomerValidation.MAX_EMAIL) : email;
        return "sign-in-attempts:" + realm + ":{" + account + "}";
    }

    /** @param address the client as {@code CallerResolver.clientAddressKey()} names it ({@code ip:...}, {@code device:...}) */
    static String addressKey(String address) {
        return "sign-in-attempts:address:{" + address + "}";
    }

    /**
     * Counts an attempt; 0 when it is within both limits and may be checked, else the whole seconds until the
     * window that refused it ends.
     */
    public Uni<Long> tryAttempt(String realm, String email, String address) {
        return Uni.combine().all().unis(count(accountKey(realm, email), perAccount), count(addressKey(address), perAddress)).asTuple()
                .map(waits -> Math.max(waits.getItem1(), waits.getItem2()));
    }

    /**
     * Counts an attempt on the account only; 0 when within its limit, else the seconds to wait. For passwords
     * confirmed by someone already signed in (an erasure), where the address limit would only share sign-in's budget.
     */
    public Uni<Long> tryAccountAttempt(String realm, String account) {
        return count(accountKey(realm, account), perAccount);
    }

    /** Forgets the failed attempts on an account after it signed in. */
    public Uni<Void> succeeded(String realm, String email) {
        return redis.execute("DEL", accountKey(realm, email)).replaceWithVoid()
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("Could not reset sign-in attempts: %s", e.getMessage());
                    return null;
                });
    }

    public Duration window() {
        return window;
    }

    /** Counts an attempt under this key: 0 when within the limit, else the whole seconds until its window ends. */
    private Uni<Long> count(String key, int limit) {
        return redis.execute("INCR", key).chain(count -> {
            long n = count.toLong();
            if (n == 1) {
                return redis.execute("PEXPIRE", key, String.valueOf(window.toMillis())).replaceWith(0L);
            }
            if (n <= limit) {
                return Uni.createFrom().item(0L);
            }
            return redis.execute("PTTL", key).map(ttl -> Math.max(1, (Math.max(0, ttl.toLong()) + 999) / 1000));
        }).onFailure(e -> !(e instanceof ApiException)).transform(e -> {
            // Without the limiter, sign-in would be open to guessing: refuse rather than let it through.
            LOG.warnf(e, "Sign-in attempt limiter unavailable");
            return new ApiException(ErrorCode.INTERNAL, "Sign-in is unavailable; try again shortly");
        });
    }
}
