package com.omnichannel.gateway.order;

import java.util.List;

import com.omnichannel.gateway.cart.FulfilmentType;
import com.omnichannel.gateway.platform.security.Channel;

/**
 * An order as checkout places it: the header with its totals (minor units), the frozen lines in cart order, the
 * locations that ship it (one shipment each, in this order) and how many units of which line each one ships.
 * {@code tendered}: what store credit and gift cards paid of the total; the payment method pays the rest.
 */
public record NewOrder(String customerId, String email, Channel sourceChannel, List<Channel> cartChannels, String cartId,
        long cartVersion, FulfilmentType fulfilmentType, Long pickupLocationKey, OrderAddress shippingAddress,
        String curbsideNote, String currency, boolean pricesIncludeTax, long subtotal, long discount, long shipping,
        long tax, long total, long tendered, PaymentMethod paymentMethod, PaymentStatus paymentStatus, String paymentReference,
        String cardLast4, String idempotencyKey, String requestHash, List<Line> lines, List<Long> shipmentLocations,
        List<Allocation> allocations) {

    /** A line with its price frozen; {@code position} is its place in the cart. */
    public record Line(int position, long variantId, String sku, String productName, String variantTitle, int quantity,
            long unitPrice, long discount, long tax, long total, Channel channel) {
    }

    /** Units of the line at {@code linePosition} that the location ships. */
    public record Allocation(long locationKey, int linePosition, int quantity) {
    }
}
