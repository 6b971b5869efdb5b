package com.omnichannel.gateway.loyalty;

import static com.omnichannel.gateway.checkout.Checkouts.customerCart;
import static com.omnichannel.gateway.checkout.Checkouts.guestCart;
import static com.omnichannel.gateway.checkout.Checkouts.input;
import static com.omnichannel.gateway.checkout.Checkouts.line;
import static com.omnichannel.gateway.checkout.Checkouts.payInStore;
import static com.omnichannel.gateway.checkout.Checkouts.pickup;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.checkout.Checkouts;
import com.omnichannel.gateway.support.Accounts;
import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.Race;
import com.omnichannel.gateway.support.TestData;
import com.omnichannel.gateway.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class LoyaltyTest {

    static final String MY_LOYALTY = """
            query { me { id loyalty { tier balance pending balanceValue { amount } qualifyingSpend { amount }
              nextTier { name spendNeeded { amount currencyCode } }
              ledger(first: 10) { edges { node { kind points reason orderNumber channel } } pageInfo { hasNextPage } } } } }""";
    static final String ACCOUNT = """
            query($customerId: ID!) { loyaltyAccount(customerId: $customerId) { tier balance pending
              ledger(first: 20) { edges { node { kind points reason orderNumber } } } } }""";
    static final String ADJUST = """
            mutation($input: LoyaltyAdjustInput!) { loyaltyAdjust(input: $input) {
              account { balance } entry { kind points reason channel } userErrors { code field message } } }""";
    static final String STATUS = """
            mutation($input: OrderStatusUpdateInput!) { orderStatusUpdate(input: $input) { order { status } userErrors { code message } } }""";
    static final String CANCEL = """
            mutation($input: OrderCancelInput!) { orderCancel(input: $input) { order { status } userErrors { code message } } }""";
    static final String CHECKOUT_WITH_DISCOUNTS = """
            mutation($input: CheckoutCompleteInput!) { checkoutComplete(input: $input) {
              order { id number subtotal { amount } discountTotal { amount } total { amount } lines { discount { amount } }
                discounts { kind code description amount { amount } } }
              userErrors { code field message } } }""";

    @Inject
    TestData data;

    @Inject
    LoyaltyExpiryJob expiry;

    private final GraphQL staff = GraphQL.as(Tokens.staff());

    private JsonPath loyalty(Accounts.Account account) {
        return account.client().ok(MY_LOYALTY).setRootPath("data.me.loyalty");
    }

    private void adjust(String customerId, int points) {
        JsonPath r = staff.ok(ADJUST, "input", Map.of("customerId", customerId, "points", points, "reason", "Welcome bonus"));
        assertThat(r.getList("data.loyaltyAdjust.userErrors")).as(r.prettify()).isEmpty();
    }

    private void move(String orderId, String... statuses) {
        for (String status : statuses) {
            JsonPath r = staff.ok(STATUS, "input", Map.of("orderId", orderId, "status", status));
            assertThat(r.getList("data.orderStatusUpdate.userErrors")).as(r.prettify()).isEmpty();
        }
    }

    private JsonPath checkout(Checkouts.CartRef cart, TestData.Ref store, Integer points) {
        Map<String, Object> input = input(cart, UUID.randomUUID().toString(), pickup(store), payInStore());
        if (points != null) {
            input.put("loyaltyPoints", points);
        }
        return cart.client().ok(CHECKOUT_WITH_DISCOUNTS, "input", input).setRootPath("data.checkoutComplete");
    }

    /** The cached balance is the sum of the ledger, for this customer. */
    private void assertBalanceIsLedgerSum(String customerId) {
        long cached = data.count("SELECT balance FROM loyalty_account WHERE customer_id = $1", customerId);
        long sum = data.count("SELECT COALESCE(SUM(points), 0)::bigint FROM loyalty_ledger_entry WHERE customer_id = $1", customerId);
        assertThat(cached).isEqualTo(sum);
        assertThat(cached).isGreaterThanOrEqualTo(0);
    }

    @Test
    void points_are_pending_until_the_order_is_picked_up_then_available_once_and_the_tier_follows_the_spend() {
        var store = data.store("Loyalty store", 52.0, 13.0);
        var product = data.product("Loyalty coat", null, 15000);
        data.stock(product.variant(0), store, 5);
        Accounts.Account anna = Accounts.register();
        assertThat(loyalty(anna).getString("tier")).isEqualTo("BRONZE");
        assertThat(loyalty(anna).getInt("balance")).isZero();

        JsonPath order = checkout(customerCart(anna.client(), line(product.variant(0), 1)), store, null);
        assertThat(order.getList("userErrors")).isEmpty();
        String orderId = order.getString("order.id");
        JsonPath placed = loyalty(anna);
        assertThat(placed.getInt("pending")).isEqualTo(150);
        assertThat(placed.getInt("balance")).isZero();

        move(orderId, "CONFIRMED", "READY_FOR_PICKUP", "PICKED_UP");
        JsonPath earned = loyalty(anna);
        assertThat(earned.getInt("pending")).isZero();
        assertThat(earned.getInt("balance")).isEqualTo(150);
        assertThat(earned.getString("balanceValue.amount")).isEqualTo("1.50");
        assertThat(earned.getString("tier")).isEqualTo("SILVER");
        assertThat(earned.getString("qualifyingSpend.amount")).isEqualTo("150.00");
        assertThat(earned.getString("nextTier.name")).isEqualTo("GOLD");
        assertThat(earned.getString("nextTier.spendNeeded.amount")).isEqualTo("850.00");
        assertThat(earned.getString("ledger.edges[0].node.kind")).isEqualTo("EARN");
        assertThat(earned.getInt("ledger.edges[0].node.points")).isEqualTo(150);
        assertThat(earned.getString("ledger.edges[0].node.orderNumber")).isEqualTo(order.getString("order.number"));

        // A repeated status change is refused and earns nothing more.
        JsonPath again = staff.ok(STATUS, "input", Map.of("orderId", orderId, "status", "PICKED_UP"));
        assertThat(again.getString("data.orderStatusUpdate.userErrors[0].code")).isEqualTo("ILLEGAL_TRANSITION");
        assertThat(data.count("SELECT count(*) FROM loyalty_ledger_entry WHERE customer_id = $1 AND kind = 'EARN'", anna.id())).isEqualTo(1);
        assertThat(data.count("SELECT count(*) FROM loyalty_pending_earn WHERE customer_id = $1 AND state = 'EARNED'", anna.id())).isEqualTo(1);
        assertBalanceIsLedgerSum(anna.id());
    }

    @Test
    void points_of_a_kiosk_order_picked_up_at_the_counter_name_the_kiosk_and_staff_as_who_recorded_them() {
        var store = data.store("Loyalty kiosk store", 52.0, 13.0);
        var product = data.product("Loyalty kiosk lamp", null, 4000);
        data.stock(product.variant(0), store, 5);
        Accounts.Account kai = Accounts.register();
        // Kai signs in at the kiosk (a kiosk session) and orders there for pickup.
        GraphQL atKiosk = GraphQL.as(Accounts.signIn(GraphQL.as(Tokens.kiosk(store.id())), kai.email(), kai.password())
                .getString("data.customerSignIn.tokens.accessToken"));
        JsonPath order = checkout(customerCart(atKiosk, line(product.variant(0), 1)), store, null);
        assertThat(order.getList("userErrors")).as(order.prettify()).isEmpty();

        move(order.getString("order.id"), "CONFIRMED", "READY_FOR_PICKUP", "PICKED_UP");
        JsonPath earned = kai.client().ok("""
                query { me { loyalty { ledger(first: 1) { edges { node { kind channel actorChannel } } } } } }""")
                .setRootPath("data.me.loyalty.ledger.edges[0].node");
        assertThat(earned.getString("kind")).isEqualTo("EARN");
        assertThat(earned.getString("channel")).isEqualTo("KIOSK");
        assertThat(earned.getString("actorChannel")).isEqualTo("STAFF");
        assertThat(data.count("SELECT count(*) FROM loyalty_ledger_entry WHERE customer_id = $1 AND kind = 'EARN' AND channel = 'KIOSK'"
                + " AND actor_channel = 'STAFF' AND actor LIKE 'staff-%'", kai.id())).isEqualTo(1);
    }

    @Test
    void redeemed_points_lower_the_total_and_a_cancellation_gives_them_back_and_drops_the_pending_points() {
        var store = data.store("Redeem store", 52.0, 13.0);
        var product = data.product("Redeem boots", null, 10000);
        data.stock(product.variant(0), store, 5);
        Accounts.Account ben = Accounts.register();
        adjust(ben.id(), 500);

        JsonPath order = checkout(customerCart(ben.client(), line(product.variant(0), 1)), store, 200);
        assertThat(order.getList("userErrors")).as(order.prettify()).isEmpty();
        assertThat(order.getString("order.subtotal.amount")).isEqualTo("100.00");
        assertThat(order.getString("order.discountTotal.amount")).isEqualTo("2.00");
        assertThat(order.getString("order.total.amount")).isEqualTo("98.00");
        assertThat(order.getString("order.lines[0].discount.amount")).isEqualTo("2.00");
        assertThat(order.getString("order.discounts[0].kind")).isEqualTo("LOYALTY_POINTS");
        assertThat(order.getString("order.discounts[0].amount.amount")).isEqualTo("2.00");
        JsonPath after = loyalty(ben);
        assertThat(after.getInt("balance")).isEqualTo(300);
        // Earned on what was paid for goods: 98.00 at BRONZE.
        assertThat(after.getInt("pending")).isEqualTo(98);
        assertThat(after.getString("ledger.edges[0].node.kind")).isEqualTo("REDEEM");
        assertThat(after.getInt("ledger.edges[0].node.points")).isEqualTo(-200);

        JsonPath cancelled = staff.ok(CANCEL, "input", Map.of("orderId", order.getString("order.id"), "reason", "changed mind"));
        assertThat(cancelled.getList("data.orderCancel.userErrors")).isEmpty();
        JsonPath reversed = loyalty(ben);
        assertThat(reversed.getInt("balance")).isEqualTo(500);
        assertThat(reversed.getInt("pending")).isZero();
        assertThat(reversed.getString("ledger.edges[0].node.kind")).isEqualTo("REVERSE");
        assertThat(reversed.getInt("ledger.edges[0].node.points")).isEqualTo(200);
        assertThat(data.count("SELECT count(*) FROM loyalty_ledger_entry WHERE order_id = (SELECT id FROM customer_order WHERE number = $1)",
                order.getString("order.number"))).isEqualTo(2);
        assertBalanceIsLedgerSum(ben.id());
    }

    @Test
    void points_beyond_the_balance_the_minimum_or_the_maximum_share_are_refused_and_change_nothing() {
        var store = data.store("Refuse store", 52.0, 13.0);
        var product = data.product("Refuse scarf", null, 10000);
        data.stock(product.variant(0), store, 5);
        Accounts.Account chloe = Accounts.register();
        adjust(chloe.id(), 3000);
        Checkouts.CartRef cart = customerCart(chloe.client(), line(product.variant(0), 1));

        assertThat(checkout(cart, store, 4000).getString("userErrors[0].code")).isEqualTo("INSUFFICIENT_POINTS");
        assertThat(checkout(cart, store, 50).getString("userErrors[0].code")).isEqualTo("LOYALTY_POINTS_BELOW_MINIMUM");
        // 100.00 order, at most half paid with points: 5,001 points (50.01) is too many.
        JsonPath overShare = checkout(cart, store, 5001);
        assertThat(overShare.getString("userErrors[0].code")).isEqualTo("LOYALTY_POINTS_OVER_MAXIMUM");
        assertThat(overShare.getList("userErrors[0].field")).containsExactly("input", "loyaltyPoints");
        assertThat(checkout(cart, store, -5).getString("userErrors[0].code")).isEqualTo("INVALID_LOYALTY_POINTS");

        Checkouts.CartRef guest = guestCart(line(product.variant(0), 1));
        assertThat(checkout(guest, store, 200).getString("userErrors[0].code")).isEqualTo("LOYALTY_SIGN_IN_REQUIRED");

        assertThat(loyalty(chloe).getInt("balance")).isEqualTo(3000);
        assertThat(data.count("SELECT count(*) FROM customer_order WHERE customer_id = $1", chloe.id())).isZero();
        assertThat(data.stockRow(product.variant(0), store).getInteger("reserved")).isZero();
        // Within the rules it works.
        assertThat(checkout(cart, store, 2000).getString("order.total.amount")).isEqualTo("80.00");
    }

    @Test
    void concurrent_redemptions_never_drive_the_balance_below_zero() throws Exception {
        var store = data.store("Race points store", 52.0, 13.0);
        var product = data.product("Race points mug", null, 5000);
        data.stock(product.variant(0), store, 20);
        Accounts.Account dora = Accounts.register();
        adjust(dora.id(), 1000);
        List<Checkouts.CartRef> carts = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            carts.add(customerCart(dora.client(), line(product.variant(0), 1)));
        }

        List<JsonPath> results = Race.run(carts.stream().<Callable<JsonPath>>map(cart -> () -> checkout(cart, store, 300)).toList());

        long placed = results.stream().filter(r -> r.get("order") != null).count();
        long refused = results.stream().filter(r -> "INSUFFICIENT_POINTS".equals(r.getString("userErrors[0].code"))).count();
        assertThat(placed).isEqualTo(3);
        assertThat(refused).isEqualTo(7);
        assertThat(loyalty(dora).getInt("balance")).isEqualTo(100);
        assertThat(data.count("SELECT count(*) FROM loyalty_ledger_entry WHERE customer_id = $1 AND kind = 'REDEEM'", dora.id())).isEqualTo(3);
        assertBalanceIsLedgerSum(dora.id());
    }

    @Test
    void staff_adjust_with_a_reason_and_never_below_zero_while_customers_may_not_adjust() {
        String customerId = UUID.randomUUID().toString();
        JsonPath added = staff.ok(ADJUST, "input", Map.of("customerId", customerId, "points", 250, "reason", "Goodwill: late delivery"));
        assertThat(added.getInt("data.loyaltyAdjust.account.balance")).isEqualTo(250);
        assertThat(added.getString("data.loyaltyAdjust.entry.kind")).isEqualTo("ADJUST");
        assertThat(added.getString("data.loyaltyAdjust.entry.reason")).isEqualTo("Goodwill: late delivery");
        assertThat(added.getString("data.loyaltyAdjust.entry.channel")).isEqualTo("STAFF");

        JsonPath tooMuch = staff.ok(ADJUST, "input", Map.of("customerId", customerId, "points", -251, "reason", "Correction"));
        assertThat(tooMuch.getString("data.loyaltyAdjust.userErrors[0].code")).isEqualTo("INSUFFICIENT_POINTS");
        JsonPath noReason = staff.ok(ADJUST, "input", Map.of("customerId", customerId, "points", 5, "reason", "  "));
        assertThat(noReason.getString("data.loyaltyAdjust.userErrors[0].code")).isEqualTo("REASON_REQUIRED");
        JsonPath zero = staff.ok(ADJUST, "input", Map.of("customerId", customerId, "points", 0, "reason", "Nothing"));
        assertThat(zero.getString("data.loyaltyAdjust.userErrors[0].code")).isEqualTo("INVALID_POINTS");

        JsonPath byCustomer = GraphQL.as(Tokens.customer(customerId)).execute(ADJUST, "input",
                Map.of("customerId", customerId, "points", 1000, "reason", "Treat myself"));
        assertThat(byCustomer.getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");
        JsonPath anonymous = GraphQL.anonymous().execute(ADJUST, "input", Map.of("customerId", customerId, "points", 1000, "reason", "x"));
        assertThat(anonymous.getString("errors[0].extensions.code")).isEqualTo("UNAUTHENTICATED");

        assertThat(data.count("SELECT balance FROM loyalty_account WHERE customer_id = $1", customerId)).isEqualTo(250);
        assertBalanceIsLedgerSum(customerId);
    }

    @Test
    void a_customer_sees_only_their_own_ledger() {
        Accounts.Account eve = Accounts.register();
        Accounts.Account finn = Accounts.register();
        adjust(finn.globalId(), 777);

        JsonPath other = eve.client().execute(ACCOUNT, "customerId", finn.globalId());
        assertThat(other.getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");
        assertThat(other.getString("data")).isNull();
        JsonPath own = loyalty(eve);
        assertThat(own.getInt("balance")).isZero();
        assertThat(own.getList("ledger.edges")).isEmpty();
        assertThat(staff.ok(ACCOUNT, "customerId", finn.globalId()).getInt("data.loyaltyAccount.balance")).isEqualTo(777);
        // the bare key customer ids used to be is still accepted for one release
        assertThat(staff.ok(ACCOUNT, "customerId", finn.id()).getInt("data.loyaltyAccount.balance")).isEqualTo(777);
        assertThat(GraphQL.as(Tokens.staff()).execute(MY_LOYALTY).getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");
    }

    @Test
    void points_expire_after_the_configured_inactivity_by_the_clock() {
        String customerId = UUID.randomUUID().toString();
        adjust(customerId, 300);
        Clock now = Clock.systemUTC();

        expiry.run(Clock.offset(now, Duration.ofDays(364))).await().atMost(Duration.ofSeconds(30));
        assertThat(data.count("SELECT balance FROM loyalty_account WHERE customer_id = $1", customerId)).isEqualTo(300);

        expiry.run(Clock.offset(now, Duration.ofDays(366))).await().atMost(Duration.ofSeconds(30));
        assertThat(data.count("SELECT balance FROM loyalty_account WHERE customer_id = $1", customerId)).isZero();
        assertThat(data.count("SELECT points FROM loyalty_ledger_entry WHERE customer_id = $1 AND kind = 'EXPIRE'", customerId)).isEqualTo(-300);
        JsonPath ledger = staff.ok(ACCOUNT, "customerId", customerId);
        assertThat(ledger.getString("data.loyaltyAccount.ledger.edges[0].node.kind")).isEqualTo("EXPIRE");

        // Nothing left to expire: a second run writes nothing.
        expiry.run(Clock.offset(now, Duration.ofDays(400))).await().atMost(Duration.ofSeconds(30));
        assertThat(data.count("SELECT count(*) FROM loyalty_ledger_entry WHERE customer_id = $1 AND kind = 'EXPIRE'", customerId)).isEqualTo(1);
        assertBalanceIsLedgerSum(customerId);
    }

    @Test
    void the_cart_shows_the_points_its_order_would_earn() {
        var product = data.product("Earn preview bag", null, 2550);
        Accounts.Account gus = Accounts.register();
        Checkouts.CartRef cart = customerCart(gus.client(), line(product.variant(0), 2));
        JsonPath r = gus.client().ok("query($id: ID!) { cart(id: $id) { subtotal { amount } loyaltyPointsToEarn } }", "id", cart.id());
        assertThat(r.getString("data.cart.subtotal.amount")).isEqualTo("51.00");
        assertThat(r.getInt("data.cart.loyaltyPointsToEarn")).isEqualTo(51);
    }
}
