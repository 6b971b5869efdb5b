package com.omnichannel.gateway.cart;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.platform.errors.ApiException;
import com.omnichannel.gateway.platform.errors.ErrorCode;
import com.omnichannel.gateway.platform.redis.LuaScript;

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

    private static final LuaScript MUTATE = LuaScript.fromResource("cart/mutate.lua");

    private final ReactiveRedisDataSource redis;

    public CartStore(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    static String handoffKey(String code) {
        return "cart-handoff:{" + code + "}";
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
        List<String> args = List.of(operation, expectedVersion == null ? "" : expectedVersion.toString(),
                now, channel, customerId == null ? "" : customerId, tokenHash == null ? "" : tokenHash,
                staff ? "1" : "0", payload, String.valueOf(maxQuantity), String.valueOf(maxLines), EVENTS_CHANNEL);
        return MUTATE.run(redis, List.of(cartKey(cartId)), args).map(r -> {
            String status = r.get(0).toString();
            if ("OK".equals(status)) {
                return new Outcome(StoredCart.fromJson(r.get(1).toString()), null, null);
            }
            return new Outcome(null, r.get(1).toString(), r.size() > 2 ? r.get(2).toString() : null);
        }).onFailure().transform(CartStore::unavailable);
    }

    /** Removes a cart and returns it, if the caller may use it; for merging it into another cart. */
    public Uni<Outcome> take(String cartId, String customerId, String tokenHash, boolean staff) {
        return mutate(cartId, "take", null, "", "", customerId, tokenHash, staff, "{}", 0, 0);
    }

    /** Makes the cart the customer's active one. */
    public Uni<Void> activate(String customerId, String cartId, long ttlSeconds) {
        return redis.execute("SET", customerKey(customerId), cartId, "EX", String.valueOf(ttlSeconds)).replaceWithVoid()
                .onFailure().transform(CartStore::unavailable);
    }

    /** Keeps a customer's active-cart pointer alive as long as the cart it points to. */
    public Uni<Void> touchActive(String customerId, long ttlSeconds) {
        return redis.execute("EXPIRE", customerKey(customerId), String.valueOf(ttlSeconds)).replaceWithVoid()
                .onFailure().transform(CartStore::unavailable);
    }

    /** Removes a customer's active cart (if it is theirs) and the pointer to it. */
    public Uni<Void> dropCustomerCart(String customerId) {
        return activeCartId(customerId).chain(cartId -> {
            Uni<Void> cart = cartId == null ? Uni.createFrom().voidItem()
                    : find(cartId).chain(stored -> stored == null || !customerId.equals(stored.customerId())
                            ? Uni.createFrom().voidItem()
                            : redis.execute("DEL", cartKey(cartId)).replaceWithVoid());
            return cart.chain(() -> redis.execute("DEL", customerKey(customerId)).replaceWithVoid());
        }).onFailure().transform(CartStore::unavailable);
    }

    /** Stores a cart under its id, replacing what is there (after a take). */
    public Uni<StoredCart> put(StoredCart cart) {
        return redis.execute("SET", cartKey(cart.id()), cart.toJson(), "EX", String.valueOf(cart.ttlSeconds()))
                .replaceWith(cart).onFailure().transform(CartStore::unavailable);
    }

    /** Registers a hand-off code for a cart unless the code is taken; returns whether it was free. */
    public Uni<Boolean> createHandoff(String code, String cartId, long ttlSeconds) {
        return redis.execute("SET", handoffKey(code), cartId, "EX", String.valueOf(ttlSeconds), "NX")
                .map(r -> r != null).onFailure().transform(CartStore::unavailable);
    }

    /** Uses a hand-off code: returns its cart id and deletes the code, so it works once. */
    public Uni<String> claimHandoff(String code) {
        return redis.execute("GETDEL", handoffKey(code)).map(r -> r == null ? null : r.toString())
                .onFailure().transform(CartStore::unavailable);
    }

    static Throwable unavailable(Throwable cause) {
        if (cause instanceof ApiException) {
            return cause;
        }
        LOG.warnf(cause, "Cart store call failed");
        return new ApiException(ErrorCode.CART_STORE_UNAVAILABLE, "The cart store is unavailable; try again shortly");
    }
}
