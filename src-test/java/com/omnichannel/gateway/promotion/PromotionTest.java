package com.omnichannel.gateway.promotion;

import static com.omnichannel.gateway.checkout.Checkouts.customerCart;
import static com.omnichannel.gateway.checkout.Checkouts.guestCart;
import static com.omnichannel.gateway.checkout.Checkouts.input;
import static com.omnichannel.gateway.checkout.Checkouts.line;
import static com.omnichannel.gateway.checkout.Checkouts.payInStore;
import static com.omnichannel.gateway.checkout.Checkouts.pickup;
import static com.omnichannel.gateway.checkout.Checkouts.ship;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.checkout.Checkouts;
import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.Race;
import com.omnichannel.gateway.support.TestData;
import com.omnichannel.gateway.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class PromotionTest {

    static final String CREATE = """
            mutation($input: PromotionCreateInput!) { promotionCreate(input: $input) {
              promotion { id name code kind percentOff amountOff { amount } minSubtotal { amount } productIds categoryIds
                customerTiers channels startsAt endsAt usageLimit perCustomerLimit usedCount paused }
              userErrors { code field message } } }""";
    static final String UPDATE = """
            mutation($input: PromotionUpdateInput!) { promotionUpdate(input: $input) {
              promotion { id name percentOff usageLimit } userErrors { code field message } } }""";
    static final String PAUSE = """
            mutation($input: PromotionPauseInput!) { promotionPause(input: $input) { promotion { id paused } userErrors { code } } }""";
    static final String CART_FIELDS = """
            id version couponCode subtotal { amount } loyaltyPointsToEarn
            lines { id }
            discounts { total { amount } subtotalAfterDiscounts { amount } freeShipping
              applied { kind code description amount { amount } freeShipping }
              lines { cartLineId discount { amount } } couponProblem { code message } }""";
    static final String APPLY = "mutation($input: CartCouponApplyInput!) { cartCouponApply(input: $input) { cart { " + CART_FIELDS
            + " } userErrors { code field message } } }";
    static final String REMOVE = "mutation($input: CartCouponRemoveInput!) { cartCouponRemove(input: $input) { cart { " + CART_FIELDS
            + " } userErrors { code field message } } }";
    static final String CART = "query($id: ID!) { cart(id: $id) { " + CART_FIELDS + " } }";
    static final String CHECKOUT = """
            mutation($input: CheckoutCompleteInput!) { checkoutComplete(input: $input) {
              order { id number subtotal { amount } discountTotal { amount } shippingTotal { amount } total { amount }
                lines { discount { amount } } discounts { kind code description amount { amount } freeShipping } }
              userErrors { code field message } } }""";

    @Inject
    TestData data;

    @Inject
    Db db;

    private final GraphQL staff = GraphQL.as(Tokens.staff());

    private static String code() {
        return "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
    }

    private JsonPath create(Map<String, Object> input) {
        return staff.ok(CREATE, "input", input).setRootPath("data.promotionCreate");
    }

    private String created(Map<String, Object> input) {
        JsonPath r = create(input);
        assertThat(r.getList("userErrors")).as(r.prettify()).isEmpty();
        return r.getString("promotion.id");
    }

    private static Map<String, Object> promo(Object... pairs) {
        Map<String, Object> m = new HashMap<>();
        m.put("name", "Test promotion");
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    private static JsonPath apply(Checkouts.CartRef cart, String code) {
        return cart.client().ok(APPLY, "input", Map.of("cartId", cart.id(), "code", code)).setRootPath("data.cartCouponApply");
    }

    private static JsonPath cart(Checkouts.CartRef cart) {
        return cart.client().ok(CART, "id", cart.id()).setRootPath("data.cart");
    }

    @Test
    void invalid_definitions_are_rejected_and_only_staff_may_define_promotions() {
        assertThat(create(promo("kind", "PERCENTAGE", "percentOff", "150")).getString("userErrors[0].code")).isEqualTo("INVALID_PERCENTAGE");
        assertThat(create(promo("kind", "PERCENTAGE", "percentOff", "0")).getString("userErrors[0].code")).isEqualTo("INVALID_PERCENTAGE");
        assertThat(create(promo("kind", "PERCENTAGE")).getList("userErrors[0].field")).containsExactly("input", "percentOff");
        assertThat(create(promo("kind", "FIXED_AMOUNT", "amountOff", "-5")).getString("userErrors[0].code")).isEqualTo("INVALID_AMOUNT");
        JsonPath dates = create(promo("kind", "FREE_SHIPPING", "startsAt", "2030-02-01T00:00:00Z", "endsAt", "2030-01-01T00:00:00Z"));
        assertThat(dates.getString("userErrors[0].code")).isEqualTo("INVALID_DATES");
        assertThat(dates.getList("userErrors[0].field")).containsExactly("input", "endsAt");
        assertThat(create(promo("kind", "FREE_SHIPPING", "code", "no spaces!")).getString("userErrors[0].code")).isEqualTo("INVALID_CODE");
        assertThat(create(promo("kind", "FREE_SHIPPING", "customerTiers", List.of("PLATINUM"))).getString("userErrors[0].code")).isEqualTo("UNKNOWN_TIER");
        assertThat(create(promo("kind", "FREE_SHIPPING", "usageLimit", 0)).getString("userErrors[0].code")).isEqualTo("INVALID_LIMIT");
        String code = code();
        created(promo("kind", "FREE_SHIPPING", "code", code.toLowerCase()));
        assertThat(create(promo("kind", "FREE_SHIPPING", "code", code)).getString("userErrors[0].code")).isEqualTo("CODE_TAKEN");

        JsonPath customer = GraphQL.as(Tokens.customer("promo-customer")).execute(CREATE, "input", promo("kind", "FREE_SHIPPING"));
        assertThat(customer.getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");
        JsonPath anonymous = GraphQL.anonymous().execute(CREATE, "input", promo("kind", "FREE_SHIPPING"));
        assertThat(anonymous.getString("errors[0].extensions.code")).isEqualTo("UNAUTHENTICATED");
        assertThat(data.count("SELECT count(*) FROM promotion WHERE code = $1", code)).isEqualTo(1);
    }

    @Test
    void staff_update_and_pause_a_promotion_and_a_paused_coupon_stops_applying() {
        var product = data.product("Pause tee", null, 2000);
        String code = code();
        String id = created(promo("kind", "PERCENTAGE", "percentOff", "10", "code", code, "productIds", List.of(product.id())));
        Checkouts.CartRef cart = guestCart(line(product.variant(0), 1));
        assertThat(apply(cart, code).getString("cart.discounts.total.amount")).isEqualTo("2.00");

        JsonPath updated = staff.ok(UPDATE, "input", Map.of("id", id, "percentOff", "25")).setRootPath("data.promotionUpdate");
        assertThat(updated.getString("promotion.percentOff")).isEqualTo("25");
        assertThat(cart(cart).getString("discounts.total.amount")).isEqualTo("5.00");
        JsonPath badUpdate = staff.ok(UPDATE, "input", Map.of("id", id, "percentOff", "101")).setRootPath("data.promotionUpdate");
        assertThat(badUpdate.getString("userErrors[0].code")).isEqualTo("INVALID_PERCENTAGE");

        assertThat(staff.ok(PAUSE, "input", Map.of("id", id, "paused", true)).getBoolean("data.promotionPause.promotion.paused")).isTrue();
        JsonPath paused = cart(cart);
        assertThat(paused.getString("couponCode")).isEqualTo(code);
        assertThat(paused.getString("discounts.total.amount")).isEqualTo("0.00");
        assertThat(paused.getString("discounts.couponProblem.code")).isEqualTo("COUPON_INACTIVE");
        Checkouts.CartRef other = guestCart(line(product.variant(0), 1));
        assertThat(apply(other, code).getString("userErrors[0].code")).isEqualTo("COUPON_INACTIVE");

        staff.ok(PAUSE, "input", Map.of("id", id, "paused", false));
        assertThat(cart(cart).getString("discounts.total.amount")).isEqualTo("5.00");
    }

    @Test
    void coupons_that_do_not_apply_get_their_own_code_and_leave_the_cart_unchanged() {
        var product = data.product("Coupon shirt", null, 3000);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String expired = code();
        created(promo("kind", "FIXED_AMOUNT", "amountOff", "5", "code", expired, "startsAt", now.minusDays(10).toString(),
                "endsAt", now.minusDays(1).toString()));
        String future = code();
        created(promo("kind", "FIXED_AMOUNT", "amountOff", "5", "code", future, "startsAt", now.plusDays(1).toString()));
        String exhausted = code();
        String exhaustedId = created(promo("kind", "FIXED_AMOUNT", "amountOff", "5", "code", exhausted, "usageLimit", 2));
        data.execute("UPDATE promotion SET used_count = 2 WHERE code = '" + exhausted + "'");
        String kioskOnly = code();
        created(promo("kind", "FIXED_AMOUNT", "amountOff", "5", "code", kioskOnly, "channels", List.of("KIOSK")));
        String goldOnly = code();
        created(promo("kind", "FIXED_AMOUNT", "amountOff", "5", "code", goldOnly, "customerTiers", List.of("GOLD")));
        String bigOrders = code();
        created(promo("kind", "FIXED_AMOUNT", "amountOff", "5", "code", bigOrders, "minSubtotal", "100.00"));
        var otherProduct = data.product("Coupon other", null, 1000);
        String otherScope = code();
        created(promo("kind", "PERCENTAGE", "percentOff", "10", "code", otherScope, "productIds", List.of(otherProduct.id())));

        Checkouts.CartRef cart = guestCart(line(product.variant(0), 1));
        long version = cart(cart).getLong("version");
        Map<String, String> expected = Map.of("NOPE-" + code(), "COUPON_UNKNOWN", expired, "COUPON_EXPIRED", future, "COUPON_NOT_YET_VALID",
                exhausted, "COUPON_EXHAUSTED", kioskOnly, "COUPON_WRONG_CHANNEL", goldOnly, "COUPON_NOT_ELIGIBLE",
                bigOrders, "COUPON_MINIMUM_NOT_MET", otherScope, "COUPON_NOT_APPLICABLE");
        expected.forEach((code, error) -> {
            JsonPath r = apply(cart, code);
            assertThat(r.getString("userErrors[0].code")).as(code).isEqualTo(error);
            assertThat(r.getList("userErrors[0].field")).containsExactly("input", "code");
            assertThat(r.getString("cart")).isNull();
        });
        JsonPath unchanged = cart(cart);
        assertThat(unchanged.getLong("version")).isEqualTo(version);
        assertThat(unchanged.getString("couponCode")).isNull();
        assertThat(unchanged.getString("discounts.total.amount")).isEqualTo("0.00");

        // The same kiosk-only coupon works at a kiosk: channels are honoured, not guessed.
        var store = data.store("Coupon kiosk store", 52.0, 13.0);
        Checkouts.CartRef kioskCart = customerCartAtKiosk(store, product);
        assertThat(apply(kioskCart, kioskOnly).getList("userErrors")).isEmpty();
        assertThat(staff.ok("query($id: ID!) { promotion(id: $id) { usedCount usageLimit } }", "id", exhaustedId)
                .getInt("data.promotion.usedCount")).isEqualTo(2);
    }

    private Checkouts.CartRef customerCartAtKiosk(TestData.Ref store, TestData.ProductRef product) {
        GraphQL kiosk = GraphQL.as(Tokens.kiosk(store.id())).channel("KIOSK");
        JsonPath created = kiosk.ok(Checkouts.CREATE_CART, "input", Map.of("lines", List.of(line(product.variant(0), 1))));
        return new Checkouts.CartRef(created.getString("data.cartCreate.cart.id"),
                GraphQL.as(Tokens.kiosk(store.id())).channel("KIOSK").header("X-Cart-Token", created.getString("data.cartCreate.cartToken")));
    }

    @Test
    void one_coupon_stacks_with_automatic_promotions_best_for_the_customer_and_checkout_freezes_them() {
        var category = data.category("Stacking", null);
        var sub = data.category("Stacking sub", category);
        var product = data.product("Stacking jacket", sub, 10000);
        var other = data.product("Stacking socks", null, 1000);
        var store = data.store("Stacking store", 52.0, 13.0);
        data.stock(product.variant(0), store, 5);
        data.stock(other.variant(0), store, 5);
        // Automatic: 10% off the category (the product is in a sub-category); free shipping when the jacket is bought.
        created(promo("name", "Autumn sale", "kind", "PERCENTAGE", "percentOff", "10", "categoryIds", List.of(category.id())));
        created(promo("name", "Free shipping on jackets", "kind", "FREE_SHIPPING", "productIds", List.of(product.id())));
        String code = code();
        created(promo("name", "Five off", "kind", "FIXED_AMOUNT", "amountOff", "5.00", "code", code, "minSubtotal", "50"));

        Checkouts.CartRef cart = guestCart(line(product.variant(0), 1), line(other.variant(0), 1));
        JsonPath before = cart(cart);
        assertThat(before.getString("discounts.total.amount")).isEqualTo("10.00");
        assertThat(before.getList("discounts.applied.code")).containsExactly(null, null);

        JsonPath applied = apply(cart, code.toLowerCase());
        assertThat(applied.getList("userErrors")).isEmpty();
        assertThat(applied.getString("cart.couponCode")).isEqualTo(code);
        // Percentages first: 10% of 100.00, then 5.00 spread over what is left (90.00 and 10.00): 4.50 and 0.50.
        assertThat(applied.getString("cart.discounts.total.amount")).isEqualTo("15.00");
        assertThat(applied.getString("cart.discounts.subtotalAfterDiscounts.amount")).isEqualTo("95.00");
        assertThat(applied.getList("cart.discounts.lines.discount.amount")).containsExactly("14.50", "0.50");
        assertThat(applied.getBoolean("cart.discounts.freeShipping")).isTrue();
        assertThat(applied.getList("cart.discounts.applied.description")).containsExactly("Autumn sale (10% off)", "Five off",
                "Free shipping on jackets");
        assertThat(applied.getInt("cart.loyaltyPointsToEarn")).isEqualTo(95);

        Map<String, Object> in = input(cart, UUID.randomUUID().toString(), ship(), payInStore());
        in.put("payment", Checkouts.card("4242424242424242"));
        JsonPath order = cart.client().ok(CHECKOUT, "input", in).setRootPath("data.checkoutComplete");
        assertThat(order.getList("userErrors")).as(order.prettify()).isEmpty();
        assertThat(order.getString("order.subtotal.amount")).isEqualTo("110.00");
        assertThat(order.getString("order.discountTotal.amount")).isEqualTo("15.00");
        assertThat(order.getString("order.shippingTotal.amount")).isEqualTo("0.00");
        assertThat(order.getString("order.total.amount")).isEqualTo("95.00");
        assertThat(order.getList("order.lines.discount.amount")).containsExactly("14.50", "0.50");
        assertThat(order.getList("order.discounts.code")).containsExactly(null, code, null);
        assertThat(order.getList("order.discounts.amount.amount")).containsExactly("10.00", "5.00", "0.00");
        long orderKey = data.count("SELECT id FROM customer_order WHERE number = $1", order.getString("order.number"));
        assertThat(data.count("SELECT count(*) FROM order_discount WHERE order_id = $1", orderKey)).isEqualTo(3);
        assertThat(data.count("SELECT count(*) FROM promotion_redemption WHERE order_id = $1", orderKey)).isEqualTo(3);
        JsonPath promotions = staff.ok("query { promotions(first: 5) { edges { node { code usedCount } } } }");
        assertThat(promotions.getList("data.promotions.edges.node.code")).contains(code);
        assertThat(promotions.getInt("data.promotions.edges.find { it.node.code == '" + code + "' }.node.usedCount")).isEqualTo(1);
    }

    @Test
    void removing_the_coupon_removes_its_discount() {
        var product = data.product("Remove hat", null, 2000);
        String code = code();
        created(promo("kind", "PERCENTAGE", "percentOff", "50", "code", code, "productIds", List.of(product.id())));
        Checkouts.CartRef cart = guestCart(line(product.variant(0), 1));
        assertThat(apply(cart, code).getString("cart.discounts.total.amount")).isEqualTo("10.00");
        JsonPath removed = cart.client().ok(REMOVE, "input", Map.of("cartId", cart.id())).setRootPath("data.cartCouponRemove");
        assertThat(removed.getString("cart.couponCode")).isNull();
        assertThat(removed.getString("cart.discounts.total.amount")).isEqualTo("0.00");
        JsonPath stranger = GraphQL.anonymous().execute(REMOVE, "input", Map.of("cartId", cart.id()));
        assertThat(stranger.getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");
    }

    @Test
    void a_usage_limit_of_ten_gives_exactly_ten_uses_under_thirty_concurrent_checkouts() throws Exception {
        var store = data.store("Limit store", 52.0, 13.0);
        var product = data.product("Limit cap", null, 2000);
        data.stock(product.variant(0), store, 40);
        String code = code();
        created(promo("kind", "FIXED_AMOUNT", "amountOff", "3.00", "code", code, "usageLimit", 10));
        List<Checkouts.CartRef> carts = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Checkouts.CartRef cart = guestCart(line(product.variant(0), 1));
            assertThat(apply(cart, code).getList("userErrors")).isEmpty();
            carts.add(cart);
        }

        List<JsonPath> results = Race.run(carts.stream().<Callable<JsonPath>>map(cart -> () -> cart.client()
                .ok(CHECKOUT, "input", input(cart, UUID.randomUUID().toString(), pickup(store), payInStore()))).toList());

        long placed = results.stream().filter(r -> r.get("data.checkoutComplete.order") != null).count();
        long exhausted = results.stream().filter(r -> "COUPON_EXHAUSTED".equals(r.getString("data.checkoutComplete.userErrors[0].code"))).count();
        assertThat(placed).isEqualTo(10);
        assertThat(exhausted).isEqualTo(20);
        assertThat(data.count("SELECT used_count FROM promotion WHERE code = $1", code)).isEqualTo(10);
        assertThat(data.count("SELECT count(*) FROM promotion_redemption r JOIN promotion p ON p.id = r.promotion_id WHERE p.code = $1", code))
                .isEqualTo(10);
        assertThat(data.stockRow(product.variant(0), store).getInteger("reserved")).isEqualTo(10);
    }

    @Test
    void a_per_customer_limit_holds_across_carts() {
        var store = data.store("Per customer store", 52.0, 13.0);
        var product = data.product("Per customer pen", null, 1500);
        data.stock(product.variant(0), store, 5);
        String code = code();
        created(promo("kind", "PERCENTAGE", "percentOff", "20", "code", code, "perCustomerLimit", 1));
        GraphQL customer = GraphQL.as(Tokens.customer(UUID.randomUUID().toString()));
        Checkouts.CartRef first = customerCart(customer, line(product.variant(0), 1));
        assertThat(apply(first, code).getList("userErrors")).isEmpty();
        JsonPath order = customer.ok(CHECKOUT, "input", input(first, UUID.randomUUID().toString(), pickup(store), payInStore()));
        assertThat(order.getString("data.checkoutComplete.order.discountTotal.amount")).isEqualTo("3.00");

        Checkouts.CartRef second = customerCart(customer, line(product.variant(0), 1));
        assertThat(apply(second, code).getString("userErrors[0].code")).isEqualTo("COUPON_CUSTOMER_LIMIT");
    }

    @Test
    void a_coupon_that_stopped_applying_refuses_checkout_with_its_code_and_no_order() {
        var store = data.store("Stale coupon store", 52.0, 13.0);
        var product = data.product("Stale coupon lamp", null, 5000);
        data.stock(product.variant(0), store, 5);
        String code = code();
        String id = created(promo("kind", "FIXED_AMOUNT", "amountOff", "10", "code", code));
        Checkouts.CartRef cart = guestCart(line(product.variant(0), 1));
        assertThat(apply(cart, code).getList("userErrors")).isEmpty();
        staff.ok(PAUSE, "input", Map.of("id", id, "paused", true));

        JsonPath r = cart.client().ok(CHECKOUT, "input", input(cart, UUID.randomUUID().toString(), pickup(store), payInStore()));
        assertThat(r.getString("data.checkoutComplete.userErrors[0].code")).isEqualTo("COUPON_INACTIVE");
        assertThat(r.getString("data.checkoutComplete.order")).isNull();
        assertThat(data.stockRow(product.variant(0), store).getInteger("reserved")).isZero();
    }

    @Test
    void order_discounts_are_read_in_one_batch_whatever_the_number_of_orders() {
        var store = data.store("Batch discount store", 52.0, 13.0);
        var product = data.product("Batch discount cup", null, 1000);
        data.stock(product.variant(0), store, 10);
        String code = code();
        created(promo("kind", "PERCENTAGE", "percentOff", "10", "code", code));
        GraphQL customer = GraphQL.as(Tokens.customer(UUID.randomUUID().toString()));
        for (int i = 0; i < 3; i++) {
            Checkouts.CartRef cart = customerCart(customer, line(product.variant(0), 1));
            apply(cart, code);
            customer.ok(CHECKOUT, "input", input(cart, UUID.randomUUID().toString(), pickup(store), payInStore()));
        }
        String query = "query($n: Int) { myOrders(first: $n) { edges { node { number discounts { code amount { amount } } } } } }";
        long one = statements(() -> customer.ok(query, "n", 1));
        long three = statements(() -> customer.ok(query, "n", 3));
        assertThat(three).isEqualTo(one);
        JsonPath orders = customer.ok(query, "n", 3);
        assertThat(orders.getList("data.myOrders.edges.node.discounts.code").toString()).isEqualTo("[[" + code + "], [" + code + "], [" + code + "]]");
    }

    /** Statements of a request; the fewest of a few runs, so a background write (activity events) does not count. */
    private long statements(Runnable request) {
        long fewest = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long before = db.statementCount();
            request.run();
            fewest = Math.min(fewest, db.statementCount() - before);
        }
        return fewest;
    }
}
