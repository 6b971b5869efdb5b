package com.omnichannel.gateway.cart;

import io.smallrye.mutiny.Uni;

/**
 * What happens to a cart's price when it moves to another channel: promotions and coupons may be limited to
 * channels, so a cart handed from a kiosk to a phone can lose a discount. The promotions domain implements it;
 * {@link NoCartChannelPricing} stands in without one.
 */
public interface CartChannelPricing {

    /**
     * The discounts of one cart read through two channels, compared.
     *
     * @param before the cart as read through the channel it leaves
     * @param after  the same cart as read through the channel it goes to
     */
    Uni<CartPriceChange> compare(Cart before, Cart after);
}
