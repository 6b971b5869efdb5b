package com.omnichannel.gateway.integration;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Webhook delivery: who may be a target, how often and how long deliveries are tried, when a receiver is paused. */
@ConfigMapping(prefix = "app.webhooks")
public interface WebhookConfig {

    /** Whether this instance delivers at all (every instance may; each delivery is sent by one at a time). */
    @WithDefault("true")
    boolean deliveryEnabled();

    /** Plain http:// targets are refused unless this is true (development only). */
    @WithDefault("false")
    boolean allowHttp();

    /**
     * Hosts or IP addresses that may be targets although they resolve to loopback, private, link-local or other
     * internal addresses (development and tests). Empty in production.
     */
    Optional<List<String>> allowedHosts();

    /** How often each instance looks for due deliveries. */
    @WithDefault("PT1S")
    Duration pollInterval();

    /** Most deliveries one instance claims per look. */
    @WithDefault("20")
    int batchSize();

    /** How long a claimed delivery is the claiming instance's; one that died leaves it to be sent again after this. */
    @WithDefault("PT60S")
    Duration lease();

    /** How long a receiver may take to answer before the attempt counts as failed. */
    @WithDefault("PT10S")
    Duration requestTimeout();

    /** The wait after the first failed attempt; it doubles with each further failure (with jitter). */
    @WithDefault("PT10S")
    Duration retryInitialDelay();

    /** The longest wait between two attempts. */
    @WithDefault("PT1H")
    Duration retryMaxDelay();

    /** A delivery still failing this long after its event is given up (status FAILED; it can be retried by hand). */
    @WithDefault("PT24H")
    Duration maxAge();

    /** A subscription whose deliveries failed this many times in a row is paused, with the last failure as reason. */
    @WithDefault("20")
    int pauseAfterFailures();

    /**
     * How long a coalescing event (e.g. stock.level_changed) waits before it is sent: changes of one stock level within
     * it become one event with the latest levels.
     */
    @WithDefault("PT5S")
    Duration coalesceWindow();
}
