package com.omnichannel.gateway.promotion;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.security.Channel;

/** The inputs of the promotion mutations. */
public final class PromotionInputs {

    private PromotionInputs() {
    }

    @Description("A new promotion: a coupon with a code, or automatic without.")
    @Input("PromotionCreateInput")
    public record Create(
            @Description("Name shown to shoppers.") @NonNull String name,
            @Description("A coupon code (3 to 32 letters, digits, dashes; case does not matter); leave out for an automatic promotion.") String code,
            @Description("PERCENTAGE (percentOff), FIXED_AMOUNT (amountOff) or FREE_SHIPPING.") @NonNull PromotionKind kind,
            @Description("PERCENTAGE: percent off, more than 0 and at most 100, e.g. \"15\".") String percentOff,
            @Description("FIXED_AMOUNT: decimal amount off, e.g. \"5.00\".") String amountOff,
            @Description("Decimal cart subtotal from which it applies.") String minSubtotal,
            @Description("Only these products (Product.id); leave out for all.") @Id List<String> productIds,
            @Description("Only products in these categories (Category.id); leave out for all.") @Id List<String> categoryIds,
            @Description("Only for customers of these loyalty tiers; leave out for everyone.") List<String> customerTiers,
            @Description("Only in these channels; leave out for all.") List<Channel> channels,
            OffsetDateTime startsAt,
            OffsetDateTime endsAt,
            @Description("How often it may be used in all; leave out for no limit.") Integer usageLimit,
            @Description("How often one customer may use it; leave out for no limit.") Integer perCustomerLimit) {
    }

    @Input("PromotionUpdateInput")
    @Description("Fields left out keep their value.")
    public record Update(
            @Description("The promotion (Promotion.id).") @NonNull @Id String id,
            @Description("New name; leave out to keep.") String name,
            @Description("New kind; leave out to keep.") PromotionKind kind,
            @Description("New percentage, e.g. 20; leave out to keep.") String percentOff,
            @Description("New amount off, decimal; leave out to keep.") String amountOff,
            @Description("New minimum subtotal, decimal; leave out to keep.") String minSubtotal,
            @Description("New products; leave out to keep.") @Id List<String> productIds,
            @Description("New categories; leave out to keep.") @Id List<String> categoryIds,
            @Description("New tiers; leave out to keep.") List<String> customerTiers,
            @Description("New channels; leave out to keep.") List<Channel> channels,
            OffsetDateTime startsAt,
            OffsetDateTime endsAt,
            @Description("New usage limit; leave out to keep.") Integer usageLimit,
            @Description("New per-customer limit; leave out to keep.") Integer perCustomerLimit) {
    }

    @Description("A promotion to pause or resume.")
    @Input("PromotionPauseInput")
    public record Pause(
            @Description("The promotion (Promotion.id).") @NonNull @Id String id,
            @Description("true pauses, false resumes.") boolean paused) {
    }

    @Description("A coupon code for a cart.")
    @Input("CartCouponApplyInput")
    public record CouponApply(
            @Description("The cart (Cart.id).") @NonNull @Id String cartId,
            @Description("The coupon code as typed; case does not matter.") @NonNull String code,
            @Description("The cart version the shopper last saw (Cart.version): the change is refused with CART_VERSION_CONFLICT when the cart changed since. Leave out to apply it anyway.") Long expectedVersion) {
    }

    @Description("The cart to take the coupon off.")
    @Input("CartCouponRemoveInput")
    public record CouponRemove(
            @Description("The cart (Cart.id).") @NonNull @Id String cartId,
            @Description("The cart version the shopper last saw (Cart.version): the change is refused with CART_VERSION_CONFLICT when the cart changed since. Leave out to apply it anyway.") Long expectedVersion) {
    }
}
