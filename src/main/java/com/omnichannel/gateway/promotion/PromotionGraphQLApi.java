package com.omnichannel.gateway.promotion;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import com.omnichannel.gateway.cart.Cart;
import com.omnichannel.gateway.cart.CartLine;
import com.omnichannel.gateway.cart.CartPayload;
import com.omnichannel.gateway.platform.money.Money;
import com.omnichannel.gateway.platform.security.CallerResolver;
import com.omnichannel.gateway.order.Order;

import io.smallrye.mutiny.Uni;

@GraphQLApi
public class PromotionGraphQLApi {

    private final PromotionService promotions;
    private final PromotionDefinitions definitions;
    private final CallerResolver callers;

    public PromotionGraphQLApi(PromotionService promotions, PromotionDefinitions definitions, CallerResolver callers) {
        this.promotions = promotions;
        this.definitions = definitions;
        this.callers = callers;
    }

    // ---- carts and orders

    @Mutation("cartCouponApply")
    @Description("Apply a coupon code to the cart (one per cart; it replaces another). A code that does not apply now "
            + "gets a user error with its reason (COUPON_UNKNOWN, COUPON_EXPIRED, COUPON_NOT_YET_VALID, COUPON_EXHAUSTED, "
            + "COUPON_WRONG_CHANNEL, ...) and the cart is unchanged.")
    public Uni<@NonNull CartPayload> cartCouponApply(
            @Description("What to do; see the input type's fields.") @NonNull PromotionInputs.CouponApply input) {
        return promotions.applyCoupon(callers.current(), callers.cartToken(), input);
    }

    @Description("Take the coupon off the cart.")
    @Mutation("cartCouponRemove")
    public Uni<@NonNull CartPayload> cartCouponRemove(
            @Description("What to do; see the input type's fields.") @NonNull PromotionInputs.CouponRemove input) {
        return promotions.removeCoupon(callers.current(), callers.cartToken(), input);
    }

    @Name("loyaltyPointsToEarn")
    @Description("Points the cart's order would earn once delivered or collected: on the subtotal after promotions, at the "
            + "owner's tier (for anonymous carts, what signing in would earn at the first tier).")
    public Uni<List<@NonNull Integer>> loyaltyPointsToEarn(@Source List<Cart> carts) {
        return promotions.loyaltyPointsToEarn(carts);
    }

    @Name("discounts")
    @Description("Promotions and the coupon as checkout would apply them now, per line and in total.")
    public Uni<List<@NonNull CartDiscounts>> cartDiscounts(@Source List<Cart> carts) {
        // The reading channel travels with the cart: batch resolvers do not ask for the caller.
        return promotions.cartDiscounts(carts);
    }

    @Name("discount")
    @Description("What the promotions and the coupon take off this line now, as checkout would (0 when none apply); the "
            + "same amount as the line's entry in Cart.discounts.lines, and as OrderLine.discount before loyalty points.")
    @NonNull
    public Uni<List<@NonNull Money>> cartLineDiscount(@Source List<CartLine> lines) {
        return promotions.cartLineDiscounts(lines);
    }

    @Name("total")
    @Description("What the line costs after discounts: subtotal minus discount. With prices that include tax (the default) "
            + "it is what checkout charges for the line (OrderLine.total) before loyalty points; null when the variant is "
            + "no longer sold.")
    public Uni<List<Money>> cartLineTotal(@Source List<CartLine> lines) {
        return promotions.cartLineTotals(lines);
    }

    @Name("discounts")
    @Description("The discounts frozen on the order at checkout: promotions and loyalty points.")
    @NonNull
    public Uni<List<@NonNull List<@NonNull AppliedDiscount>>> orderDiscounts(@Source List<Order> orders) {
        return promotions.discountsOf(orders);
    }

    // ---- staff

    @Query("promotion")
    @Description("Staff: a promotion by id; null when there is none.")
    public Uni<Promotion> promotion(@Description("The promotion's id.") @NonNull @Id String id) {
        return definitions.promotion(callers.current(), id);
    }

    @Query("promotions")
    @Description("Staff: every promotion, newest first.")
    public Uni<@NonNull PromotionConnection> promotions(
            @Description("How many items to return, at most 100 (default 20).") Integer first,
            @Description("The endCursor of the previous page; leave out for the first page.") String after) {
        return definitions.promotions(callers.current(), first, after);
    }

    @Mutation("promotionCreate")
    @Description("Staff: create a coupon (with a code) or an automatic promotion (without).")
    public Uni<@NonNull PromotionPayload> promotionCreate(
            @Description("What to do; see the input type's fields.") @NonNull PromotionInputs.Create input) {
        return definitions.create(callers.current(), input);
    }

    @Mutation("promotionUpdate")
    @Description("Staff: change a promotion; fields left out keep their value.")
    public Uni<@NonNull PromotionPayload> promotionUpdate(
            @Description("What to do; see the input type's fields.") @NonNull PromotionInputs.Update input) {
        return definitions.update(callers.current(), input);
    }

    @Mutation("promotionPause")
    @Description("Staff: pause a promotion (it stops applying at once, also to carts holding its coupon) or resume it.")
    public Uni<@NonNull PromotionPayload> promotionPause(
            @Description("What to do; see the input type's fields.") @NonNull PromotionInputs.Pause input) {
        return definitions.pause(callers.current(), input);
    }
}
