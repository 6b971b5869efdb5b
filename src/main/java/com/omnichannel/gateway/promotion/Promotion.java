package com.omnichannel.gateway.promotion;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.ids.GlobalId;
import com.omnichannel.gateway.platform.ids.Node;
import com.omnichannel.gateway.platform.money.Money;
import com.omnichannel.gateway.platform.security.Channel;

@Description("A coupon (with a code) or an automatic promotion (without), the same on every channel unless limited.")
public record Promotion(
        @NonNull @Id String id,
        @Description("Name shown to shoppers on the discount.") @NonNull String name,
        @Description("The coupon code; null for automatic promotions.") String code,
        @Description("How it discounts: a percentage, a fixed amount or free shipping.") @NonNull PromotionKind kind,
        @Description("PERCENTAGE: percent off, e.g. \"15\" or \"12.5\".") String percentOff,
        @Description("FIXED_AMOUNT: the amount off.") Money amountOff,
        @Description("Applies from this cart subtotal (before discounts).") Money minSubtotal,
        @NonNull @Description("Products in scope; with categoryIds empty too, every product.") @Id List<@NonNull String> productIds,
        @NonNull @Description("Categories in scope (including their sub-categories).") @Id List<@NonNull String> categoryIds,
        @NonNull @Description("Loyalty tiers it is for; empty means everyone.") List<@NonNull String> customerTiers,
        @NonNull @Description("Channels it is for; empty means every channel.") List<@NonNull Channel> channels,
        OffsetDateTime startsAt,
        OffsetDateTime endsAt,
        @Description("Orders it may be used on in total; null means unlimited.") Integer usageLimit,
        @Description("Orders per customer; null means unlimited.") Integer perCustomerLimit,
        @Description("Orders it was used on.") int usedCount,
        @Description("Whether staff paused it; a paused promotion applies nowhere.") boolean paused,
        @NonNull OffsetDateTime createdAt,
        @NonNull OffsetDateTime updatedAt,
        @Ignore long key) implements Node {

    public static final String TYPE = "Promotion";

    public static String globalId(long key) {
        return GlobalId.encode(TYPE, key);
    }
}
