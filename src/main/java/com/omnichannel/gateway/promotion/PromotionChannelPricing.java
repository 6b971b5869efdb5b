package com.omnichannel.gateway.promotion;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.cart.Cart;
import com.omnichannel.gateway.cart.CartChannelPricing;
import com.omnichannel.gateway.cart.CartPriceChange;
import com.omnichannel.gateway.cart.PriceChangeWarningCode;
import com.omnichannel.gateway.platform.money.Money;

import io.smallrye.mutiny.Uni;

/**
 * A cart's discounts on the channel it leaves and on the one it goes to, compared discount by discount: every
 * promotion or coupon that takes less (or nothing) on the receiving channel is a warning.
 */
@ApplicationScoped
public class PromotionChannelPricing implements CartChannelPricing {

    private final PromotionService promotions;

    public PromotionChannelPricing(PromotionService promotions) {
        this.promotions = promotions;
    }

    @Override
    public Uni<CartPriceChange> compare(Cart before, Cart after) {
        return promotions.cartDiscounts(List.of(before, after)).map(discounts -> {
            CartDiscounts was = discounts.get(0);
            CartDiscounts will = discounts.get(1);
            List<CartPriceChange.Warning> warnings = new ArrayList<>();
            for (AppliedDiscount discount : was.applied()) {
                AppliedDiscount kept = will.applied().stream().filter(d -> same(d, discount)).findFirst().orElse(null);
                long keptMinor = kept == null ? 0 : kept.amount().minorUnits();
                boolean shippingLost = discount.freeShipping() && (kept == null || !kept.freeShipping());
                if (keptMinor < discount.amount().minorUnits() || shippingLost) {
                    warnings.add(warning(discount, Money.ofMinor(keptMinor, discount.amount().currencyCode()), after));
                }
            }
            return new CartPriceChange(before.readThrough(), after.readThrough(), warnings, was.subtotalAfterDiscounts(),
                    will.subtotalAfterDiscounts());
        });
    }

    private static boolean same(AppliedDiscount a, AppliedDiscount b) {
        return a.kind().equals(b.kind()) && Objects.equals(a.code(), b.code()) && a.description().equals(b.description());
    }

    private static CartPriceChange.Warning warning(AppliedDiscount discount, Money after, Cart cart) {
        String channel = cart.readThrough().name();
        if (discount.code() != null) {
            return new CartPriceChange.Warning(PriceChangeWarningCode.COUPON_NOT_VALID_ON_CHANNEL, "Coupon " + discount.code() + " (" + discount.description()
                    + ") does not apply on " + channel, discount.code(), discount.description(), discount.amount(), after);
        }
        return new CartPriceChange.Warning(PriceChangeWarningCode.PROMOTION_NOT_VALID_ON_CHANNEL, "The promotion \"" + discount.description()
                + "\" does not apply on " + channel, null, discount.description(), discount.amount(), after);
    }
}
