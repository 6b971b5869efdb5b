package com.omnichannel.gateway.cart;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.checkout.Checkouts;
import com.omnichannel.gateway.support.Accounts;
import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.TestData;
import com.omnichannel.gateway.support.Tokens;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Every path that gives a cart to a device records that device's channel, so the order placed from it and the
 * channel figures see the journey across channels.
 */
@QuarkusTest
class CartChannelsTest {

    static final String FIELDS = "id channels lastChannel lines { quantity addedFrom }";
    static final String CREATE = "mutation($input: CartCreateInput) { cartCreate(input: $input) { cartToken cart { " + FIELDS
            + " } userErrors { code } } }";
    static final String ATTACH = "mutation($input: CartAttachToCustomerInput!) { cartAttachToCustomer(input: $input) { cart { " + FIELDS
            + " } userErrors { code } } }";
    static final String HANDOFF = "mutation($input: CartHandoffCreateInput!) { cartHandoffCreate(input: $input) { handoff { code } userErrors { code } } }";
    static final String CLAIM = "mutation($input: CartHandoffClaimInput!) { cartHandoffClaim(input: $input) { cartToken cart { " + FIELDS
            + " } userErrors { code } } }";
    static final String INSIGHTS = """
            query($from: DateTime!, $to: DateTime!) { channelInsights(from: $from, to: $to) {
              crossChannelOrders channelPairs { from to orders } } }""";

    @Inject
    TestData data;

    @Inject
    RedisDataSource redis;

    @BeforeEach
    void forget_earlier_handoff_attempts_from_this_machine() {
        redis.key().del("cart-handoff-attempts:{ip:127.0.0.1}", "cart-handoff-attempts:{ip:0:0:0:0:0:0:0:1}");
    }

    @Test
    void a_kiosk_cart_claimed_on_an_anonymous_phone_records_the_phone() {
        var store = data.store("Channels claim store", 52.0, 13.0);
        var product = data.product("Channels claim", null, 1500);
        String code = kioskHandoff(store, product);

        JsonPath claimed = GraphQL.anonymous().channel("MOBILE").ok(CLAIM, "input", Map.of("code", code));
        assertThat(claimed.getList("data.cartHandoffClaim.cart.channels")).containsExactly("KIOSK", "MOBILE");
        assertThat(claimed.getString("data.cartHandoffClaim.cart.lastChannel")).isEqualTo("MOBILE");
        // Lines keep the channel they were added from.
        assertThat(claimed.getList("data.cartHandoffClaim.cart.lines.addedFrom")).containsExactly("KIOSK");
    }

    @Test
    void a_kiosk_cart_claimed_by_a_signed_in_customer_without_a_cart_records_the_phone() {
        var store = data.store("Channels claim customer store", 52.0, 13.0);
        var product = data.product("Channels claim customer", null, 1500);
        String code = kioskHandoff(store, product);

        GraphQL phone = GraphQL.as(Tokens.customer("claimer-" + System.nanoTime())).channel("MOBILE");
        JsonPath claimed = phone.ok(CLAIM, "input", Map.of("code", code));
        assertThat(claimed.getList("data.cartHandoffClaim.cart.channels")).containsExactly("KIOSK", "MOBILE");
        assertThat(claimed.getString("data.cartHandoffClaim.cart.lastChannel")).isEqualTo("MOBILE");
        assertThat(phone.ok("{ myCart { " + FIELDS + " } }").getList("data.myCart.channels")).containsExactly("KIOSK", "MOBILE");
    }

    @Test
    void attaching_a_web_cart_from_the_app_records_the_app_whatever_the_mode() {
        var product = data.product("Channels attach", null, 1500);
        for (String mode : List.of("MERGE", "REPLACE")) {
            JsonPath web = GraphQL.anonymous().channel("WEB").ok(CREATE, "input", Map.of("lines", List.of(line(product.variant(0), 1))));
            GraphQL phone = GraphQL.as(Tokens.customer("attacher-" + System.nanoTime())).channel("MOBILE")
                    .header("X-Cart-Token", web.getString("data.cartCreate.cartToken"));
            JsonPath attached = phone.ok(ATTACH, "input", Map.of("cartId", web.getString("data.cartCreate.cart.id"), "mode", mode));
            assertThat(attached.getList("data.cartAttachToCustomer.cart.channels")).as(mode).containsExactly("WEB", "MOBILE");
            assertThat(attached.getString("data.cartAttachToCustomer.cart.lastChannel")).as(mode).isEqualTo("MOBILE");
        }
    }

    @Test
    void web_then_sign_in_on_mobile_then_checkout_is_one_cross_channel_order_with_the_accounts_email() {
        var product = data.product("Channels web mobile", null, 2500);
        data.stock(product.variant(0), data.warehouse("Channels web mobile warehouse", 51.0, 9.5), 5);
        Window window = Window.aroundNow();
        JsonPath before = window.insights();

        JsonPath web = GraphQL.anonymous().channel("WEB").ok(CREATE, "input", Map.of("lines", List.of(line(product.variant(0), 2))));
        String cartId = web.getString("data.cartCreate.cart.id");
        Accounts.Account account = Accounts.register();
        GraphQL phone = account.client().channel("MOBILE");
        phone.header("X-Cart-Token", web.getString("data.cartCreate.cartToken")).ok(ATTACH, "input", Map.of("cartId", cartId));

        Map<String, Object> input = Checkouts.input(new Checkouts.CartRef(cartId, phone), UUID.randomUUID().toString(),
                Checkouts.ship(), Checkouts.card("4242424242424242"));
        input.remove("email");
        JsonPath result = phone.ok(Checkouts.CHECKOUT, "input", input);
        assertThat(result.getList("data.checkoutComplete.userErrors")).as(result.prettify()).isEmpty();
        JsonPath order = result.setRootPath("data.checkoutComplete.order");
        assertThat(order.getString("sourceChannel")).isEqualTo("MOBILE");
        assertThat(order.getList("cartChannels")).containsExactly("WEB", "MOBILE");
        // Tokens carry no email: the order takes the account's, and staff find it by that email.
        assertThat(order.getString("email")).isEqualTo(account.email());
        JsonPath found = GraphQL.as(Tokens.staff()).ok("query($email: String) { orders(filter: { email: $email }) { edges { node { number } } } }",
                "email", account.email().toUpperCase());
        assertThat(found.getList("data.orders.edges.node.number")).containsExactly(order.getString("number"));

        JsonPath after = window.insights();
        assertThat(after.getInt("data.channelInsights.crossChannelOrders") - before.getInt("data.channelInsights.crossChannelOrders"))
                .isEqualTo(1);
        assertThat(Window.pairOrders(after, "WEB", "MOBILE") - Window.pairOrders(before, "WEB", "MOBILE")).isEqualTo(1);
    }

    @Test
    void kiosk_then_claim_on_a_phone_then_checkout_counts_kiosk_to_mobile() {
        var store = data.store("Channels kiosk journey store", 52.0, 13.0);
        var product = data.product("Channels kiosk journey", null, 1500);
        data.stock(product.variant(0), store, 5);
        Window window = Window.aroundNow();
        JsonPath before = window.insights();
        String code = kioskHandoff(store, product);
        JsonPath claimed = GraphQL.anonymous().channel("MOBILE").ok(CLAIM, "input", Map.of("code", code));
        GraphQL phone = GraphQL.anonymous().channel("MOBILE").header("X-Cart-Token", claimed.getString("data.cartHandoffClaim.cartToken"));
        Checkouts.CartRef cart = new Checkouts.CartRef(claimed.getString("data.cartHandoffClaim.cart.id"), phone);

        JsonPath order = Checkouts.placed(cart, Checkouts.pickup(store), Checkouts.payInStore());
        assertThat(order.getList("cartChannels")).containsExactly("KIOSK", "MOBILE");

        JsonPath after = window.insights();
        assertThat(Window.pairOrders(after, "KIOSK", "MOBILE") - Window.pairOrders(before, "KIOSK", "MOBILE")).isEqualTo(1);
    }

    /** An hour either side of now: tests run one after another, so the difference before and after is this test's. */
    record Window(OffsetDateTime from, OffsetDateTime to) {
        static Window aroundNow() {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            return new Window(now.minusHours(1), now.plusHours(1));
        }

        JsonPath insights() {
            return GraphQL.as(Tokens.staff()).ok(INSIGHTS, "from", from.toString(), "to", to.toString());
        }

        static int pairOrders(JsonPath insights, String from, String to) {
            List<Map<String, Object>> pairs = insights.getList("data.channelInsights.channelPairs");
            return pairs.stream().filter(p -> from.equals(p.get("from")) && to.equals(p.get("to")))
                    .mapToInt(p -> (Integer) p.get("orders")).sum();
        }
    }

    private String kioskHandoff(TestData.Ref store, TestData.ProductRef product) {
        GraphQL kiosk = GraphQL.as(Tokens.kiosk(store.id()));
        JsonPath created = kiosk.ok(CREATE, "input", Map.of("lines", List.of(line(product.variant(0), 1))));
        assertThat(created.getList("data.cartCreate.cart.channels")).containsExactly("KIOSK");
        return kiosk.header("X-Cart-Token", created.getString("data.cartCreate.cartToken"))
                .ok(HANDOFF, "input", Map.of("cartId", created.getString("data.cartCreate.cart.id")))
                .getString("data.cartHandoffCreate.handoff.code");
    }

    private static Map<String, Object> line(TestData.VariantRef variant, int quantity) {
        return Map.of("variantId", variant.id(), "quantity", quantity);
    }
}
