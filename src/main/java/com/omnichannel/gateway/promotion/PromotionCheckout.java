package com.omnichannel.gateway.promotion;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.platform.security.Caller;
import com.omnichannel.gateway.checkout.CheckoutDiscounts;
import com.omnichannel.gateway.checkout.CheckoutParticipant;

import io.smallrye.mutiny.Uni;

/**
 * Promotions at checkout: the discounts of the cart's coupon, automatic promotions and redeemed loyalty points
 * (before the order transaction), then usage counted and the discounts frozen on the order (inside it).
 */
@ApplicationScoped
public class PromotionCheckout implements CheckoutDiscounts, CheckoutParticipant {

    private final PromotionService promotions;

    public PromotionCheckout(PromotionService promotions) {
        this.promotions = promotions;
    }

    @Override
    public Uni<Applied> apply(Context context) {
        return promotions.checkoutDiscounts(context);
    }

    @Override
    public Uni<Void> orderPlaced(Db.Tx tx, Caller caller, PlacedOrder order) {
        return promotions.orderPlaced(tx, order);
    }
}
