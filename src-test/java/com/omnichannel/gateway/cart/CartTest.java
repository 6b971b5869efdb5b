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
class CartTest {

    @Inject
    TestData data;

    @Inject
    RedisDataSource redis;

    /** Anonymous hand-off claims count per client address, and every test calls from this machine's. */
    @org.junit.jupiter.api.BeforeEach
    void forget_earlier_handoff_attempts_from_this_machine() {
        redis.key().del("cart-handoff-attempts:{ip:127.0.0.1}", "cart-handoff-attempts:{ip:0:0:0:0:0:0:0:1}");
    }

    static final String CART_FIELDS = """
            id version itemCount subtotal { amount currencyCode } channels lastChannel
            fulfilment { type store { id name } }
            lines { id quantity addedFrom unitPrice { amount } subtotal { amount } available warnings { code } variant { id sku } }
            warnings { code message }""";

    static final String CREATE = "mutation($input: CartCreateInput) { cartCreate(input: $input) { cartToken cart { " + CART_FIELDS
            + " } userErrors { code field message } } }";
    static final String ADD = "mutation($input: CartLinesAddInput!) { cartLinesAdd(input: $input) { cart { " + CART_FIELDS
            + " } userErrors { code field message } } }";
    static final String UPDATE = "mutation($input: CartLinesUpdateInput!) { cartLinesUpdate(input: $input) { cart { " + CART_FIELDS
            + " } userErrors { code field message } } }";
    static final String REMOVE = "mutation($input: CartLinesRemoveInput!) { cartLinesRemove(input: $input) { cart { " + CART_FIELDS
            + " } userErrors { code field message } } }";
    static final String FULFILMENT = "mutation($input: CartFulfilmentSetInput!) { cartFulfilmentSet(input: $input) { cart { " + CART_FIELDS
            + " } userErrors { code field message } } }";
    static final String READ = "query($id: ID!) { cart(id: $id) { " + CART_FIELDS + " } }";

    private static Map<String, Object> line(TestData.VariantRef variant, int quantity) {
        return Map.of("variantId", variant.id(), "quantity", quantity);
    }

    record AnonymousCart(String id, String token) {
        GraphQL client() {
            return GraphQL.anonymous().header("X-Cart-Token", token);
        }
    }

    private AnonymousCart anonymousCart(Object... lines) {
        JsonPath created = GraphQL.anonymous().ok(CREATE, "input", Map.of("lines", List.of(lines)));
        assertThat(created.getList("data.cartCreate.userErrors")).isEmpty();
        return new AnonymousCart(created.getString("data.cartCreate.cart.id"), created.getString("data.cartCreate.cartToken"));
    }

    @Test
    void an_anonymous_cart_shows_live_prices_subtotal_and_needs_its_token() {
        var store = data.warehouse("Cart stock", 50.0, 9.0);
        var product = data.product("Cart jacket", null, 4999, 5999);
        data.stock(product.variant(0), store, 10);
        data.stock(product.variant(1), store, 1);
        var cart = anonymousCart(line(product.variant(0), 2), line(product.variant(1), 3));

        JsonPath read = cart.client().ok(READ, "id", cart.id());
        assertThat(read.getInt("data.cart.itemCount")).isEqualTo(5);
        assertThat(read.getString("data.cart.subtotal.amount")).isEqualTo("279.95");
        assertThat(read.getList("data.cart.lines.subtotal.amount")).containsExactly("99.98", "179.97");
        assertThat(read.getList("data.cart.lines.addedFrom")).containsOnly("WEB");
        assertThat(read.getList("data.cart.lines[1].warnings.code")).containsExactly("NOT_ENOUGH_STOCK");
        assertThat(read.getInt("data.cart.lines[1].available")).isEqualTo(1);

        // Prices are never copied into the cart: a price change shows at once.
        data.execute("UPDATE product_variant SET price_minor = 3999 WHERE id = " + product.variant(0).key());
        assertThat(cart.client().ok(READ, "id", cart.id()).getString("data.cart.subtotal.amount")).isEqualTo("259.95");

        assertThat(GraphQL.anonymous().execute(READ, "id", cart.id()).getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");
        var other = anonymousCart(line(product.variant(0), 1));
        assertThat(other.client().execute(READ, "id", cart.id()).getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");
        assertThat(GraphQL.as(Tokens.customer("someone-" + System.nanoTime())).execute(READ, "id", cart.id())
                .getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");
        assertThat(GraphQL.as(Tokens.staff()).ok(READ, "id", cart.id()).getInt("data.cart.itemCount")).isEqualTo(5);
    }

    @Test
    void adding_a_variant_already_in_the_cart_increases_its_quantity_and_update_and_remove_change_lines() {
        var product = data.product("Cart socks", null, 999, 1299);
        var cart = anonymousCart(line(product.variant(0), 1));
        JsonPath added = cart.client().ok(ADD, "input", Map.of("cartId", cart.id(),
                "lines", List.of(line(product.variant(0), 2), line(product.variant(1), 1))));
        assertThat(added.getList("data.cartLinesAdd.cart.lines.quantity")).containsExactly(3, 1);
        assertThat(added.getLong("data.cartLinesAdd.cart.version")).isEqualTo(2);
        String secondLine = added.getString("data.cartLinesAdd.cart.lines[1].id");
        String firstLine = added.getString("data.cartLinesAdd.cart.lines[0].id");

        JsonPath updated = cart.client().ok(UPDATE, "input", Map.of("cartId", cart.id(),
                "lines", List.of(Map.of("lineId", firstLine, "quantity", 7))));
        assertThat(updated.getList("data.cartLinesUpdate.cart.lines.quantity")).containsExactly(7, 1);

        JsonPath removed = cart.client().ok(REMOVE, "input", Map.of("cartId", cart.id(), "lineIds", List.of(secondLine)));
        assertThat(removed.getList("data.cartLinesRemove.cart.lines.id")).containsExactly(firstLine);

        JsonPath zero = cart.client().ok(UPDATE, "input", Map.of("cartId", cart.id(),
                "lines", List.of(Map.of("lineId", firstLine, "quantity", 0))));
        assertThat(zero.getList("data.cartLinesUpdate.cart.lines")).isEmpty();
        assertThat(zero.getString("data.cartLinesUpdate.cart.subtotal.amount")).isEqualTo("0.00");
    }

    @Test
    void bad_lines_are_user_errors_and_leave_the_cart_unchanged() {
        var product = data.product("Cart limits", null, 500);
        var inactive = data.product("Cart inactive", null, 500);
        data.execute("UPDATE product_variant SET active = false WHERE id = " + inactive.variant(0).key());
        var cart = anonymousCart(line(product.variant(0), 998));

        record Case(Object lines, String code) {
        }
        List<Case> cases = List.of(
                new Case(List.of(line(product.variant(0), 0)), "INVALID_QUANTITY"),
                new Case(List.of(line(product.variant(0), 1000)), "INVALID_QUANTITY"),
                new Case(List.of(line(product.variant(0), 2)), "QUANTITY_LIMIT_EXCEEDED"),
                new Case(List.of(line(inactive.variant(0), 1)), "UNKNOWN_VARIANT"),
                new Case(List.of(Map.of("variantId", com.omnichannel.gateway.catalog.ProductVariant.globalId(Long.MAX_VALUE - 9),
                        "quantity", 1)), "UNKNOWN_VARIANT"),
                new Case(List.of(Map.of("variantId", "not-an-id", "quantity", 1)), "UNKNOWN_VARIANT"));
        for (Case c : cases) {
            JsonPath response = cart.client().ok(ADD, "input", Map.of("cartId", cart.id(), "lines", c.lines()));
            assertThat(response.getString("data.cartLinesAdd.userErrors[0].code")).as(c.toString()).isEqualTo(c.code());
        }
        JsonPath after = cart.client().ok(READ, "id", cart.id());
        assertThat(after.getLong("data.cart.version")).isEqualTo(1);
        assertThat(after.getList("data.cart.lines.quantity")).containsExactly(998);

        JsonPath unknown = cart.client().execute(READ, "id", "AAAAAAAAAAAAAAAAAAAAAA");
        assertThat(unknown.getList("errors")).isNull();
        assertThat(unknown.getMap("data")).containsEntry("cart", null);
        assertThat(cart.client().execute(READ, "id", "x").getString("errors[0].extensions.code")).isEqualTo("BAD_USER_INPUT");
    }

    @Test
    void a_stale_expected_version_is_a_conflict_and_changes_nothing() {
        var product = data.product("Cart versions", null, 100);
        var cart = anonymousCart(line(product.variant(0), 1));
        cart.client().ok(ADD, "input", Map.of("cartId", cart.id(), "lines", List.of(line(product.variant(0), 1)), "expectedVersion", 1));
        JsonPath stale = cart.client().ok(ADD, "input", Map.of("cartId", cart.id(),
                "lines", List.of(line(product.variant(0), 1)), "expectedVersion", 1));
        assertThat(stale.getString("data.cartLinesAdd.userErrors[0].code")).isEqualTo("CART_VERSION_CONFLICT");
        assertThat(stale.getString("data.cartLinesAdd.cart")).isNull();
        assertThat(cart.client().ok(READ, "id", cart.id()).getList("data.cart.lines.quantity")).containsExactly(2);
    }

    @Test
    void pickup_fulfilment_counts_stock_at_the_chosen_store() {
        var store = data.store("Pickup store", 48.0, 11.0);
        var elsewhere = data.warehouse("Elsewhere", 50.0, 9.0);
        var product = data.product("Cart pickup", null, 2500);
        data.stock(product.variant(0), store, 1);
        data.stock(product.variant(0), elsewhere, 50);
        var cart = anonymousCart(line(product.variant(0), 2));
        assertThat(cart.client().ok(READ, "id", cart.id()).getList("data.cart.warnings")).isEmpty();

        JsonPath pickup = cart.client().ok(FULFILMENT, "input", Map.of("cartId", cart.id(), "type", "PICKUP", "storeId", store.id()));
        assertThat(pickup.getString("data.cartFulfilmentSet.cart.fulfilment.store.id")).isEqualTo(store.id());
        assertThat(pickup.getInt("data.cartFulfilmentSet.cart.lines[0].available")).isEqualTo(1);
        assertThat(pickup.getList("data.cartFulfilmentSet.cart.warnings.code")).containsExactly("NOT_ENOUGH_STOCK");

        JsonPath warehouse = cart.client().ok(FULFILMENT, "input", Map.of("cartId", cart.id(), "type", "PICKUP", "storeId", elsewhere.id()));
        assertThat(warehouse.getString("data.cartFulfilmentSet.userErrors[0].code")).isEqualTo("INVALID_PICKUP_STORE");
        JsonPath ship = cart.client().ok(FULFILMENT, "input", Map.of("cartId", cart.id(), "type", "SHIP"));
        assertThat(ship.getInt("data.cartFulfilmentSet.cart.lines[0].available")).isEqualTo(51);
    }

    @Test
    void a_signed_in_customer_finds_the_same_cart_on_another_device_and_ttl_follows_the_owner() {
        var product = data.product("Cart across devices", null, 1500);
        String customer = Tokens.customer("customer-" + System.nanoTime());
        JsonPath created = GraphQL.as(customer).channel("WEB").ok(CREATE, "input", Map.of("lines", List.of(line(product.variant(0), 1))));
        String cartId = created.getString("data.cartCreate.cart.id");
        assertThat(created.getString("data.cartCreate.cartToken")).isNull();

        JsonPath mobile = GraphQL.as(customer).channel("MOBILE").ok("{ myCart { id lines { quantity } } }");
        assertThat(mobile.getString("data.myCart.id")).isEqualTo(cartId);
        JsonPath edited = GraphQL.as(customer).channel("MOBILE").ok(ADD, "input", Map.of("cartId", cartId,
                "lines", List.of(line(product.variant(0), 2))));
        assertThat(edited.getList("data.cartLinesAdd.cart.channels")).containsExactly("WEB", "MOBILE");
        assertThat(edited.getString("data.cartLinesAdd.cart.lastChannel")).isEqualTo("MOBILE");
        assertThat(GraphQL.as(customer).ok(READ, "id", cartId).getList("data.cart.lines.quantity")).containsExactly(3);

        long customerTtl = redis.key().ttl("cart:{" + cartId + "}");
        assertThat(customerTtl).isBetween(89L * 86400, 90L * 86400);
        var anonymous = anonymousCart(line(product.variant(0), 1));
        assertThat(redis.key().ttl("cart:{" + anonymous.id() + "}")).isBetween(13L * 86400, 14L * 86400);

        assertThat(GraphQL.anonymous().execute("{ myCart { id } }").getString("errors[0].extensions.code")).isEqualTo("UNAUTHENTICATED");
        assertThat(GraphQL.as(Tokens.customer("no-cart-" + System.nanoTime())).ok("{ myCart { id } }").getString("data.myCart")).isNull();
    }

    @Test
    void two_devices_adding_different_lines_at_the_same_time_lose_nothing() throws Exception {
        var a = data.product("Race A", null, 100);
        var b = data.product("Race B", null, 200);
        var cart = anonymousCart();
        int rounds = 40;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Integer>> devices = new ArrayList<>();
            for (var variant : List.of(a.variant(0), b.variant(0))) {
                devices.add(() -> {
                    int errors = 0;
                    for (int i = 0; i < rounds; i++) {
                        JsonPath r = cart.client().ok(ADD, "input", Map.of("cartId", cart.id(), "lines", List.of(line(variant, 1))));
                        errors += r.getList("data.cartLinesAdd.userErrors").size();
                    }
                    return errors;
                });
            }
            for (Future<Integer> f : pool.invokeAll(devices)) {
                assertThat(f.get()).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
        JsonPath read = cart.client().ok(READ, "id", cart.id());
        assertThat(read.getList("data.cart.lines.quantity")).containsExactlyInAnyOrder(rounds, rounds);
        assertThat(read.getLong("data.cart.version")).isEqualTo(1 + 2L * rounds);
    }

    @Test
    void a_cart_holds_at_most_100_different_items() {
        var category = data.category("Many items", null);
        List<Object> lines = new ArrayList<>();
        TestData.ProductRef last = null;
        for (int i = 0; i < 101; i++) {
            last = data.product("Item " + i, category, 100);
            if (i < 100) {
                lines.add(line(last.variant(0), 1));
            }
        }
        var cart = anonymousCart(lines.toArray());
        JsonPath full = cart.client().ok(ADD, "input", Map.of("cartId", cart.id(), "lines", List.of(line(last.variant(0), 1))));
        assertThat(full.getString("data.cartLinesAdd.userErrors[0].code")).isEqualTo("TOO_MANY_LINES");
        assertThat(cart.client().ok(READ, "id", cart.id()).getList("data.cart.lines")).hasSize(100);
        JsonPath tooManyAtOnce = GraphQL.anonymous().ok(CREATE, "input", Map.of("lines", java.util.Collections.nCopies(101, line(last.variant(0), 1))));
        assertThat(tooManyAtOnce.getString("data.cartCreate.userErrors[0].code")).isEqualTo("TOO_MANY_LINES");
    }

    @Test
    void an_expired_cart_is_not_found_and_cannot_be_changed() {
        var product = data.product("Expiring", null, 100);
        var cart = anonymousCart(line(product.variant(0), 1));
        redis.key().pexpire("cart:{" + cart.id() + "}", 1);
        await(() -> redis.key().exists("cart:{" + cart.id() + "}") == false);
        assertThat(cart.client().execute(READ, "id", cart.id()).getMap("data")).containsEntry("cart", null);
        assertThat(cart.client().execute(ADD, "input", Map.of("cartId", cart.id(), "lines", List.of(line(product.variant(0), 1))))
                .getString("errors[0].extensions.code")).isEqualTo("NOT_FOUND");
        assertThat(redis.key().exists("cart:{" + cart.id() + "}")).isFalse();
    }

    @Test
    void an_expired_handoff_code_is_refused_and_the_cart_stays_with_its_holder() {
        var product = data.product("Expiring handoff", null, 100);
        var cart = anonymousCart(line(product.variant(0), 1));
        String code = cart.client().ok("mutation($input: CartHandoffCreateInput!) { cartHandoffCreate(input: $input) { handoff { code } } }",
                "input", Map.of("cartId", cart.id())).getString("data.cartHandoffCreate.handoff.code");
        String key = "cart-handoff:{" + code.replace("-", "") + "}";
        assertThat(redis.key().ttl(key)).isBetween(290L, 300L);
        redis.key().pexpire(key, 1);
        await(() -> redis.key().exists(key) == false);
        JsonPath claim = GraphQL.anonymous().ok("mutation($input: CartHandoffClaimInput!) { cartHandoffClaim(input: $input) { cart { id } userErrors { code } } }",
                "input", Map.of("code", code));
        assertThat(claim.getString("data.cartHandoffClaim.userErrors[0].code")).isEqualTo("HANDOFF_CODE_INVALID");
        assertThat(cart.client().ok(READ, "id", cart.id()).getString("data.cart.id")).isEqualTo(cart.id());
    }

    @Test
    void carts_keep_working_when_redis_has_lost_its_script_cache_as_after_a_restart() {
        var product = data.product("Script cache", null, 100);
        var cart = anonymousCart(line(product.variant(0), 1));
        redis.execute("SCRIPT", "FLUSH");
        JsonPath added = cart.client().ok(ADD, "input", Map.of("cartId", cart.id(), "lines", List.of(line(product.variant(0), 1))));
        assertThat(added.getList("data.cartLinesAdd.cart.lines.quantity")).containsExactly(2);
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + 5000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
