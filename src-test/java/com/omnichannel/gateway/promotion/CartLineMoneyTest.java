package com.omnichannel.gateway.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.checkout.Checkouts;
import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.support.BackgroundWrites;
import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.TestData;
import com.omnichannel.gateway.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A cart line's money reads as an order line's (unitPrice, subtotal, discount, total), and what the cart shows per
 * line is what checkout charges for it.
 */
@QuarkusTest
class CartLineMoneyTest {

    static final String CREATE = """
            mutation($input: PromotionCreateInput!) { promotionCreate(input: $input) { promotion { id } userErrors { code field message } } }""";
    static final String APPLY = """
            mutation($input: CartCouponApplyInput!) { cartCouponApply(input: $input) { userErrors { code message } } }""";
    static final String CART = """
            query($id: ID!) { cart(id: $id) { subtotal { amount }
              lines { id quantity unitPrice { amount } subtotal { amount currencyCode } discount { amount currencyCode } total { amount currencyCode } }
              discounts { lines { cartLineId discount { amount } } total { amount } subtotalAfterDiscounts { amount } } } }""";
    static final String ORDER_LINES = """
            query($id: ID!) { order(id: $id) { subtotal { amount } discountTotal { amount } shippingTotal { amount } total { amount }
              pricesIncludeTax lines { sku unitPrice { amount } subtotal { amount } discount { amount } total { amount } } } }""";

    @Inject
    TestData data;

    @Inject
    Db db;

    @Test
    void cart_lines_show_subtotal_discount_and_total_and_checkout_charges_the_line_totals() {
        var discounted = data.product("Line money coat", null, 12999);
        var plain = data.product("Line money scarf", null, 1999);
        var warehouse = data.warehouse("Line money warehouse", 52.3, 13.1);
        data.stock(discounted.variant(0), warehouse, 10);
        data.stock(plain.variant(0), warehouse, 10);
        String code = TestData.unique("LINE").toUpperCase().replace("-", "");
        JsonPath promotion = GraphQL.as(Tokens.staff()).ok(CREATE, "input", Map.of("name", "15% off the coat", "kind", "PERCENTAGE",
                "percentOff", "15", "code", code, "productIds", List.of(discounted.id())));
        assertThat(promotion.getList("data.promotionCreate.userErrors")).as(promotion.prettify()).isEmpty();

        Checkouts.CartRef cart = Checkouts.guestCart(Checkouts.line(discounted.variant(0), 3), Checkouts.line(plain.variant(0), 2));
        assertThat(cart.client().ok(APPLY, "input", Map.of("cartId", cart.id(), "code", code))
                .getList("data.cartCouponApply.userErrors")).isEmpty();

        JsonPath read = cart.client().ok(CART, "id", cart.id()).setRootPath("data.cart");
        // 3 × 129.99 = 389.97, 15 % off = 58.4955, in cents 5850 (half up) → 331.47; the scarf gets nothing.
        assertThat(read.getList("lines.subtotal.amount")).containsExactly("389.97", "39.98");
        assertThat(read.getList("lines.discount.amount")).containsExactly("58.50", "0.00");
        assertThat(read.getList("lines.total.amount")).containsExactly("331.47", "39.98");
        assertThat(read.getList("lines.total.currencyCode")).containsOnly(read.getString("lines[0].subtotal.currencyCode"));
        // The same figures as the cart's list of line discounts.
        assertThat(read.getList("discounts.lines.cartLineId")).isEqualTo(read.getList("lines.id"));
        assertThat(read.getList("discounts.lines.discount.amount")).isEqualTo(read.getList("lines.discount.amount"));
        assertThat(sum(read.getList("lines.total.amount"))).isEqualByComparingTo(read.getString("discounts.subtotalAfterDiscounts.amount"));
        assertThat(sum(read.getList("lines.subtotal.amount"))).isEqualByComparingTo(read.getString("subtotal.amount"));

        JsonPath order = Checkouts.placed(cart, Checkouts.ship(), Checkouts.card("4242424242424242"));
        JsonPath placed = GraphQL.as(Tokens.staff()).ok(ORDER_LINES, "id", order.getString("id")).setRootPath("data.order");
        assertThat(placed.getBoolean("pricesIncludeTax")).isTrue();
        assertThat(placed.getList("lines.subtotal.amount")).isEqualTo(read.getList("lines.subtotal.amount"));
        assertThat(placed.getList("lines.discount.amount")).isEqualTo(read.getList("lines.discount.amount"));
        assertThat(placed.getList("lines.total.amount")).isEqualTo(read.getList("lines.total.amount"));
        assertThat(sum(read.getList("lines.total.amount")).add(new BigDecimal(placed.getString("shippingTotal.amount"))))
                .isEqualByComparingTo(placed.getString("total.amount"));
    }

    @Test
    void line_discounts_and_totals_cost_the_same_statements_for_2_and_8_lines() {
        var warehouse = data.warehouse("Counted lines warehouse", 52.3, 13.1);
        List<Object> lines = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            var product = data.product("Counted line " + i, null, 1000 + i);
            data.stock(product.variant(0), warehouse, 5);
            lines.add(Checkouts.line(product.variant(0), 1));
        }
        Checkouts.CartRef two = Checkouts.guestCart(lines.subList(0, 2).toArray());
        Checkouts.CartRef eight = Checkouts.guestCart(lines.toArray());
        long forTwo = statementsFor(two);
        long forEight = statementsFor(eight);
        assertThat(eight.client().ok(CART, "id", eight.id()).getList("data.cart.lines.total.amount")).hasSize(8);
        assertThat(forEight).isEqualTo(forTwo);
    }

    private long statementsFor(Checkouts.CartRef cart) {
        cart.client().ok(CART, "id", cart.id()); // warm: caches and prepared statements
        BackgroundWrites.settle();
        long before = db.statementCount();
        cart.client().ok(CART, "id", cart.id());
        return db.statementCount() - before;
    }

    private static BigDecimal sum(List<String> amounts) {
        return amounts.stream().map(BigDecimal::new).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
