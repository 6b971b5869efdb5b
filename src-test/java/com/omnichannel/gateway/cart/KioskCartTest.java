package com.omnichannel.gateway.cart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.support.Accounts;
import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.TestData;
import com.omnichannel.gateway.support.Tokens;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Carts made at a kiosk: pickup in the kiosk's store by default, and the hand-off to the shopper's phone. */
@QuarkusTest
class KioskCartTest {

    static final String FIELDS = "id version fulfilment { type store { id } } lines { quantity available warnings { code } }";
    static final String CREATE = "mutation($input: CartCreateInput) { cartCreate(input: $input) { cartToken cart { " + FIELDS
            + " } userErrors { code } } }";
    static final String FULFILMENT = "mutation($input: CartFulfilmentSetInput!) { cartFulfilmentSet(input: $input) { cart { " + FIELDS
            + " } userErrors { code } } }";
    static final String PRICE_CHANGE = "priceChange { fromChannel toChannel totalBefore { amount } totalAfter { amount } "
            + "warnings { code message couponCode promotion discountBefore { amount } discountAfter { amount } } }";
    static final String HANDOFF = "mutation($input: CartHandoffCreateInput!) { cartHandoffCreate(input: $input) { handoff { code qrPayload } "
            + PRICE_CHANGE + " userErrors { code } } }";
    static final String CLAIM = "mutation($input: CartHandoffClaimInput!) { cartHandoffClaim(input: $input) { cartToken cart { id "
            + "discounts { total { amount } } } " + PRICE_CHANGE + " userErrors { code } } }";
    static final String COUPON = "mutation($input: CartCouponApplyInput!) { cartCouponApply(input: $input) { cart { discounts { total { amount } } } "
            + "userErrors { code } } }";
    static final String PROMOTION = "mutation($input: PromotionCreateInput!) { promotionCreate(input: $input) { promotion { id } userErrors { code message } } }";

    @Inject
    TestData data;

    @Inject
    RedisDataSource redis;

    @BeforeEach
    void forget_earlier_handoff_attempts_from_this_machine() {
        redis.key().del("cart-handoff-attempts:{ip:127.0.0.1}", "cart-handoff-attempts:{ip:0:0:0:0:0:0:0:1}");
    }

    @Test
    void a_kiosk_cart_starts_as_pickup_here_with_the_stock_here_and_can_switch_to_shipping() {
        var store = data.store("Kiosk pickup store", 48.0, 11.0);
        var warehouse = data.warehouse("Kiosk pickup warehouse", 48.5, 11.0);
        var product = data.product("Kiosk pickup", null, 2000);
        data.stock(product.variant(0), store, 1);
        data.stock(product.variant(0), warehouse, 40);
        GraphQL kiosk = GraphQL.as(Tokens.kiosk(store.id()));

        JsonPath created = kiosk.ok(CREATE, "input", Map.of("lines", List.of(Map.of("variantId", product.variant(0).id(), "quantity", 2))));
        String token = created.getString("data.cartCreate.cartToken");
        JsonPath cart = created.setRootPath("data.cartCreate.cart");
        assertThat(cart.getString("fulfilment.type")).isEqualTo("PICKUP");
        assertThat(cart.getString("fulfilment.store.id")).isEqualTo(store.id());
        assertThat(cart.getInt("lines[0].available")).isEqualTo(1);
        assertThat(cart.getList("lines[0].warnings.code")).containsExactly("NOT_ENOUGH_STOCK");

        JsonPath shipped = kiosk.header("X-Cart-Token", token)
                .ok(FULFILMENT, "input", Map.of("cartId", cart.getString("id"), "type", "SHIP")).setRootPath("data.cartFulfilmentSet.cart");
        assertThat(shipped.getString("fulfilment.type")).isEqualTo("SHIP");
        assertThat(shipped.getString("fulfilment.store")).isNull();
        assertThat(shipped.getInt("lines[0].available")).isEqualTo(41);
        assertThat(shipped.getList("lines[0].warnings")).isEmpty();
    }

    @Test
    void a_customer_signed_in_at_a_kiosk_also_starts_with_pickup_here_while_web_carts_ship() {
        var store = data.store("Kiosk session pickup store", 48.1, 11.0);
        Accounts.Account account = Accounts.register();
        GraphQL atKiosk = GraphQL.as(Accounts.signIn(GraphQL.as(Tokens.kiosk(store.id())), account.email(), account.password())
                .getString("data.customerSignIn.tokens.accessToken"));
        JsonPath cart = atKiosk.ok(CREATE).setRootPath("data.cartCreate.cart");
        assertThat(cart.getString("fulfilment.type")).isEqualTo("PICKUP");
        assertThat(cart.getString("fulfilment.store.id")).isEqualTo(store.id());

        assertThat(GraphQL.anonymous().channel("WEB").ok(CREATE).getString("data.cartCreate.cart.fulfilment.type")).isEqualTo("SHIP");
    }

    @Test
    void the_handoff_qr_code_carries_a_link_to_the_claim_and_the_plain_code_is_still_given() {
        var store = data.store("Kiosk link store", 48.2, 11.0);
        var product = data.product("Kiosk link", null, 2000);
        KioskCart cart = kioskCart(store, product);
        JsonPath handoff = cart.kiosk().ok(HANDOFF, "input", Map.of("cartId", cart.id())).setRootPath("data.cartHandoffCreate");
        String code = handoff.getString("handoff.code");
        assertThat(code).matches("[A-Z2-9]{4}-[A-Z2-9]{4}");
        // The default template of app.cart.handoff-link-template.
        assertThat(handoff.getString("handoff.qrPayload")).isEqualTo("https://shop.example/handoff/" + code.replace("-", ""));
        assertThat(handoff.getList("priceChange.warnings")).isEmpty();
        assertThat(handoff.getString("priceChange.toChannel")).isEqualTo("MOBILE");
    }

    @Test
    void a_kiosk_only_coupon_is_warned_of_at_handoff_and_the_claim_says_what_changed() {
        var store = data.store("Kiosk coupon store", 48.3, 11.0);
        var product = data.product("Kiosk coupon", null, 5000);
        String coupon = "K" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
        promotion("Kiosk welcome", "kind", "FIXED_AMOUNT", "amountOff", "15", "code", coupon, "channels", List.of("KIOSK"),
                "productIds", List.of(product.id()));
        KioskCart cart = kioskCart(store, product);
        assertThat(cart.kiosk().ok(COUPON, "input", Map.of("cartId", cart.id(), "code", coupon))
                .getString("data.cartCouponApply.cart.discounts.total.amount")).isEqualTo("15.00");

        JsonPath created = cart.kiosk().ok(HANDOFF, "input", Map.of("cartId", cart.id())).setRootPath("data.cartHandoffCreate");
        assertThat(created.getString("priceChange.fromChannel")).isEqualTo("KIOSK");
        assertThat(created.getString("priceChange.toChannel")).isEqualTo("MOBILE");
        assertThat(created.getString("priceChange.totalBefore.amount")).isEqualTo("35.00");
        assertThat(created.getString("priceChange.totalAfter.amount")).isEqualTo("50.00");
        assertThat(created.getString("priceChange.warnings[0].code")).isEqualTo("COUPON_NOT_VALID_ON_CHANNEL");
        assertThat(created.getString("priceChange.warnings[0].couponCode")).isEqualTo(coupon);
        assertThat(created.getString("priceChange.warnings[0].message")).contains(coupon, "MOBILE");
        assertThat(created.getString("priceChange.warnings[0].discountBefore.amount")).isEqualTo("15.00");
        assertThat(created.getString("priceChange.warnings[0].discountAfter.amount")).isEqualTo("0.00");

        JsonPath claimed = GraphQL.anonymous().channel("MOBILE").ok(CLAIM, "input", Map.of("code", created.getString("handoff.code")))
                .setRootPath("data.cartHandoffClaim");
        assertThat(claimed.getString("cart.discounts.total.amount")).isEqualTo("0.00");
        assertThat(claimed.getString("priceChange.fromChannel")).isEqualTo("KIOSK");
        assertThat(claimed.getString("priceChange.toChannel")).isEqualTo("MOBILE");
        assertThat(claimed.getString("priceChange.totalBefore.amount")).isEqualTo("35.00");
        assertThat(claimed.getString("priceChange.totalAfter.amount")).isEqualTo("50.00");
        assertThat(claimed.getList("priceChange.warnings.code")).containsExactly("COUPON_NOT_VALID_ON_CHANNEL");
    }

    @Test
    void a_kiosk_only_price_is_warned_of_for_the_channel_that_will_claim_the_cart() {
        var store = data.store("Kiosk price store", 48.4, 11.0);
        var product = data.product("Kiosk price", null, 4000);
        promotion("Kiosk price", "kind", "PERCENTAGE", "percentOff", "10", "channels", List.of("KIOSK"),
                "productIds", List.of(product.id()));
        KioskCart cart = kioskCart(store, product);

        JsonPath toWeb = cart.kiosk().ok(HANDOFF, "input", Map.of("cartId", cart.id(), "receivingChannel", "WEB"))
                .setRootPath("data.cartHandoffCreate.priceChange");
        assertThat(toWeb.getString("toChannel")).isEqualTo("WEB");
        assertThat(toWeb.getString("warnings[0].code")).isEqualTo("PROMOTION_NOT_VALID_ON_CHANNEL");
        assertThat(toWeb.getString("warnings[0].couponCode")).isNull();
        assertThat(toWeb.getString("warnings[0].promotion")).isEqualTo("Kiosk price (10% off)");
        assertThat(toWeb.getString("warnings[0].discountBefore.amount")).isEqualTo("4.00");
        assertThat(toWeb.getString("totalBefore.amount")).isEqualTo("36.00");
        assertThat(toWeb.getString("totalAfter.amount")).isEqualTo("40.00");
        // Handed to another kiosk, the price holds.
        JsonPath toKiosk = cart.kiosk().ok(HANDOFF, "input", Map.of("cartId", cart.id(), "receivingChannel", "KIOSK"))
                .setRootPath("data.cartHandoffCreate.priceChange");
        assertThat(toKiosk.getList("warnings")).isEmpty();
        assertThat(toKiosk.getString("totalAfter.amount")).isEqualTo("36.00");
    }

    /** A kiosk's cart with one unit of the product, and the kiosk client holding its token. */
    record KioskCart(String id, GraphQL kiosk) {
    }

    private static KioskCart kioskCart(TestData.Ref store, TestData.ProductRef product) {
        JsonPath created = GraphQL.as(Tokens.kiosk(store.id()))
                .ok(CREATE, "input", Map.of("lines", List.of(Map.of("variantId", product.variant(0).id(), "quantity", 1))));
        return new KioskCart(created.getString("data.cartCreate.cart.id"),
                GraphQL.as(Tokens.kiosk(store.id())).header("X-Cart-Token", created.getString("data.cartCreate.cartToken")));
    }

    private static void promotion(String name, Object... pairs) {
        Map<String, Object> input = new HashMap<>();
        input.put("name", name);
        for (int i = 0; i < pairs.length; i += 2) {
            input.put((String) pairs[i], pairs[i + 1]);
        }
        JsonPath r = GraphQL.as(Tokens.staff()).ok(PROMOTION, "input", input);
        assertThat(r.getList("data.promotionCreate.userErrors")).as(r.prettify()).isEmpty();
    }
}
