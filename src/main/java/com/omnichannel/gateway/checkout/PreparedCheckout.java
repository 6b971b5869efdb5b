package com.omnichannel.gateway.checkout;

import java.util.List;
import java.util.Map;

import com.omnichannel.gateway.cart.CheckoutCart;
import com.omnichannel.gateway.catalog.ProductVariant;
import com.omnichannel.gateway.order.OrderAddress;
import com.omnichannel.gateway.store.Location;
import com.omnichannel.gateway.store.PickupSlotId;

/**
 * What checkout settled before its transaction: the cart, its variants as sold now (in cart line order) with their
 * product names, the totals, where the order goes (with the pickup slot to book, or null), and the discounts applied.
 */
record PreparedCheckout(CheckoutCart cart, List<ProductVariant> variants, Map<Long, String> productNames,
        CheckoutPricing.Totals totals, Location pickupStore, PickupSlotId pickupSlot, OrderAddress address, String email,
        CheckoutDiscounts.Applied discounts) {

    Long pickupKey() {
        return pickupStore == null ? null : pickupStore.key();
    }
}
