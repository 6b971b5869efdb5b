package com.omnichannel.gateway.cart;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.customer.CustomerErasures;
import com.omnichannel.gateway.platform.errors.ApiException;
import com.omnichannel.gateway.platform.errors.UserError;
import com.omnichannel.gateway.platform.ratelimit.RateLimiter;
import com.omnichannel.gateway.platform.security.Caller;
import com.omnichannel.gateway.platform.security.Channel;

import io.smallrye.mutiny.Uni;

/**
 * The kiosk-to-phone hand-off: a short code (and a link for the phone's camera) that moves a cart to another device
 * once, and what the move does to the cart's price where discounts are limited to channels.
 */
@ApplicationScoped
public class CartHandoffs {

    /** Failed and successful claims alike count, per client, within the window. */
    static final int MAX_HANDOFF_ATTEMPTS = 10;
    static final Duration HANDOFF_ATTEMPT_WINDOW = Duration.ofMinutes(15);
    /** Rate-limit action of hand-off claims; also the prefix of its Redis counters. */
    static final String HANDOFF_CLAIM_ACTION = "cart-handoff-attempts";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CartStore store;
    private final CartService carts;
    private final CartViews views;
    private final CustomerErasures erasures;
    private final CartChannelPricing pricing;
    private final RateLimiter limiter;
    private final RateLimiter.Limit handoffClaims;
    private final Duration handoffTtl;
    private final HandoffLink link;

    CartHandoffs(CartStore store, CartService carts, CartViews views, CustomerErasures erasures, CartChannelPricing pricing,
            RateLimiter limiter, CartConfig config) {
        this.store = store;
        this.carts = carts;
        this.views = views;
        this.erasures = erasures;
        this.pricing = pricing;
        this.limiter = limiter;
        this.handoffClaims = limiter.limit(HANDOFF_CLAIM_ACTION, MAX_HANDOFF_ATTEMPTS, HANDOFF_ATTEMPT_WINDOW);
        this.handoffTtl = config.handoffTtl();
        this.link = HandoffLink.of(config.handoffLinkTemplate());
    }

    /**
     * A code for the cart, and a warning for every discount that will not hold on the receiving channel (a coupon
     * only for kiosks stops applying on the phone).
     */
    public Uni<CartHandoffPayload> create(Caller caller, String cartToken, CartInputs.HandoffCreate input) {
        String id = CartService.cartId(input.cartId());
        Channel receiving = input.receivingChannel() == null ? Channel.MOBILE : input.receivingChannel();
        return store.find(id).chain(stored -> {
            if (stored == null) {
                throw ApiException.notFound("No cart with this id (it may have expired)");
            }
            CartService.requireAccess(caller, cartToken, stored);
            return Uni.combine().all().unis(registerHandoff(id, 0), priceChange(stored, caller.channel(), receiving)).asTuple()
                    .map(t -> new CartHandoffPayload(t.getItem1(), t.getItem2(), List.of()));
        });
    }

    private Uni<CartHandoff> registerHandoff(String cartId, int attempt) {
        if (attempt == 5) {
            throw new IllegalStateException("No free hand-off code after 5 attempts");
        }
        String code = HandoffCode.generate(RANDOM);
        return store.createHandoff(code, cartId, handoffTtl.toSeconds()).chain(free -> free
                ? Uni.createFrom().item(new CartHandoff(HandoffCode.display(code), link.forCode(code),
                        OffsetDateTime.now(ZoneOffset.UTC).plus(handoffTtl)))
                : registerHandoff(cartId, attempt + 1));
    }

    /**
     * Gives the caller the cart behind a hand-off code: a signed-in customer gets it merged into their active cart,
     * anyone else gets the cart with a new cart token (the old one, e.g. the kiosk's, stops working). The answer says
     * what the move did to the handed cart's price.
     */
    public Uni<CartHandoffClaimPayload> claim(Caller caller, String client, CartInputs.HandoffClaim input) {
        // Counted in the carts' Redis: when it is down, so are carts, and the claim fails the same way.
        Uni<RateLimiter.Decision> attempt = erasures.requireNotErased(caller)
                .chain(() -> limiter.hit(handoffClaims, client)).onFailure().transform(CartStore::unavailable);
        return attempt.chain(decision -> {
            if (!decision.allowed()) {
                return failed("HANDOFF_ATTEMPTS_EXCEEDED", "Too many attempts; wait a few minutes and try again");
            }
            String code = HandoffCode.normalize(input.code());
            Uni<String> cartId = code == null ? Uni.createFrom().nullItem() : store.claimHandoff(code);
            return cartId.chain(id -> {
                if (id == null) {
                    return failed("HANDOFF_CODE_INVALID", "This code is unknown, expired or already used");
                }
                // The code is the proof of access: it was issued to someone who could use the cart.
                return store.take(id, null, null, true).chain(taken -> {
                    if (taken.cart() == null) {
                        return failed("HANDOFF_CODE_INVALID", "The cart of this code has expired");
                    }
                    Channel from = taken.cart().lastChannel() == null ? caller.channel() : Channel.valueOf(taken.cart().lastChannel());
                    // The cart is out of the store now: given to the caller first, so nothing after can lose it.
                    return carts.handOver(caller, taken.cart()).chain(handed -> priceChange(taken.cart(), from, caller.channel())
                            .map(change -> new CartHandoffClaimPayload(handed.cart(), handed.cartToken(), change, List.of())));
                });
            });
        });
    }

    /** The stored cart's discounts read through both channels, compared. */
    private Uni<CartPriceChange> priceChange(StoredCart stored, Channel from, Channel to) {
        return views.of(stored, from).chain(before -> pricing.compare(before, CartViews.readThrough(before, to)));
    }

    private static Uni<CartHandoffClaimPayload> failed(String code, String message) {
        return Uni.createFrom().item(new CartHandoffClaimPayload(null, null, null, List.of(UserError.of(code, message, "input", "code"))));
    }
}
