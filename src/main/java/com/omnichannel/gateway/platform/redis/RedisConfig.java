package com.omnichannel.gateway.platform.redis;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How the service talks to a Redis Cluster ({@code quarkus.redis.client-type=cluster}); a single Redis ignores
 * these.
 */
@ConfigMapping(prefix = "app.redis.cluster")
public interface RedisConfig {

    /** How often the slot map is read again when nothing failed (a failure reads it again at once). */
    @WithDefault("PT5S")
    Duration slotsRefresh();

    /** How long connecting to a node may take before that node counts as down. */
    @WithDefault("PT1S")
    Duration connectTimeout();
}
