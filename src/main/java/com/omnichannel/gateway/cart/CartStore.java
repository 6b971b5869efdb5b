package com.omnichannel.gateway.cart;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.common.error.ApiException;
import com.omnichannel.gateway.common.error.ErrorCode;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * Carts in Redis. Each cart is one JSON value under {@code cart:{id}} (the braces are a Redis Cluster hash tag,
 * so everything about one cart lives in one slot); a customer's active cart is found through
 * {@code customer-cart:{customerId}}. Every change runs as one Lua script, so concurrent edits from several
 * devices are applied one after another and none is lost.
 */
@ApplicationScoped
public class CartStore {

    static final String EVENTS_CHANNEL = "cart-events";
    private static final Logger LOG = Logger.getLogger(CartStore.class);

    private final ReactiveRedisDataSource redis;
    private final String mutateScript;
    private volatile String mutateSha;

    public CartStore(ReactiveRedisDataSource redis) {
        this.redis = redis;
        this.mutateScript = resource("cart/mutate.lua");
    }

    static String cartKey(String cartId) {
        return "cart:{" + cartId + "}";
    }

    static String customerKey(String customerId) {
        return "customer-cart:{" + customerId + "}";
    }

    public Uni<StoredCart> find(String cartId) {
        return redis.execute("GET", cartKey(cartId))
                .map(r -> r == null ? null : StoredCart.fromJson(r.toString()))
                .onFailure().transform(CartStore::unavailable);
    }

    public Uni<String> activeCartId(String customerId) {
        return redis.execute("GET", customerKey(customerId)).map(r -> r == null ? null : r.toString())
                .onFailure().transform(CartStore::unavailable);
    }

    /** Stores a new cart and, for customers, makes it their active cart. */
    public Uni<StoredCart> create(StoredCart cart) {
        Uni<Response> stored = redis.execute("SET", cartKey(cart.id()), cart.toJson(), "EX",
                String.valueOf(cart.ttlSeconds()), "NX");
        if (!cart.customerId().isEmpty()) {
            stored = stored.chain(() -> redis.execute("SET", customerKey(cart.customerId()), cart.id(), "EX",
                    String.valueOf(cart.ttlSeconds())));
        }
        return stored.replaceWith(cart).onFailure().transform(CartStore::unavailable);
    }

    /** The outcome of a change: the cart after it, or the rule that refused it (with a detail). */
    public record Outcome(StoredCart cart, String refusal, String detail) {
    }

    public Uni<Outcome> mutate(String cartId, String operation, Long expectedVersion, String now, String channel,
            String customerId, String tokenHash, boolean staff, String payload, int maxQuantity, int maxLines) {
        List<String> args = List.of(cartKey(cartId), operation, expectedVersion == null ? "" : expectedVersion.toString(),
                now, channel, customerId == null ? "" : customerId, tokenHash == null ? "" : tokenHash,
                staff ? "1" : "0", payload, String.valueOf(maxQuantity), String.valueOf(maxLines), EVENTS_CHANNEL);
        return evalMutate(args).map(r -> {
            String status = r.get(0).toString();
            if ("OK".equals(status)) {
                return new Outcome(StoredCart.fromJson(r.get(1).toString()), null, null);
            }
            return new Outcome(null, r.get(1).toString(), r.size() > 2 ? r.get(2).toString() : null);
        }).onFailure().transform(CartStore::unavailable);
    }

    private Uni<Response> evalMutate(List<String> keyAndArgs) {
        String sha = mutateSha;
        if (sha == null) {
            return redis.execute("SCRIPT", "LOAD", mutateScript).chain(loaded -> {
                mutateSha = loaded.toString();
                return evalMutate(keyAndArgs);
            });
        }
        String[] command = new String[keyAndArgs.size() + 2];
        command[0] = sha;
        command[1] = "1";
        for (int i = 0; i < keyAndArgs.size(); i++) {
            command[i + 2] = keyAndArgs.get(i);
        }
        return redis.execute("EVALSHA", command).onFailure(e -> String.valueOf(e.getMessage()).contains("NOSCRIPT"))
                .recoverWithUni(() -> {
                    // Redis restarted and lost its script cache: load again once.
                    mutateSha = null;
                    return evalMutate(keyAndArgs);
                });
    }

    private static Throwable unavailable(Throwable cause) {
        if (cause instanceof ApiException) {
            return cause;
        }
        LOG.warnf(cause, "Cart store call failed");
        return new ApiException(ErrorCode.CART_STORE_UNAVAILABLE, "The cart store is unavailable; try again shortly");
    }

    private static String resource(String path) {
        try (InputStream in = CartStore.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + path, e);
        }
    }
}
