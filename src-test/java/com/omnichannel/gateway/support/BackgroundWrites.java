package com.omnichannel.gateway.support;

import java.time.Duration;

import com.omnichannel.gateway.customer.CustomerActivity;
import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.reporting.insights.CartActivityRecorder;

import io.quarkus.arc.Arc;

/**
 * Activity events and cart facts are queued and written in the background every few hundred milliseconds. Tests
 * that count the SQL statements of a request let what earlier requests queued land first, so those writes are not
 * counted against the request measured; then they wait until no statement has been sent for a moment.
 */
public final class BackgroundWrites {

    private BackgroundWrites() {
    }

    public static void settle() {
        Arc.container().instance(CustomerActivity.class).get().flush().await().atMost(Duration.ofSeconds(10));
        Arc.container().instance(CartActivityRecorder.class).get().flush().await().atMost(Duration.ofSeconds(10));
        try {
            // A flush the timer had already started finishes on its own; give it the time to.
            Thread.sleep(300);
            // Then whatever else earlier requests set going (a cache reloading after a change event): wait until no
            // statement was sent for 300 ms, at most 5 s.
            Db db = Arc.container().instance(Db.class).get();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            long seen = db.statementCount();
            while (System.nanoTime() < deadline) {
                Thread.sleep(300);
                long now = db.statementCount();
                if (now == seen) {
                    return;
                }
                seen = now;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
