package com.omnichannel.gateway.cart;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.money.Money;
import com.omnichannel.gateway.platform.security.Channel;

@Description("What a cart's price does when it moves from one channel to another (promotions and coupons may be limited "
        + "to channels): a warning per discount that does not hold, and the subtotal after discounts on either side.")
public record CartPriceChange(@NonNull @Description("The channel the cart leaves.") Channel fromChannel,
        @NonNull @Description("The channel the cart goes to.") Channel toChannel,
        @NonNull @Description("Empty when every discount holds on the receiving channel.") List<@NonNull Warning> warnings,
        @NonNull @Description("Subtotal after discounts on the channel the cart leaves.") Money totalBefore,
        @NonNull @Description("Subtotal after discounts on the channel it goes to.") Money totalAfter) {

    @org.eclipse.microprofile.graphql.Name("CartPriceChangeWarning")
    @Description("A discount that does not hold (or holds less) on the receiving channel.")
    public record Warning(
            @NonNull @Description("COUPON_NOT_VALID_ON_CHANNEL or PROMOTION_NOT_VALID_ON_CHANNEL.") String code,
            @NonNull @Description("What changed, for people.") String message,
            @Description("The coupon code, for coupons.") String couponCode,
            @NonNull @Description("The promotion's description.") String promotion,
            @NonNull @Description("The discount on the channel the cart leaves.") Money discountBefore,
            @NonNull @Description("The discount on the channel it goes to (zero when it does not hold).") Money discountAfter) {
    }
}
