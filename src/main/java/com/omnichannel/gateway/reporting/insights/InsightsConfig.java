package com.omnichannel.gateway.reporting.insights;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Channel insights: the longest window a report accepts, and the writer of cart facts. */
@ConfigMapping(prefix = "app.insights")
public interface InsightsConfig {

    @WithDefault("P400D")
    Duration maxWindow();

    CartActivity cartActivity();

    /** Cart creations are queued and written in batches; beyond the buffer they are dropped and counted. */
    interface CartActivity {
        @WithDefault("500")
        long flushIntervalMillis();

        @WithDefault("50000")
        int bufferCapacity();
    }
}
