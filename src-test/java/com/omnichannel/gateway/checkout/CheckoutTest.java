package com.omnichannel.gateway.checkout;

import static com.omnichannel.gateway.checkout.Checkouts.CHECKOUT;
import static com.omnichannel.gateway.checkout.Checkouts.card;
import static com.omnichannel.gateway.checkout.Checkouts.checkout;
import static com.omnichannel.gateway.checkout.Checkouts.customerCart;
import static com.omnichannel.gateway.checkout.Checkouts.guestCart;
import static com.omnichannel.gateway.checkout.Checkouts.input;
import static com.omnichannel.gateway.checkout.Checkouts.line;
import static com.omnichannel.gateway.checkout.Checkouts.payInStore;
import static com.omnichannel.gateway.checkout.Checkouts.pickup;
import static com.omnichannel.gateway.checkout.Checkouts.placed;
import static com.omnichannel.gateway.checkout.Checkouts.ship;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.TestData;
import com.omnichannel.gateway.support.Tokens;

import io.restassured.path.json.JsonPath;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class CheckoutTest {

    @Inject
    TestData data;

    @Test
    void a_guest_picks_up_and_pays_in_store_with_prices_frozen_tax_included_and_stock_reserved_at_the_store() {
        var store = data.store("Checkout pickup store", 52.5, 13.4);
        var product = data.product("Checkout boots", null, 11900, 2500);
        data.stock(product.variant(0), store, 4);
        data.stock(product.variant(1), store, 10);
        var cart = guestCart(line(product.variant(0), 1), line(product.variant(1), 2));

        JsonPath order = placed(cart, pickup(store), payInStore());

        assertThat(order.getString("number")).matches("OC-[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}");
        assertThat(order.getString("status")).isEqualTo("PLACED");
        assertThat(order.getList("nextStatuses")).containsExactlyInAnyOrder("CONFIRMED", "CANCELLED");
        assertThat(order.getString("email")).isEqualTo("guest@example.com");
        assertThat(order.getString("fulfilmentType")).isEqualTo("PICKUP");
        assertThat(order.getString("pickupStore.id")).isEqualTo(store.id());
        assertThat(order.getString("sourceChannel")).isEqualTo("WEB");
        // 119.00 + 2 × 25.00 = 169.00, German VAT 19% included: 119.00 → 19.00, 50.00 → 7.98.
        assertThat(order.getString("subtotal.amount")).isEqualTo("169.00");
        assertThat(order.getString("shippingTotal.amount")).isEqualTo("0.00");
        assertThat(order.getString("taxTotal.amount")).isEqualTo("26.98");
        assertThat(order.getString("total.amount")).isEqualTo("169.00");
        assertThat(order.getBoolean("pricesIncludeTax")).isTrue();
        assertThat(order.getString("paymentMethod")).isEqualTo("PAY_IN_STORE");
        assertThat(order.getString("paymentStatus")).isEqualTo("PENDING");
        assertThat(order.getList("lines.sku")).containsExactly(product.variant(0).sku(), product.variant(1).sku());
        assertThat(order.getList("lines.productName")).containsOnly("Checkout boots");
        assertThat(order.getList("lines.unitPrice.amount")).containsExactly("119.00", "25.00");
        assertThat(order.getList("lines.variant.id")).containsExactly(product.variant(0).id(), product.variant(1).id());
        assertThat(order.getList("shipments")).hasSize(1);
        assertThat(order.getString("shipments[0].location.id")).isEqualTo(store.id());
        assertThat(order.getString("shipments[0].status")).isEqualTo("PENDING");
        assertThat(order.getList("shipments[0].lines.quantity")).containsExactly(1, 2);
        assertThat(order.getList("timeline.kind")).containsExactly("PLACED");

        assertThat(data.stockRow(product.variant(0), store).getInteger("reserved")).isEqualTo(1);
        assertThat(data.stockRow(product.variant(1), store).getInteger("reserved")).isEqualTo(2);
        assertThat(data.count("SELECT count(*) FROM stock_movement WHERE variant_id = $1 AND kind = 'RESERVATION' AND reference = $2",
                product.variant(1).key(), order.getString("number"))).isEqualTo(1);

        // Prices are frozen: a later price change does not touch the order.
        data.execute("UPDATE product_variant SET price_minor = 99 WHERE id = " + product.variant(0).key());
        JsonPath again = GraphQL.as(Tokens.staff()).ok("query($n: String) { order(number: $n) { lines { unitPrice { amount } } total { amount } } }",
                "n", order.getString("number"));
        assertThat(again.getList("data.order.lines.unitPrice.amount")).containsExactly("119.00", "25.00");
        assertThat(again.getString("data.order.total.amount")).isEqualTo("169.00");

        // The cart is gone.
        JsonPath cartRead = cart.client().execute("query($id: ID!) { cart(id: $id) { id } }", "id", cart.id());
        assertThat(cartRead.getList("errors")).isNull();
        assertThat(cartRead.getMap("data")).containsEntry("cart", null);
    }

    @Test
    void shipping_costs_a_flat_rate_below_the_threshold_and_nothing_above_it() {
        var warehouse = data.warehouse("Checkout shipping warehouse", 51.0, 9.5);
        var product = data.product("Checkout socks", null, 1000);
        data.stock(product.variant(0), warehouse, 100);

        JsonPath small = placed(guestCart(line(product.variant(0), 2)), ship(), card("4242 4242 4242 4242"));
        assertThat(small.getString("subtotal.amount")).isEqualTo("20.00");
        assertThat(small.getString("shippingTotal.amount")).isEqualTo("4.95");
        assertThat(small.getString("total.amount")).isEqualTo("24.95");
        // 19% contained in 20.00 (3.19) and in 4.95 (0.79).
        assertThat(small.getString("taxTotal.amount")).isEqualTo("3.98");
        assertThat(small.getString("paymentStatus")).isEqualTo("AUTHORIZED");
        assertThat(small.getString("cardLast4")).isEqualTo("4242");
        assertThat(small.getString("shippingAddress.city")).isEqualTo("Berlin");

        JsonPath large = placed(guestCart(line(product.variant(0), 5)), ship(), card("4242424242424242"));
        assertThat(large.getString("shippingTotal.amount")).isEqualTo("0.00");
        assertThat(large.getString("total.amount")).isEqualTo("50.00");
    }

    @Test
    void a_shipped_order_comes_from_one_warehouse_when_it_can_and_is_split_across_locations_when_it_cannot() {
        var warehouse = data.warehouse("Checkout split warehouse", 51.0, 9.5);
        var store = data.store("Checkout split store", 52.0, 13.0);
        var product = data.product("Checkout split tee", null, 1500, 1500);
        data.stock(product.variant(0), warehouse, 3);
        data.stock(product.variant(0), store, 5);
        data.stock(product.variant(1), store, 2);

        // Variant 0 alone: the warehouse has enough, so it ships from there although the store has more.
        JsonPath fromWarehouse = placed(guestCart(line(product.variant(0), 2)), ship(), card("4242424242424242"));
        assertThat(fromWarehouse.getList("shipments.location.id")).containsExactly(warehouse.id());

        // Variant 1 exists only in the store; variant 0 still has 1 in the warehouse: one store parcel fills it all.
        JsonPath fromStore = placed(guestCart(line(product.variant(0), 1), line(product.variant(1), 1)), ship(), card("4242424242424242"));
        assertThat(fromStore.getList("shipments.location.id")).containsExactly(store.id());

        // 5 of variant 0: the warehouse has 1 left, the store 4: split, the warehouse first.
        JsonPath split = placed(guestCart(line(product.variant(0), 5)), ship(), card("4242424242424242"));
        assertThat(split.getList("shipments")).hasSize(2);
        Map<String, Integer> byLocation = new HashMap<>();
        for (int i = 0; i < 2; i++) {
            byLocation.put(split.getString("shipments[" + i + "].location.id"), split.getInt("shipments[" + i + "].lines[0].quantity"));
        }
        assertThat(byLocation).containsEntry(warehouse.id(), 1).containsEntry(store.id(), 4);
        assertThat(data.stockRow(product.variant(0), warehouse).getInteger("reserved")).isEqualTo(3);
        assertThat(data.stockRow(product.variant(0), store).getInteger("reserved")).isEqualTo(5);
    }

    @Test
    void a_customer_order_records_the_channels_the_cart_came_through() {
        String customerId = "customer-" + UUID.randomUUID();
        GraphQL web = GraphQL.as(Tokens.customer(customerId));
        var store = data.store("Checkout channels store", 52.0, 13.0);
        var product = data.product("Checkout channel cap", null, 2000, 2100);
        data.stock(product.variant(0), store, 5);
        data.stock(product.variant(1), store, 5);
        var cart = customerCart(web, line(product.variant(0), 1));
        GraphQL.as(Tokens.customer(customerId)).channel("MOBILE").ok("""
                mutation($input: CartLinesAddInput!) { cartLinesAdd(input: $input) { userErrors { code } } }""",
                "input", Map.of("cartId", cart.id(), "lines", List.of(line(product.variant(1), 1))));

        Map<String, Object> input = input(cart, UUID.randomUUID().toString(), pickup(store), card("5555555555554444"));
        input.remove("email");
        JsonPath order = GraphQL.as(Tokens.customer(customerId)).channel("MOBILE").ok(CHECKOUT, "input", input)
                .setRootPath("data.checkoutComplete.order");

        assertThat(order.getString("sourceChannel")).isEqualTo("MOBILE");
        assertThat(order.getList("cartChannels")).containsExactly("WEB", "MOBILE");
        assertThat(order.getList("lines.channel")).containsExactly("WEB", "MOBILE");
        JsonPath mine = web.ok("{ myOrders(first: 5) { edges { node { number } } } }");
        assertThat(mine.getList("data.myOrders.edges.node.number")).containsExactly(order.getString("number"));
        assertThat(web.ok("{ myCart { id } }").getString("data.myCart")).isNull();
    }

    @Test
    void retrying_with_the_same_key_returns_the_same_order_and_reusing_it_for_another_checkout_is_refused() {
        var store = data.store("Checkout idempotent store", 52.0, 13.0);
        var product = data.product("Checkout idempotent mug", null, 900);
        data.stock(product.variant(0), store, 10);
        var cart = guestCart(line(product.variant(0), 2));
        String key = UUID.randomUUID().toString();
        Map<String, Object> input = input(cart, key, pickup(store), payInStore());

        JsonPath first = cart.client().ok(CHECKOUT, "input", input);
        JsonPath retry = cart.client().ok(CHECKOUT, "input", input);
        assertThat(retry.getList("data.checkoutComplete.userErrors")).isEmpty();
        assertThat(retry.getString("data.checkoutComplete.order.number")).isEqualTo(first.getString("data.checkoutComplete.order.number"));
        assertThat(data.count("SELECT count(*) FROM customer_order WHERE idempotency_key = $1", key)).isEqualTo(1);
        assertThat(data.stockRow(product.variant(0), store).getInteger("reserved")).isEqualTo(2);

        var other = guestCart(line(product.variant(0), 1));
        JsonPath reused = other.client().ok(CHECKOUT, "input", input(other, key, pickup(store), payInStore()));
        assertThat(reused.getString("data.checkoutComplete.userErrors[0].code")).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(reused.getString("data.checkoutComplete.order")).isNull();
        assertThat(data.stockRow(product.variant(0), store).getInteger("reserved")).isEqualTo(2);
    }

    @Test
    void a_declined_card_creates_no_order_and_reserves_nothing() {
        var warehouse = data.warehouse("Checkout decline warehouse", 51.0, 9.5);
        var product = data.product("Checkout declined lamp", null, 5000);
        data.stock(product.variant(0), warehouse, 3);
        var cart = guestCart(line(product.variant(0), 1));
        String key = UUID.randomUUID().toString();

        for (String declined : List.of("4000000000000002", "4000000000009995")) {
            JsonPath result = cart.client().ok(CHECKOUT, "input", input(cart, key, ship(), card(declined)));
            assertThat(result.getString("data.checkoutComplete.userErrors[0].code")).isEqualTo("PAYMENT_DECLINED");
            assertThat(result.getString("data.checkoutComplete.order")).isNull();
        }
        assertThat(data.count("SELECT count(*) FROM customer_order WHERE idempotency_key = $1", key)).isZero();
        assertThat(data.stockRow(product.variant(0), warehouse).getInteger("reserved")).isZero();
        // The cart is still there to try another card.
        assertThat(cart.client().ok("query($id: ID!) { cart(id: $id) { itemCount } }", "id", cart.id())
                .getInt("data.cart.itemCount")).isEqualTo(1);
    }

    @Test
    void insufficient_stock_fails_the_whole_checkout_naming_the_lines_and_what_is_available() {
        var store = data.store("Checkout short store", 52.0, 13.0);
        var product = data.product("Checkout short vase", null, 3000, 3100);
        data.stock(product.variant(0), store, 5);
        data.stock(product.variant(1), store, 1);
        var cart = guestCart(line(product.variant(0), 2), line(product.variant(1), 3));

        JsonPath result = checkout(cart, pickup(store), payInStore());

        assertThat(result.getString("data.checkoutComplete.order")).isNull();
        assertThat(result.getList("data.checkoutComplete.userErrors.code")).containsExactly("INSUFFICIENT_STOCK");
        assertThat(result.getString("data.checkoutComplete.userErrors[0].message")).contains(product.variant(1).sku()).contains("1 available");
        assertThat(result.getInt("data.checkoutComplete.stockShortages[0].requested")).isEqualTo(3);
        assertThat(result.getInt("data.checkoutComplete.stockShortages[0].available")).isEqualTo(1);
        assertThat(result.getString("data.checkoutComplete.stockShortages[0].variant.id")).isEqualTo(product.variant(1).id());
        assertThat(data.stockRow(product.variant(0), store).getInteger("reserved")).isZero();
        assertThat(data.count("SELECT count(*) FROM customer_order WHERE cart_id = $1", cart.id())).isZero();
    }

    @Test
    void an_order_planned_from_stock_that_has_changed_since_is_placed_from_the_levels_as_they_are() {
        var warehouse = data.warehouse("Checkout stale warehouse", 51.0, 9.5);
        var store = data.store("Checkout stale store", 52.0, 13.0);
        var product = data.product("Checkout stale scarf", null, 2000);
        data.stock(product.variant(0), warehouse, 5);
        data.stock(product.variant(0), store, 5);
        var cart = guestCart(line(product.variant(0), 3));
        assertThat(availableInCart(cart)).as("the levels as the service has seen them").isEqualTo(10);
        // Four of the warehouse's units are reserved behind the service's back (as if its news were late): the plan
        // made from what it saw takes all three from the warehouse, which no longer has them.
        data.writeBehindTheService("UPDATE stock_level SET reserved = 4 WHERE variant_id = $1 AND location_id = $2",
                product.variant(0).key(), warehouse.key());

        JsonPath order = placed(cart, ship(), card("4242424242424242"));

        assertThat(order.getList("shipments.location.id")).containsExactly(store.id());
        assertThat(data.stockRow(product.variant(0), warehouse).getInteger("reserved")).isEqualTo(4);
        assertThat(data.stockRow(product.variant(0), store).getInteger("reserved")).isEqualTo(3);
        assertThat(data.count("SELECT count(*) FROM stock_movement WHERE variant_id = $1 AND reference = $2",
                product.variant(0).key(), order.getString("number"))).as("no trace of the attempt that rolled back").isEqualTo(1);
    }

    @Test
    void a_shortage_in_stock_seen_earlier_is_checked_against_the_levels_as_they_are() {
        var store = data.store("Checkout restocked store", 52.0, 13.0);
        var product = data.product("Checkout restocked mug", null, 900);
        data.stock(product.variant(0), store, 1);
        var cart = guestCart(line(product.variant(0), 3));
        assertThat(availableInCart(cart)).isEqualTo(1);
        data.writeBehindTheService("UPDATE stock_level SET on_hand = 10 WHERE variant_id = $1 AND location_id = $2",
                product.variant(0).key(), store.key());

        JsonPath order = placed(cart, pickup(store), payInStore());

        assertThat(order.getList("lines.quantity")).containsExactly(3);
        assertThat(data.stockRow(product.variant(0), store).getInteger("reserved")).isEqualTo(3);
    }

    private static int availableInCart(Checkouts.CartRef cart) {
        return cart.client().ok("query($id: ID!) { cart(id: $id) { lines { available } } }", "id", cart.id())
                .getInt("data.cart.lines[0].available");
    }


    @Test
    void bad_input_gets_a_clear_error_and_changes_nothing() {
        var store = data.store("Checkout bad input store", 52.0, 13.0);
        var warehouse = data.warehouse("Checkout bad input warehouse", 51.0, 9.0);
        var product = data.product("Checkout bad input pen", null, 300);
        data.stock(product.variant(0), store, 5);
        data.stock(product.variant(0), warehouse, 5);
        var cart = guestCart(line(product.variant(0), 1));

        // Empty cart.
        var empty = guestCart();
        assertThat(code(empty, input(empty, UUID.randomUUID().toString(), pickup(store), payInStore()))).isEqualTo("CART_EMPTY");
        // Unknown (or expired) cart.
        Map<String, Object> expired = input(cart, UUID.randomUUID().toString(), pickup(store), payInStore());
        expired.put("cartId", "NoSuchCartNoSuchCart00");
        assertThat(code(cart, expired)).isEqualTo("CART_NOT_FOUND");
        // Unknown store: a warehouse is not a store.
        assertThat(code(cart, input(cart, UUID.randomUUID().toString(), pickup(warehouse), payInStore()))).isEqualTo("INVALID_PICKUP_STORE");
        // Invalid address fields.
        Map<String, Object> noCity = new HashMap<>(ship());
        Map<String, Object> address = new HashMap<>(castMap(noCity.get("address")));
        address.put("city", " ");
        noCity.put("address", address);
        assertThat(code(cart, input(cart, UUID.randomUUID().toString(), noCity, card("4242424242424242")))).isEqualTo("INVALID_ADDRESS");
        Map<String, Object> badCountry = new HashMap<>(ship());
        Map<String, Object> farAway = new HashMap<>(castMap(badCountry.get("address")));
        farAway.put("countryCode", "JP");
        badCountry.put("address", farAway);
        assertThat(code(cart, input(cart, UUID.randomUUID().toString(), badCountry, card("4242424242424242")))).isEqualTo("SHIPPING_UNAVAILABLE");
        // Invalid email.
        Map<String, Object> badEmail = input(cart, UUID.randomUUID().toString(), pickup(store), payInStore());
        badEmail.put("email", "not-an-email");
        assertThat(code(cart, badEmail)).isEqualTo("INVALID_EMAIL");
        // Guests need an email.
        Map<String, Object> noEmail = input(cart, UUID.randomUUID().toString(), pickup(store), payInStore());
        noEmail.remove("email");
        assertThat(code(cart, noEmail)).isEqualTo("EMAIL_REQUIRED");
        // Too short an idempotency key; a missing one fails validation of the document.
        assertThat(code(cart, input(cart, "short", pickup(store), payInStore()))).isEqualTo("INVALID_IDEMPOTENCY_KEY");
        Map<String, Object> noKey = input(cart, "x", pickup(store), payInStore());
        noKey.remove("idempotencyKey");
        JsonPath missing = cart.client().execute(CHECKOUT, "input", noKey);
        assertThat(missing.getString("errors[0].extensions.code")).isIn("BAD_USER_INPUT", "GRAPHQL_VALIDATION_FAILED");
        // Paying in store needs a pickup; an invalid card number; an expired card.
        assertThat(code(cart, input(cart, UUID.randomUUID().toString(), ship(), payInStore()))).isEqualTo("PAYMENT_METHOD_UNAVAILABLE");
        assertThat(code(cart, input(cart, UUID.randomUUID().toString(), ship(), card("4242424242424241")))).isEqualTo("INVALID_CARD");
        Map<String, Object> expiredCard = Map.of("method", "CARD", "card",
                Map.of("number", "4242424242424242", "expiryMonth", 1, "expiryYear", 2020, "cvc", "123"));
        assertThat(code(cart, input(cart, UUID.randomUUID().toString(), ship(), expiredCard))).isEqualTo("CARD_EXPIRED");

        assertThat(data.count("SELECT count(*) FROM customer_order WHERE cart_id = ANY($1)",
                (Object) new String[] { cart.id(), empty.id() })).isZero();
        assertThat(data.stockRow(product.variant(0), store).getInteger("reserved")).isZero();
        assertThat(data.stockRow(product.variant(0), warehouse).getInteger("reserved")).isZero();
    }

    @Test
    void another_shopper_cannot_check_out_a_cart_that_is_not_theirs() {
        var store = data.store("Checkout foreign store", 52.0, 13.0);
        var product = data.product("Checkout foreign hat", null, 1000);
        data.stock(product.variant(0), store, 5);
        var cart = guestCart(line(product.variant(0), 1));
        JsonPath result = GraphQL.anonymous().header("X-Cart-Token", "wrong-token").execute(CHECKOUT, "input",
                input(cart, UUID.randomUUID().toString(), pickup(store), payInStore()));
        assertThat(result.getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");
        JsonPath other = GraphQL.as(Tokens.customer("someone-else")).execute(CHECKOUT, "input",
                input(cart, UUID.randomUUID().toString(), pickup(store), payInStore()));
        assertThat(other.getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");
        assertThat(data.stockRow(product.variant(0), store).getInteger("reserved")).isZero();
    }

    @Test
    void checkout_attempts_are_limited_per_cart_with_a_clear_error() {
        var store = data.store("Checkout limited store", 52.0, 13.0);
        var product = data.product("Checkout limited pin", null, 100);
        data.stock(product.variant(0), store, 5);
        var cart = guestCart(line(product.variant(0), 1));
        // 20 attempts within 10 minutes are answered (here: refused for a bad key); the 21st is rate limited.
        for (int i = 0; i < 20; i++) {
            assertThat(code(cart, input(cart, "bad", pickup(store), payInStore()))).isEqualTo("INVALID_IDEMPOTENCY_KEY");
        }
        JsonPath limited = cart.client().execute(CHECKOUT, "input", input(cart, UUID.randomUUID().toString(), pickup(store), payInStore()));
        assertThat(limited.getString("errors[0].extensions.code")).isEqualTo("RATE_LIMITED");
        assertThat(limited.getInt("errors[0].extensions.retryAfterSeconds")).isPositive();
        assertThat(data.count("SELECT count(*) FROM customer_order WHERE cart_id = $1", cart.id())).isZero();
    }

    private static String code(Checkouts.CartRef cart, Map<String, Object> input) {
        JsonPath result = cart.client().ok(CHECKOUT, "input", input);
        assertThat(result.getString("data.checkoutComplete.order")).isNull();
        return result.getString("data.checkoutComplete.userErrors[0].code");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }
}
