package com.omnichannel.gateway.platform.redis;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * Redis in the readiness report, without taking the pod out of rotation: catalog, stores, stock, orders and
 * sign-in do not need Redis, and Redis is shared by every pod, so a Redis outage would take every pod out at once
 * and the whole API with it. The check is therefore always UP; its data says {@code redis: DEGRADED} when Redis
 * does not answer (cart operations then answer {@code CART_STORE_UNAVAILABLE}) and whether pub/sub is subscribed,
 * for dashboards and alerts.
 */
@Readiness
@ApplicationScoped
public class RedisHealth implements AsyncHealthCheck {

    static final String NAME = "Redis (degraded does not take the pod out of rotation)";
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(1);

    private final ReactiveRedisDataSource redis;
    private final PubSubRelay relay;

    public RedisHealth(ReactiveRedisDataSource redis, PubSubRelay relay) {
        this.redis = redis;
        this.relay = relay;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return redis.execute("PING").ifNoItem().after(PING_TIMEOUT).fail()
                .map(pong -> "UP").onFailure().recoverWithItem("DEGRADED")
                .map(state -> HealthCheckResponse.named(NAME).up().withData("redis", state)
                        .withData("pubsub", relay.subscribed() ? "SUBSCRIBED" : "SUBSCRIBING").build());
    }
}
