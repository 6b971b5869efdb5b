package com.omnichannel.gateway.cart;

import java.time.OffsetDateTime;

import com.omnichannel.gateway.platform.security.Channel;

/**
 * A CDI event fired when a cart is created (anonymous or a customer's), for whoever keeps facts about carts in the
 * database (channel insights). Observers must return at once: the event is fired on the request path.
 *
 * @param customerId the creating customer's id (token subject), or null for an anonymous cart
 * @param storeKey   the kiosk's store for carts created at a kiosk, else null
 */
public record CartCreated(String cartId, Channel channel, String customerId, Long storeKey, OffsetDateTime createdAt) {
}
