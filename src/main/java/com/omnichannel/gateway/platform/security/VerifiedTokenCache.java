package com.omnichannel.gateway.platform.security;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Tokens whose signature and claims were verified, by their exact text, so a client that sends the same access
 * token for its whole life has it parsed and its signature checked once rather than on every request.
 * <p>
 * Only verified tokens are put here (a token that fails is verified afresh each time it comes), so invalid input
 * cannot fill it. An entry is served only while the token is still valid by the rules it was verified by: before
 * {@code exp} plus the clock skew smallrye-jwt allows, and before {@code iat} plus the token age limit when one is
 * configured. It is also dropped after {@code maxAge}, so new verification keys (a rotated JWKS) apply to every
 * token within that time. The number of entries is bounded: when full, expired entries go first and then an
 * arbitrary tenth (hash order), so a burst of new tokens costs one sweep per tenth of the capacity, not one per
 * token. Reads and writes are lock-free map operations; one thread at a time sweeps.
 */
public final class VerifiedTokenCache {

    private record Entry(JsonWebToken token, long validUntilMillis, long storedAtMillis) {
    }

    private final int maxEntries;
    private final long maxAgeMillis;
    private final long clockSkewSeconds;
    private final Long tokenAgeSeconds;
    private final LongSupplier clockMillis;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicBoolean sweeping = new AtomicBoolean();

    /**
     * @param maxEntries       most tokens kept; zero or less keeps none
     * @param maxAge           longest an entry is served after the token was verified
     * @param clockSkewSeconds the skew smallrye-jwt allows past {@code exp} (and past the token age)
     * @param tokenAgeSeconds  the configured limit on the time since {@code iat}, or null for none
     * @param clockMillis      the current time in epoch milliseconds
     */
    public VerifiedTokenCache(int maxEntries, Duration maxAge, long clockSkewSeconds, Long tokenAgeSeconds,
            LongSupplier clockMillis) {
        this.maxEntries = maxEntries;
        this.maxAgeMillis = maxAge.toMillis();
        this.clockSkewSeconds = clockSkewSeconds;
        this.tokenAgeSeconds = tokenAgeSeconds;
        this.clockMillis = clockMillis;
    }

    /** The verified token with exactly this text while it is still valid, or null. */
    public JsonWebToken get(String rawToken) {
        Entry entry = entries.get(rawToken);
        if (entry == null) {
            return null;
        }
        if (!servable(entry, clockMillis.getAsLong())) {
            entries.remove(rawToken, entry);
            return null;
        }
        return entry.token();
    }

    /** Remembers a token that was just verified (never one that failed), unless it is valid for no time left. */
    public void put(String rawToken, JsonWebToken verified) {
        if (maxEntries <= 0) {
            return;
        }
        long now = clockMillis.getAsLong();
        Entry entry = new Entry(verified, validUntilMillis(verified), now);
        if (!servable(entry, now)) {
            return;
        }
        // While another thread sweeps, a full cache takes no new token rather than growing past its bound.
        if (entries.size() >= maxEntries && !sweep(now)) {
            return;
        }
        entries.put(rawToken, entry);
    }

    public int size() {
        return entries.size();
    }

    private boolean servable(Entry entry, long now) {
        return now < entry.validUntilMillis() && now >= entry.storedAtMillis() && now - entry.storedAtMillis() < maxAgeMillis;
    }

    /** The instant the token stops being accepted by the rules smallrye-jwt verified it by (no later). */
    private long validUntilMillis(JsonWebToken token) {
        long exp = epochSeconds(token, Claims.exp);
        long iat = epochSeconds(token, Claims.iat);
        if (exp <= 0 || (tokenAgeSeconds != null && iat <= 0)) {
            // Nothing to re-check the validity by (verification normally requires it): verified afresh every time.
            return Long.MIN_VALUE;
        }
        long until = (exp + clockSkewSeconds) * 1000;
        if (tokenAgeSeconds != null) {
            until = Math.min(until, (iat + tokenAgeSeconds + clockSkewSeconds) * 1000);
        }
        return until;
    }

    private static long epochSeconds(JsonWebToken token, Claims claim) {
        return token.getClaim(claim.name()) instanceof Number seconds ? seconds.longValue() : 0;
    }

    /** Removes the entries no longer served, then others until a tenth of the capacity is free; false when busy. */
    private boolean sweep(long now) {
        if (!sweeping.compareAndSet(false, true)) {
            return false;
        }
        try {
            int target = maxEntries - Math.max(1, maxEntries / 10);
            entries.values().removeIf(entry -> !servable(entry, now));
            Iterator<Entry> arbitrary = entries.values().iterator();
            while (entries.size() > target && arbitrary.hasNext()) {
                arbitrary.next();
                arbitrary.remove();
            }
            return true;
        } finally {
            sweeping.set(false);
        }
    }
}
