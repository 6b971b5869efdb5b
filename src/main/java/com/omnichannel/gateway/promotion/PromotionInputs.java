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

    @Input("PromotionCreateInput")
    public record Create(@NonNull String name,
            @Description("A coupon code (3 to 32 letters, digits, dashes; case does not matter); leave out for an automatic promotion.") String code,
            @NonNull PromotionKind kind,
            @Description("PERCENTAGE: percent off, more than 0 and at most 100, e.g. \"15\".") String percentOff,
            @Description("FIXED_AMOUNT: decimal amount off, e.g. \"5.00\".") String amountOff,
            @Description("Decimal cart subtotal from which it applies.") String minSubtotal,
            @Id List<String> productIds, @Id List<String> categoryIds, List<String> customerTiers, List<Channel> channels,
            OffsetDateTime startsAt, OffsetDateTime endsAt, Integer usageLimit, Integer perCustomerLimit) {
    }

    @Input("PromotionUpdateInput")
    @Description("Fields left out keep their value.")
    public record Update(@NonNull @Id String id, String name, PromotionKind kind, String percentOff, String amountOff,
            String minSubtotal, @Id List<String> productIds, @Id List<String> categoryIds, List<String> customerTiers,
            List<Channel> channels, OffsetDateTime startsAt, OffsetDateTime endsAt, Integer usageLimit, Integer perCustomerLimit) {
    }

    @Input("PromotionPauseInput")
    public record Pause(@NonNull @Id String id, @Description("true pauses, false resumes.") boolean paused) {
    }

    @Input("CartCouponApplyInput")
    public record CouponApply(@NonNull @Id String cartId, @NonNull String code, Long expectedVersion) {
    }

    @Input("CartCouponRemoveInput")
    public record CouponRemove(@NonNull @Id String cartId, Long expectedVersion) {
    }
}
