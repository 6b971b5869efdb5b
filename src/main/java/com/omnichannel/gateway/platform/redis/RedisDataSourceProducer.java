package com.omnichannel.gateway.platform.redis;

import java.time.Duration;
import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.runtime.datasource.ReactiveRedisDataSourceImpl;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;

/**
 * The Redis data source every domain uses. Against a single Redis it is the one Quarkus configures from
 * {@code quarkus.redis.*}; against a Redis Cluster ({@code quarkus.redis.client-type=cluster}, the nodes in
 * {@code quarkus.redis.hosts}) it routes each command to its shard's master ({@link ClusterRouter}), so losing one
 * node affects only that shard's keys, and only until its replica is promoted.
 */
public class RedisDataSourceProducer {

    @Produces
    @Singleton
    @Alternative
    @Priority(1)
    ReactiveRedisDataSource dataSource(Vertx vertx, Instance<Redis> configuredClient, RedisConfig config,
            @ConfigProperty(name = "quarkus.redis.client-type", defaultValue = "standalone") String clientType,
            @ConfigProperty(name = "quarkus.redis.hosts") List<String> hosts,
            @ConfigProperty(name = "quarkus.redis.max-pool-size", defaultValue = "6") int maxPoolSize,
            @ConfigProperty(name = "quarkus.redis.max-pool-waiting", defaultValue = "24") int maxPoolWaiting,
            @ConfigProperty(name = "quarkus.redis.timeout", defaultValue = "10S") Duration timeout) {
        Redis client;
        if ("cluster".equalsIgnoreCase(clientType)) {
            client = Redis.newInstance(new ClusterRouter(vertx.getDelegate(), hosts,
                    ClusterRouter.nodeOptions(maxPoolSize, maxPoolWaiting, (int) config.connectTimeout().toMillis()),
                    timeout.toMillis(), config.slotsRefresh().toMillis()));
        } else {
            client = configuredClient.get();
        }
        return new ReactiveRedisDataSourceImpl(vertx, client, RedisAPI.api(client));
    }
}
