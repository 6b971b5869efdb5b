package com.omnichannel.gateway.credit;

import static com.omnichannel.gateway.checkout.Checkouts.card;
import static com.omnichannel.gateway.checkout.Checkouts.customerCart;
import static com.omnichannel.gateway.checkout.Checkouts.guestCart;
import static com.omnichannel.gateway.checkout.Checkouts.line;
import static com.omnichannel.gateway.checkout.Checkouts.payInStore;
import static com.omnichannel.gateway.checkout.Checkouts.pickup;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.checkout.Checkouts;
import com.omnichannel.gateway.platform.ids.GlobalId;
import com.omnichannel.gateway.support.Accounts;
import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.Race;
import com.omnichannel.gateway.support.TestData;
import com.omnichannel.gateway.support.Tokens;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Gift cards: issued by staff, checked by code (attempts limited), redeemed in part at checkout on any channel. */
@QuarkusTest
class GiftCardTest {

    static final String ISSUE = """
            mutation($input: GiftCardIssueInput!) { giftCardIssue(input: $input) {
              code giftCard { id last4 initialValue { amount currencyCode } balance { amount } expiresAt expired }
              userErrors { code field message } } }""";
    static final String BALANCE = """
            query($code: String!) { giftCardBalance(code: $code) { id last4 balance { amount } expiresAt expired } }""";
    static final String CHECKOUT = """
            mutation($input: CheckoutCompleteInput!) { checkoutComplete(input: $input) {
              order { id number total { amount } paymentStatus tenders { kind amount { amount } giftCardLast4 } }
              userErrors { code field message } } }""";
    static final String CANCEL = """
            mutation($input: OrderCancelInput!) { orderCancel(input: $input) { order { status } userErrors { code message } } }""";

    @Inject
    TestData data;

    @Inject
    RedisDataSource redis;

    private final GraphQL staff = GraphQL.as(Tokens.staff());

    private JsonPath issue(String amount) {
        JsonPath issued = staff.ok(ISSUE, "input", Map.of("amount", amount, "note", "Prize")).setRootPath("data.giftCardIssue");
        assertThat(issued.getList("userErrors")).as(issued.prettify()).isEmpty();
        return issued;
    }

    private void freshAddressBudget() {
        redis.key().del("gift-card-balance-checks:{ip:127.0.0.1}", "gift-card-balance-checks:{ip:0:0:0:0:0:0:0:1}");
    }

    private JsonPath balance(String code) {
        return GraphQL.anonymous().ok(BALANCE, "code", code).setRootPath("data.giftCardBalance");
    }

    private static Map<String, Object> input(Checkouts.CartRef cart, TestData.Ref store, Map<String, Object> payment, String... codes) {
        Map<String, Object> input = Checkouts.input(cart, UUID.randomUUID().toString(), pickup(store), payment);
        input.put("giftCardCodes", List.of(codes));
        return input;
    }

    private static long key(String cardId) {
        return GlobalId.tryDecode(GiftCard.TYPE, cardId);
    }

    private long cardBalance(String cardId) {
        return data.count("SELECT balance_minor FROM gift_card WHERE id = $1", key(cardId));
    }

    @Test
    void staff_issue_a_card_whose_code_is_shown_once_and_stored_only_as_a_digest() {
        freshAddressBudget();
        JsonPath issued = issue("50.00");
        String code = issued.getString("code");
        assertThat(code).matches("[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3}");
        assertThat(issued.getString("giftCard.last4")).isEqualTo(code.substring(code.length() - 4));
        assertThat(issued.getString("giftCard.initialValue.amount")).isEqualTo("50.00");
        assertThat(issued.getString("giftCard.balance.amount")).isEqualTo("50.00");
        assertThat(issued.getBoolean("giftCard.expired")).isFalse();
        // Valid for the configured period (P5Y by default).
        OffsetDateTime expiresAt = OffsetDateTime.parse(issued.getString("giftCard.expiresAt"));
        assertThat(expiresAt).isBetween(OffsetDateTime.now(ZoneOffset.UTC).plusYears(5).minusDays(1),
                OffsetDateTime.now(ZoneOffset.UTC).plusYears(5).plusDays(1));
        String bare = code.replace("-", "");
        assertThat(data.count("SELECT count(*) FROM gift_card WHERE code_hash = $1 OR code_hash = $2 OR note = $1", code, bare)).isZero();
        assertThat(data.count("SELECT count(*) FROM gift_card_transaction WHERE gift_card_id = $1 AND kind = 'ISSUE' AND amount_minor = 5000",
                key(issued.getString("giftCard.id")))).isEqualTo(1);

        JsonPath checked = balance(code.toLowerCase().replace("-", " "));
        assertThat(checked.getString("id")).isEqualTo(issued.getString("giftCard.id"));
        assertThat(checked.getString("balance.amount")).isEqualTo("50.00");
        assertThat(GraphQL.anonymous().ok(BALANCE, "code", "2222-2222-2222-2222").getString("data.giftCardBalance")).isNull();
    }

    @Test
    void issuing_needs_staff_and_a_positive_value_up_to_the_maximum() {
        JsonPath forbidden = GraphQL.as(Tokens.customer("customer-" + UUID.randomUUID())).execute(ISSUE, "input", Map.of("amount", "10"));
        assertThat(forbidden.getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");
        for (String amount : List.of("0", "-5", "1000.01", "12.345", "lots")) {
            JsonPath refused = staff.ok(ISSUE, "input", Map.of("amount", amount));
            assertThat(refused.getString("data.giftCardIssue.userErrors[0].code")).as(amount).isEqualTo("INVALID_AMOUNT");
            assertThat(refused.getString("data.giftCardIssue.code")).isNull();
        }
    }

    @Test
    void balance_checks_are_limited_per_client_address_right_or_wrong() {
        freshAddressBudget();
        String code = issue("10.00").getString("code");
        for (int i = 0; i < 19; i++) {
            assertThat(GraphQL.anonymous().ok(BALANCE, "code", "2222-2222-2222-" + (2222 + i)).getString("data.giftCardBalance")).isNull();
        }
        assertThat(balance(code).getString("balance.amount")).isEqualTo("10.00");
        JsonPath limited = GraphQL.anonymous().execute(BALANCE, "code", code);
        assertThat(limited.getString("errors[0].extensions.code")).isEqualTo("RATE_LIMITED");
        assertThat(limited.getString("data.giftCardBalance")).isNull();
        // A kiosk device has a budget of its own.
        var store = data.store("Gift card kiosk store", 52.0, 13.0);
        assertThat(GraphQL.as(Tokens.kiosk(store.id())).ok(BALANCE, "code", code).getString("data.giftCardBalance.balance.amount"))
                .isEqualTo("10.00");
        freshAddressBudget();
    }

    @Test
    void a_card_pays_part_of_a_guest_web_order_the_rest_of_a_kiosk_order_and_then_is_empty() {
        freshAddressBudget();
        var store = data.store("Gift card store", 52.0, 13.0);
        var product = data.product("Gift card lamp", null, 3000);
        data.stock(product.variant(0), store, 10);
        JsonPath issued = issue("40.00");
        String code = issued.getString("code");
        String cardId = issued.getString("giftCard.id");

        // A guest on the web: 30.00 due, the card pays all of it and keeps 10.00.
        Checkouts.CartRef web = guestCart(line(product.variant(0), 1));
        JsonPath first = web.client().ok(CHECKOUT, "input", input(web, store, payInStore(), code)).setRootPath("data.checkoutComplete");
        assertThat(first.getList("userErrors")).as(first.prettify()).isEmpty();
        assertThat(first.getString("order.tenders[0].kind")).isEqualTo("GIFT_CARD");
        assertThat(first.getString("order.tenders[0].amount.amount")).isEqualTo("30.00");
        assertThat(first.getString("order.tenders[0].giftCardLast4")).isEqualTo(issued.getString("giftCard.last4"));
        assertThat(first.getString("order.paymentStatus")).isEqualTo("PAID");
        assertThat(balance(code).getString("balance.amount")).isEqualTo("10.00");

        // A customer at a kiosk: the card pays its last 10.00, the card the other 20.00.
        Accounts.Account kim = Accounts.register();
        GraphQL atKiosk = GraphQL.as(Accounts.signIn(GraphQL.as(Tokens.kiosk(store.id())), kim.email(), kim.password())
                .getString("data.customerSignIn.tokens.accessToken"));
        Checkouts.CartRef kiosk = customerCart(atKiosk, line(product.variant(0), 1));
        JsonPath second = atKiosk.ok(CHECKOUT, "input", input(kiosk, store, card("4242424242424242"), code)).setRootPath("data.checkoutComplete");
        assertThat(second.getList("userErrors")).as(second.prettify()).isEmpty();
        assertThat(second.getString("order.tenders[0].amount.amount")).isEqualTo("10.00");
        assertThat(second.getString("order.paymentStatus")).isEqualTo("AUTHORIZED");
        assertThat(cardBalance(cardId)).isZero();

        Checkouts.CartRef third = guestCart(line(product.variant(0), 1));
        JsonPath empty = third.client().ok(CHECKOUT, "input", input(third, store, payInStore(), code)).setRootPath("data.checkoutComplete");
        assertThat(empty.getString("userErrors[0].code")).isEqualTo("GIFT_CARD_EMPTY");
        assertThat(empty.getList("userErrors[0].field")).containsExactly("input", "giftCardCodes", "0");
        assertThat(data.count("SELECT count(*) FROM gift_card_transaction WHERE gift_card_id = $1 AND kind = 'REDEEM'",
                key(cardId))).isEqualTo(2);
    }

    @Test
    void a_card_paying_a_whole_shipped_order_needs_no_card_details_and_paying_in_store_is_still_refused() {
        var warehouse = data.warehouse("Gift card ship warehouse", 51.0, 9.5);
        var product = data.product("Gift card ship item", null, 1000);
        data.stock(product.variant(0), warehouse, 5);
        String code = issue("200.00").getString("code");
        Checkouts.CartRef inStore = guestCart(line(product.variant(0), 1));
        Map<String, Object> payInStoreShipped = Checkouts.input(inStore, UUID.randomUUID().toString(), Checkouts.ship(), payInStore());
        payInStoreShipped.put("giftCardCodes", List.of(code));
        JsonPath refused = inStore.client().ok(CHECKOUT, "input", payInStoreShipped).setRootPath("data.checkoutComplete");
        assertThat(refused.getString("userErrors[0].code")).isEqualTo("PAYMENT_METHOD_UNAVAILABLE");

        Checkouts.CartRef shipped = guestCart(line(product.variant(0), 1));
        Map<String, Object> noCardDetails = Checkouts.input(shipped, UUID.randomUUID().toString(), Checkouts.ship(), Map.of("method", "CARD"));
        noCardDetails.put("giftCardCodes", List.of(code));
        JsonPath placed = shipped.client().ok(CHECKOUT, "input", noCardDetails).setRootPath("data.checkoutComplete");
        assertThat(placed.getList("userErrors")).as(placed.prettify()).isEmpty();
        assertThat(placed.getString("order.paymentStatus")).isEqualTo("PAID");
        assertThat(placed.getString("order.tenders[0].amount.amount")).isEqualTo(placed.getString("order.total.amount"));
    }

    @Test
    void concurrent_redemptions_of_one_card_never_take_it_below_zero() throws Exception {
        var store = data.store("Gift card race store", 52.0, 13.0);
        var product = data.product("Gift card race item", null, 2000);
        data.stock(product.variant(0), store, 50);
        JsonPath issued = issue("50.00");
        String code = issued.getString("code");
        long cardKey = key(issued.getString("giftCard.id"));
        List<Callable<JsonPath>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Checkouts.CartRef cart = guestCart(line(product.variant(0), 1));
            calls.add(() -> cart.client().ok(CHECKOUT, "input", input(cart, store, payInStore(), code)).setRootPath("data.checkoutComplete"));
        }
        List<JsonPath> results = Race.run(calls);
        // Each checkout saw 50.00 and planned 20.00 off the card: two fit, the rest find the balance changed.
        long placed = results.stream().filter(r -> r.getString("order.id") != null).count();
        results.stream().filter(r -> r.getString("order.id") == null)
                .forEach(r -> assertThat(r.getString("userErrors[0].code")).isIn("GIFT_CARD_BALANCE_CHANGED", "GIFT_CARD_EMPTY"));
        long redemptions = data.count("SELECT count(*) FROM gift_card_transaction WHERE gift_card_id = $1 AND kind = 'REDEEM'", cardKey);
        long redeemed = data.count("SELECT COALESCE(-SUM(amount_minor), 0)::bigint FROM gift_card_transaction WHERE gift_card_id = $1 AND kind = 'REDEEM'", cardKey);
        assertThat(redemptions).isEqualTo(placed);
        assertThat(placed).isBetween(2L, 3L);
        assertThat(redeemed).isLessThanOrEqualTo(5000);
        assertThat(cardBalance(issued.getString("giftCard.id"))).isEqualTo(5000 - redeemed).isGreaterThanOrEqualTo(0);
        assertThat(data.count("SELECT COALESCE(SUM(amount_minor), 0)::bigint FROM gift_card_transaction WHERE gift_card_id = $1", cardKey))
                .isEqualTo(5000 - redeemed);
    }

    @Test
    void an_expired_card_refuses_redemption_with_a_clear_code_and_an_unknown_code_is_named() {
        freshAddressBudget();
        var store = data.store("Gift card expiry store", 52.0, 13.0);
        var product = data.product("Gift card expiry item", null, 1000);
        data.stock(product.variant(0), store, 5);
        JsonPath issued = issue("20.00");
        data.writeBehindTheService("UPDATE gift_card SET expires_at = now() - interval '1 day' WHERE id = $1",
                key(issued.getString("giftCard.id")));
        assertThat(balance(issued.getString("code")).getBoolean("expired")).isTrue();

        Checkouts.CartRef cart = guestCart(line(product.variant(0), 1));
        JsonPath expired = cart.client().ok(CHECKOUT, "input", input(cart, store, payInStore(), issued.getString("code")));
        assertThat(expired.getString("data.checkoutComplete.userErrors[0].code")).isEqualTo("GIFT_CARD_EXPIRED");
        JsonPath unknown = cart.client().ok(CHECKOUT, "input", input(cart, store, payInStore(), "2222-3333-4444-5555"));
        assertThat(unknown.getString("data.checkoutComplete.userErrors[0].code")).isEqualTo("GIFT_CARD_UNKNOWN");
        JsonPath twice = cart.client().ok(CHECKOUT, "input", input(cart, store, payInStore(), issued.getString("code"), issued.getString("code")));
        assertThat(twice.getString("data.checkoutComplete.userErrors[0].code")).isEqualTo("INVALID_GIFT_CARD_CODES");
        assertThat(cardBalance(issued.getString("giftCard.id"))).isEqualTo(2000);
    }

    @Test
    void a_cancelled_order_gives_its_gift_card_amount_back() {
        var store = data.store("Gift card cancel store", 52.0, 13.0);
        var product = data.product("Gift card cancel item", null, 1500);
        data.stock(product.variant(0), store, 5);
        JsonPath issued = issue("25.00");
        Checkouts.CartRef cart = guestCart(line(product.variant(0), 1));
        JsonPath placed = cart.client().ok(CHECKOUT, "input", input(cart, store, payInStore(), issued.getString("code")))
                .setRootPath("data.checkoutComplete");
        assertThat(placed.getList("userErrors")).as(placed.prettify()).isEmpty();
        assertThat(cardBalance(issued.getString("giftCard.id"))).isEqualTo(1000);

        JsonPath cancelled = staff.ok(CANCEL, "input", Map.of("orderId", placed.getString("order.id"), "reason", "out of stock"));
        assertThat(cancelled.getList("data.orderCancel.userErrors")).as(cancelled.prettify()).isEmpty();
        assertThat(cardBalance(issued.getString("giftCard.id"))).isEqualTo(2500);
        assertThat(data.count("SELECT count(*) FROM gift_card_transaction WHERE gift_card_id = $1 AND kind = 'RESTORE' AND amount_minor = 1500",
                key(issued.getString("giftCard.id")))).isEqualTo(1);
    }
}
