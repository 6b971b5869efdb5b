package com.omnichannel.gateway.cart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.TestData;
import com.omnichannel.gateway.support.Tokens;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class CartJourneyTest {

    @Inject
    TestData data;

    @Inject
    RedisDataSource redis;

    /** Anonymous hand-off claims count per client address, and every test calls from this machine's. */
    @org.junit.jupiter.api.BeforeEach
    void forget_earlier_handoff_attempts_from_this_machine() {
        redis.key().del("cart-handoff-attempts:{ip:127.0.0.1}", "cart-handoff-attempts:{ip:0:0:0:0:0:0:0:1}");
    }

    static final String LINES = "id version channels lines { quantity addedFrom variant { id } }";
    static final String CREATE = "mutation($input: CartCreateInput) { cartCreate(input: $input) { cartToken cart { " + LINES + " } userErrors { code } } }";
    static final String ADD = "mutation($input: CartLinesAddInput!) { cartLinesAdd(input: $input) { cart { " + LINES + " } userErrors { code } } }";
    static final String ATTACH = "mutation($input: CartAttachToCustomerInput!) { cartAttachToCustomer(input: $input) { cart { " + LINES
            + " } userErrors { code } } }";
    static final String HANDOFF = "mutation($input: CartHandoffCreateInput!) { cartHandoffCreate(input: $input) { handoff { code qrPayload expiresAt } userErrors { code } } }";
    static final String CLAIM = "mutation($input: CartHandoffClaimInput!) { cartHandoffClaim(input: $input) { cartToken cart { " + LINES
            + " } userErrors { code } } }";
    static final String READ = "query($id: ID!) { cart(id: $id) { " + LINES + " } }";
    static final String MY_CART = "{ myCart { " + LINES + " } }";

    private static Map<String, Object> line(TestData.VariantRef variant, int quantity) {
        return Map.of("variantId", variant.id(), "quantity", quantity);
    }

    @Test
    void web_anonymous_cart_merges_on_sign_in_and_mobile_and_web_see_each_others_edits() {
        var product = data.product("Journey", null, 1000, 2000, 3000);
        String customer = Tokens.customer("journey-" + System.nanoTime());
        // The customer already has a cart from an earlier visit on the app.
        JsonPath earlier = GraphQL.as(customer).channel("MOBILE").ok(CREATE, "input",
                Map.of("lines", List.of(line(product.variant(0), 1), line(product.variant(1), 998))));
        String activeId = earlier.getString("data.cartCreate.cart.id");

        JsonPath anonymous = GraphQL.anonymous().channel("WEB").ok(CREATE, "input",
                Map.of("lines", List.of(line(product.variant(0), 2), line(product.variant(1), 5), line(product.variant(2), 1))));
        String anonymousId = anonymous.getString("data.cartCreate.cart.id");
        String token = anonymous.getString("data.cartCreate.cartToken");

        // Signing in on the web: MERGE sums quantities, capped at 999.
        JsonPath merged = GraphQL.as(customer).channel("WEB").header("X-Cart-Token", token)
                .ok(ATTACH, "input", Map.of("cartId", anonymousId));
        assertThat(merged.getString("data.cartAttachToCustomer.cart.id")).isEqualTo(activeId);
        assertThat(merged.getList("data.cartAttachToCustomer.cart.lines.quantity")).containsExactly(3, 999, 1);
        assertThat(merged.getList("data.cartAttachToCustomer.cart.channels")).contains("WEB", "MOBILE");
        // The anonymous cart is gone.
        assertThat(GraphQL.anonymous().header("X-Cart-Token", token).execute(READ, "id", anonymousId).getMap("data"))
                .containsEntry("cart", null);

        // Mobile sees the same lines, edits; web sees the edit.
        JsonPath mobile = GraphQL.as(customer).channel("MOBILE").ok(MY_CART);
        assertThat(mobile.getList("data.myCart.lines.quantity")).containsExactly(3, 999, 1);
        GraphQL.as(customer).channel("MOBILE").ok(ADD, "input", Map.of("cartId", activeId, "lines", List.of(line(product.variant(2), 4))));
        JsonPath web = GraphQL.as(customer).channel("WEB").ok(MY_CART);
        assertThat(web.getList("data.myCart.lines.quantity")).containsExactly(3, 999, 5);
        assertThat(web.getString("data.myCart.lines[2].addedFrom")).isEqualTo("WEB");
    }

    @Test
    void replace_makes_the_anonymous_cart_active_and_keep_existing_discards_it() {
        var product = data.product("Modes", null, 1000, 2000);
        String customer = Tokens.customer("modes-" + System.nanoTime());
        String existing = GraphQL.as(customer).ok(CREATE, "input", Map.of("lines", List.of(line(product.variant(0), 1))))
                .getString("data.cartCreate.cart.id");

        JsonPath first = GraphQL.anonymous().ok(CREATE, "input", Map.of("lines", List.of(line(product.variant(1), 2))));
        JsonPath replaced = GraphQL.as(customer).header("X-Cart-Token", first.getString("data.cartCreate.cartToken"))
                .ok(ATTACH, "input", Map.of("cartId", first.getString("data.cartCreate.cart.id"), "mode", "REPLACE"));
        assertThat(replaced.getString("data.cartAttachToCustomer.cart.id")).isEqualTo(first.getString("data.cartCreate.cart.id"));
        assertThat(GraphQL.as(customer).ok(MY_CART).getList("data.myCart.lines.quantity")).containsExactly(2);

        JsonPath second = GraphQL.anonymous().ok(CREATE, "input", Map.of("lines", List.of(line(product.variant(0), 7))));
        JsonPath kept = GraphQL.as(customer).header("X-Cart-Token", second.getString("data.cartCreate.cartToken"))
                .ok(ATTACH, "input", Map.of("cartId", second.getString("data.cartCreate.cart.id"), "mode", "KEEP_EXISTING"));
        assertThat(kept.getString("data.cartAttachToCustomer.cart.id")).isEqualTo(first.getString("data.cartCreate.cart.id"));
        assertThat(kept.getList("data.cartAttachToCustomer.cart.lines.quantity")).containsExactly(2);
        assertThat(existing).isNotEqualTo(first.getString("data.cartCreate.cart.id"));
    }

    @Test
    void attaching_needs_a_signed_in_customer_and_the_cart_token() {
        var product = data.product("Attach rules", null, 1000);
        JsonPath anonymous = GraphQL.anonymous().ok(CREATE, "input", Map.of("lines", List.of(line(product.variant(0), 1))));
        String id = anonymous.getString("data.cartCreate.cart.id");
        assertThat(GraphQL.anonymous().header("X-Cart-Token", anonymous.getString("data.cartCreate.cartToken"))
                .execute(ATTACH, "input", Map.of("cartId", id)).getString("errors[0].extensions.code")).isEqualTo("UNAUTHENTICATED");
        assertThat(GraphQL.as(Tokens.customer("thief-" + System.nanoTime())).execute(ATTACH, "input", Map.of("cartId", id))
                .getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");
        // Still there, unchanged.
        assertThat(GraphQL.anonymous().header("X-Cart-Token", anonymous.getString("data.cartCreate.cartToken")).ok(READ, "id", id)
                .getList("data.cart.lines.quantity")).containsExactly(1);
    }

    @Test
    void a_kiosk_cart_is_handed_to_a_phone_with_a_short_code_that_works_once() {
        var store = data.store("Handoff store", 52.0, 13.0);
        var product = data.product("Handoff", null, 4500);
        GraphQL kiosk = GraphQL.as(Tokens.kiosk(store.id()));
        JsonPath created = kiosk.ok(CREATE, "input", Map.of("lines", List.of(line(product.variant(0), 2))));
        String cartId = created.getString("data.cartCreate.cart.id");
        String kioskToken = created.getString("data.cartCreate.cartToken");
        assertThat(created.getList("data.cartCreate.cart.lines.addedFrom")).containsExactly("KIOSK");

        JsonPath handoff = kiosk.header("X-Cart-Token", kioskToken).ok(HANDOFF, "input", Map.of("cartId", cartId));
        String code = handoff.getString("data.cartHandoffCreate.handoff.code");
        assertThat(code).matches("[A-Z2-9]{4}-[A-Z2-9]{4}");
        assertThat(handoff.getString("data.cartHandoffCreate.handoff.qrPayload")).isEqualTo("https://shop.example/handoff/" + code.replace("-", ""));

        // The phone types it in lower case without the dash.
        JsonPath claimed = GraphQL.anonymous().channel("MOBILE").ok(CLAIM, "input", Map.of("code", code.replace("-", "").toLowerCase()));
        assertThat(claimed.getString("data.cartHandoffClaim.cart.id")).isEqualTo(cartId);
        assertThat(claimed.getList("data.cartHandoffClaim.cart.lines.quantity")).containsExactly(2);
        String phoneToken = claimed.getString("data.cartHandoffClaim.cartToken");
        assertThat(GraphQL.anonymous().header("X-Cart-Token", phoneToken).ok(READ, "id", cartId).getString("data.cart.id")).isEqualTo(cartId);
        // The kiosk has let go of it.
        assertThat(GraphQL.anonymous().header("X-Cart-Token", kioskToken).execute(READ, "id", cartId)
                .getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");
        // A code works once.
        assertThat(GraphQL.anonymous().ok(CLAIM, "input", Map.of("code", code)).getString("data.cartHandoffClaim.userErrors[0].code"))
                .isEqualTo("HANDOFF_CODE_INVALID");
    }

    @Test
    void a_signed_in_phone_claiming_a_handoff_gets_it_merged_into_its_cart() {
        var store = data.store("Handoff merge store", 52.0, 13.0);
        var product = data.product("Handoff merge", null, 4500, 100);
        String customer = Tokens.customer("phone-" + System.nanoTime());
        String active = GraphQL.as(customer).ok(CREATE, "input", Map.of("lines", List.of(line(product.variant(1), 1))))
                .getString("data.cartCreate.cart.id");
        JsonPath kioskCart = GraphQL.as(Tokens.kiosk(store.id())).ok(CREATE, "input", Map.of("lines", List.of(line(product.variant(0), 1))));
        String code = GraphQL.as(Tokens.kiosk(store.id())).header("X-Cart-Token", kioskCart.getString("data.cartCreate.cartToken"))
                .ok(HANDOFF, "input", Map.of("cartId", kioskCart.getString("data.cartCreate.cart.id")))
                .getString("data.cartHandoffCreate.handoff.code");
        JsonPath claimed = GraphQL.as(customer).channel("MOBILE").ok(CLAIM, "input", Map.of("code", code));
        assertThat(claimed.getString("data.cartHandoffClaim.cart.id")).isEqualTo(active);
        assertThat(claimed.getList("data.cartHandoffClaim.cart.lines.quantity")).containsExactly(1, 1);
        assertThat(claimed.getList("data.cartHandoffClaim.cart.channels")).contains("KIOSK");
    }

    @Test
    void guessing_handoff_codes_is_cut_off_after_ten_attempts() {
        GraphQL guesser = GraphQL.as(Tokens.customer("guesser-" + System.nanoTime()));
        for (int i = 0; i < 10; i++) {
            assertThat(guesser.ok(CLAIM, "input", Map.of("code", "ABCD-EFG" + (char) ('A' + i % 8)))
                    .getString("data.cartHandoffClaim.userErrors[0].code")).isEqualTo("HANDOFF_CODE_INVALID");
        }
        assertThat(guesser.ok(CLAIM, "input", Map.of("code", "ABCD-EFGH")).getString("data.cartHandoffClaim.userErrors[0].code"))
                .isEqualTo("HANDOFF_ATTEMPTS_EXCEEDED");
    }

    @Test
    void a_merge_on_sign_in_racing_with_adds_on_another_device_loses_nothing() throws Exception {
        var product = data.product("Merge race", null, 100, 200);
        String customer = Tokens.customer("racer-" + System.nanoTime());
        String active = GraphQL.as(customer).ok(CREATE, "input", Map.of("lines", List.of(line(product.variant(0), 1))))
                .getString("data.cartCreate.cart.id");
        int rounds = 15;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Boolean>> devices = new ArrayList<>();
            devices.add(() -> {
                for (int i = 0; i < rounds; i++) {
                    JsonPath anonymous = GraphQL.anonymous().ok(CREATE, "input", Map.of("lines", List.of(line(product.variant(1), 1))));
                    GraphQL.as(customer).header("X-Cart-Token", anonymous.getString("data.cartCreate.cartToken"))
                            .ok(ATTACH, "input", Map.of("cartId", anonymous.getString("data.cartCreate.cart.id")));
                }
                return true;
            });
            devices.add(() -> {
                for (int i = 0; i < rounds; i++) {
                    GraphQL.as(customer).channel("MOBILE").ok(ADD, "input", Map.of("cartId", active, "lines", List.of(line(product.variant(0), 1))));
                }
                return true;
            });
            for (Future<Boolean> f : pool.invokeAll(devices)) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(GraphQL.as(customer).ok(MY_CART).getList("data.myCart.lines.quantity")).containsExactly(1 + rounds, rounds);
    }
}
