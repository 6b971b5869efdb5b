package com.omnichannel.gateway.promotion;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.errors.UserError;
import com.omnichannel.gateway.platform.money.Money;

@Description("The promotions a cart gets now (read live, as checkout would apply them).")
public record CartDiscounts(@NonNull List<@NonNull AppliedDiscount> applied,
        @NonNull @Description("Discount per cart line (lines without one included, at 0).") List<@NonNull LineDiscount> lines,
        @NonNull Money total,
        @NonNull @Description("Subtotal minus the discounts.") Money subtotalAfterDiscounts,
        boolean freeShipping,
        @Description("Why the cart's coupon does not apply now (it stays on the cart), or null.") UserError couponProblem) {

    @Name("CartLineDiscount")
    public record LineDiscount(@NonNull @Id @Description("The cart line (CartLine.id).") String cartLineId, @NonNull Money discount) {
    }
}
