package com.omnichannel.gateway.promotion;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.errors.UserError;
import com.omnichannel.gateway.platform.money.Money;

@Description("The promotions a cart gets now (read live, as checkout would apply them).")
public record CartDiscounts(
        @Description("Each promotion or coupon that applies now, with what it takes off.") @NonNull List<@NonNull AppliedDiscount> applied,
        @NonNull @Description("Discount per cart line (lines without one included, at 0).") List<@NonNull LineDiscount> lines,
        @Description("Everything the discounts take off the subtotal.") @NonNull Money total,
        @NonNull @Description("Subtotal minus the discounts.") Money subtotalAfterDiscounts,
        @Description("Whether a promotion makes shipping free.") boolean freeShipping,
        @Description("Why the cart's coupon does not apply now (it stays on the cart), or null.") UserError couponProblem) {

    @Description("The discount on one cart line.")
    @Name("CartLineDiscount")
    public record LineDiscount(
            @NonNull @Id @Description("The cart line (CartLine.id).") String cartLineId,
            @Description("What the promotions take off this line (0 when none apply).") @NonNull Money discount) {
    }
}
