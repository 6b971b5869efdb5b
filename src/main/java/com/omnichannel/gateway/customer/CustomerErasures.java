package com.omnichannel.gateway.customer;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;


import com.omnichannel.gateway.platform.errors.ApiException;
import com.omnichannel.gateway.platform.errors.ErrorCode;
import com.omnichannel.gateway.platform.security.Caller;
import com.omnichannel.gateway.platform.security.Role;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;

/**
 * Remembers erased customers for as long as an access token issued to them may still be valid, so that the paths
 * which would store new data about the person (a customer cart, an order) refuse such a token. Reads need no such
 * check: they find nothing of an erased customer. One Redis key per erasure, {@code erased-customer:{id}}, expiring
 * with the longest access-token lifetime; checking costs one Redis round trip, for customer callers only.
 */
@ApplicationScoped
public class CustomerErasures {

    private final ReactiveRedisDataSource redis;
    private final Duration remembered;

    public CustomerErasures(ReactiveRedisDataSource redis, CustomerConfig config) {
        this.redis = redis;
        Duration accessTokens = config.accessTokenLifetime();
        Duration kioskSessions = config.kioskSessionLifetime();
        this.remembered = (accessTokens.compareTo(kioskSessions) >= 0 ? accessTokens : kioskSessions).plusMinutes(1);
    }

    static String key(String customerId) {
        return "erased-customer:{" + customerId + "}";
    }

    Uni<Void> remember(String customerId) {
        return redis.execute("SET", key(customerId), "1", "EX", String.valueOf(remembered.toSeconds())).replaceWithVoid();
    }

    /** Fails with UNAUTHENTICATED when the caller is a customer whose account has been erased. */
    public Uni<Void> requireNotErased(Caller caller) {
        if (caller == null || !caller.hasRole(Role.CUSTOMER) || caller.subject() == null) {
            return Uni.createFrom().voidItem();
        }
        return redis.execute("EXISTS", key(caller.subject())).map(r -> {
            if (r != null && r.toInteger() > 0) {
                throw new ApiException(ErrorCode.UNAUTHENTICATED, "This account has been deleted");
            }
            return null;
        }).replaceWithVoid();
    }
}
