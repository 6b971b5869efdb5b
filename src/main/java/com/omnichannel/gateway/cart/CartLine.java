package com.omnichannel.gateway.cart;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.catalog.ProductVariant;
import com.omnichannel.gateway.platform.money.Money;
import com.omnichannel.gateway.platform.security.Channel;

/**
 * A cart line as the API shows it. Its money reads as an order line's: {@code unitPrice}, {@code subtotal} (before
 * discounts), {@code discount} and {@code total} (after discounts); the last two depend on the whole cart (promotions
 * look at every line), so the promotion domain resolves them from the line's {@link #cart()}.
 */
@Description("A variant and quantity in a cart; price and availability are read live from the catalog.")
public record CartLine(
        @Description("Opaque id of the line within its cart (lineId in cartLinesUpdate and cartLinesRemove).") @NonNull @Id String id,
        @Description("The variant; null when it was deleted from the catalog since it was added.") ProductVariant variant,
        @Description("Units of the variant, 1 to 999.") int quantity,
        @Deprecated @NonNull @Description("Deprecated: use channel (the name order lines use); removed in the next release.") Channel addedFrom,
        @NonNull @Description("The channel the line was added from, as OrderLine.channel.") Channel channel,
        @NonNull OffsetDateTime addedAt,
        @Description("Today's price of one unit; null when the variant is no longer sold.") Money unitPrice,
        @Description("Unit price times quantity, before discounts (as OrderLine.subtotal); null when the variant is no longer sold.") Money subtotal,
        @Deprecated @Description("Deprecated: use subtotal (the same amount, before discounts) or total (after discounts, as OrderLine.total); removed in the next release.") Money lineTotal,
        @Description("Units available for the cart's fulfilment: at the pickup store, or anywhere for shipping.") int available,
        @Description("Problems with this line (NOT_ENOUGH_STOCK, VARIANT_UNAVAILABLE); empty when none.") @NonNull List<@NonNull CartWarning> warnings,
        @Ignore Owner owner) {

    /** The cart this line is part of (as read through the same channel). */
    public Cart cart() {
        return owner.cart;
    }

    /**
     * The cart a line belongs to. Lines are built before their cart, so the cart is set once, right after; nothing
     * reads it before the cart is handed out.
     */
    static final class Owner {
        private Cart cart;

        void set(Cart cart) {
            this.cart = cart;
        }
    }
}
