package com.omnichannel.gateway.integration;

import java.time.Duration;

/**
 * When a failed delivery is tried again: the initial delay doubled per failed attempt, capped, with up to 20%
 * taken off at random so that receivers coming back after an outage are not hit by every delivery at once.
 */
record RetrySchedule(Duration initialDelay, Duration maxDelay) {

    /**
     * @param failedAttempts attempts made so far, all failed (1 after the first failure)
     * @param random         a number in [0, 1)
     */
    Duration delayAfter(int failedAttempts, double random) {
        long initial = initialDelay.toMillis();
        long max = maxDelay.toMillis();
        int doublings = Math.min(Math.max(failedAttempts - 1, 0), 40);
        long delay = initial;
        for (int i = 0; i < doublings && delay < max; i++) {
            delay *= 2;
        }
        delay = Math.min(delay, max);
        return Duration.ofMillis(Math.max(1, Math.round(delay * (1 - 0.2 * random))));
    }
}
