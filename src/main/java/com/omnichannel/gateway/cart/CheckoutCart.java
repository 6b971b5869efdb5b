package com.omnichannel.gateway.cart;

import java.util.List;

import com.omnichannel.gateway.platform.security.Channel;

/**
 * A cart as checkout needs it: lines (variant and quantity; prices are taken from the catalog at checkout), who
 * owns it, the channels that touched it and the version the order is taken from.
 *
 * @param customerId the owning customer, or null for an anonymous cart
 * @param couponCode the coupon applied to the cart, or null
 * @param pickupStoreId the pickup store the cart chose, or null
 * @param pickupSlotId the pickup slot the cart chose at that store, or null
 */
public record CheckoutCart(String id, String customerId, long version, List<Line> lines, List<Channel> channels,
        String couponCode, String pickupStoreId, String pickupSlotId) {

    public record Line(String lineId, long variantKey, int quantity, Channel channel) {
    }
}
