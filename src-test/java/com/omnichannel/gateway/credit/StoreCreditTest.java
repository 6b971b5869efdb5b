package com.omnichannel.gateway.credit;

import static com.omnichannel.gateway.checkout.Checkouts.card;
import static com.omnichannel.gateway.checkout.Checkouts.customerCart;
import static com.omnichannel.gateway.checkout.Checkouts.guestCart;
import static com.omnichannel.gateway.checkout.Checkouts.line;
import static com.omnichannel.gateway.checkout.Checkouts.payInStore;
import static com.omnichannel.gateway.checkout.Checkouts.pickup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.checkout.Checkouts;
import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.platform.money.Money;
import com.omnichannel.gateway.platform.security.Caller;
import com.omnichannel.gateway.platform.security.Channel;
import com.omnichannel.gateway.support.Accounts;
import com.omnichannel.gateway.support.BackgroundWrites;
import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.Race;
import com.omnichannel.gateway.support.TestData;
import com.omnichannel.gateway.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;

/** Store credit: credited by refunds and staff, spent at checkout on any channel, given back on cancellation. */
@QuarkusTest
class StoreCreditTest {

    static final String MY_CREDIT = """
            query { me { storeCredit { id balance { amount currencyCode }
              ledger(first: 10) { edges { node { kind amount { amount } reason orderNumber channel } } pageInfo { hasNextPage } } } } }""";
    static final String ADJUST = """
            mutation($input: StoreCreditAdjustInput!) { storeCreditAdjust(input: $input) {
              storeCredit { balance { amount } } entry { kind amount { amount } reason channel } userErrors { code field message } } }""";
    static final String CHECKOUT = """
            mutation($input: CheckoutCompleteInput!) { checkoutComplete(input: $input) {
              order { id number total { amount } paymentStatus tenders { kind amount { amount } giftCardLast4 } }
              userErrors { code field message } } }""";
    static final String CANCEL = """
            mutation($input: OrderCancelInput!) { orderCancel(input: $input) { order { status } userErrors { code message } } }""";
    static final String EXPORT = "query { customerDataExport { sections document } }";
    static final String DELETE = """
            mutation($input: CustomerDeleteInput!) { customerDelete(input: $input) { deletedCustomerId userErrors { code } } }""";

    @Inject
    TestData data;

    @Inject
    StoreCreditService storeCredit;

    @Inject
    Db db;

    private final GraphQL staff = GraphQL.as(Tokens.staff());

    private static final Caller RETURNS_DESK = new Caller("staff-returns-desk", Set.of("staff"), Channel.STAFF, null);

    private JsonPath credit(GraphQL customer) {
        return customer.ok(MY_CREDIT).setRootPath("data.me.storeCredit");
    }

    private JsonPath adjust(String customerId, String amount) {
        return staff.ok(ADJUST, "input", Map.of("customerId", customerId, "amount", amount, "reason", "Goodwill"))
                .setRootPath("data.storeCreditAdjust");
    }

    private void refund(String customerId, String amount, String reference) {
        db.inTransaction(tx -> storeCredit.credit(tx, RETURNS_DESK, customerId, new Money(amount, "EUR"), "Refund of return " + reference,
                reference)).await().atMost(Duration.ofSeconds(30));
    }

    private static Map<String, Object> input(Checkouts.CartRef cart, TestData.Ref store, Map<String, Object> payment, String credit) {
        Map<String, Object> input = Checkouts.input(cart, UUID.randomUUID().toString(), pickup(store), payment);
        if (credit != null) {
            input.put("storeCreditAmount", credit);
        }
        return input;
    }

    /** The cached balance is the ledger's sum, and never below zero. */
    private void assertBalanceIsLedgerSum(String customerId) {
        long cached = data.count("SELECT balance_minor FROM store_credit_account WHERE customer_id = $1", customerId);
        long sum = data.count("SELECT COALESCE(SUM(amount_minor), 0)::bigint FROM store_credit_entry WHERE customer_id = $1", customerId);
        assertThat(cached).isEqualTo(sum).isGreaterThanOrEqualTo(0);
    }

    @Test
    void staff_credit_shows_on_every_channel_and_a_debit_below_zero_is_refused_and_changes_nothing() {
        Accounts.Account anna = Accounts.register();
        assertThat(credit(anna.client()).getString("balance.amount")).isEqualTo("0.00");

        JsonPath added = adjust(anna.globalId(), "25.50");
        assertThat(added.getList("userErrors")).as(added.prettify()).isEmpty();
        assertThat(added.getString("storeCredit.balance.amount")).isEqualTo("25.50");
        assertThat(added.getString("entry.kind")).isEqualTo("ADJUST");
        assertThat(added.getString("entry.channel")).isEqualTo("STAFF");

        for (String channel : List.of("WEB", "MOBILE")) {
            JsonPath seen = credit(anna.client().channel(channel));
            assertThat(seen.getString("balance.amount")).isEqualTo("25.50");
            assertThat(seen.getString("balance.currencyCode")).isEqualTo("EUR");
            assertThat(seen.getString("ledger.edges[0].node.reason")).isEqualTo("Goodwill");
        }
        // The staff view of the customer reads the same credit.
        JsonPath staffView = staff.ok("query($id: ID!) { customer(id: $id) { storeCredit { balance { amount } } } }", "id", anna.globalId());
        assertThat(staffView.getString("data.customer.storeCredit.balance.amount")).isEqualTo("25.50");

        JsonPath tooMuch = adjust(anna.globalId(), "-25.51");
        assertThat(tooMuch.getString("userErrors[0].code")).isEqualTo("INSUFFICIENT_STORE_CREDIT");
        assertThat(tooMuch.getString("storeCredit")).isNull();
        JsonPath taken = adjust(anna.globalId(), "-5.50");
        assertThat(taken.getString("storeCredit.balance.amount")).isEqualTo("20.00");
        assertThat(data.count("SELECT count(*) FROM store_credit_entry WHERE customer_id = $1", anna.id())).isEqualTo(2);
        assertBalanceIsLedgerSum(anna.id());
    }

    @Test
    void adjustments_need_staff_a_customer_an_amount_and_a_reason() {
        Accounts.Account ben = Accounts.register();
        JsonPath forbidden = ben.client().execute(ADJUST, "input", Map.of("customerId", ben.globalId(), "amount", "10", "reason", "Mine"));
        assertThat(forbidden.getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");
        assertThat(adjust(ben.globalId(), "0").getString("userErrors[0].code")).isEqualTo("INVALID_AMOUNT");
        assertThat(adjust(ben.globalId(), "1.234").getString("userErrors[0].code")).isEqualTo("INVALID_AMOUNT");
        assertThat(adjust(ben.globalId(), "ten").getString("userErrors[0].code")).isEqualTo("INVALID_AMOUNT");
        JsonPath noReason = staff.ok(ADJUST, "input", Map.of("customerId", ben.globalId(), "amount", "10", "reason", " "));
        assertThat(noReason.getString("data.storeCreditAdjust.userErrors[0].code")).isEqualTo("INVALID_REASON");
        assertThat(data.count("SELECT count(*) FROM store_credit_entry WHERE customer_id = $1", ben.id())).isZero();
    }

    @Test
    void a_refund_credited_on_the_web_is_spent_in_the_app_beside_the_card_and_given_back_when_the_order_is_cancelled() {
        var store = data.store("Credit store", 52.0, 13.0);
        var product = data.product("Credit coat", null, 8000);
        data.stock(product.variant(0), store, 5);
        Accounts.Account chloe = Accounts.register();
        String reference = TestData.unique("R");
        refund(chloe.id(), "30.00", reference);
        // A retried refund credits nothing more; the same reference with another amount is refused.
        refund(chloe.id(), "30.00", reference);
        assertThatThrownBy(() -> refund(chloe.id(), "31.00", reference)).hasMessageContaining(reference);
        assertThat(credit(chloe.client()).getString("balance.amount")).isEqualTo("30.00");
        assertThat(credit(chloe.client()).getString("ledger.edges[0].node.kind")).isEqualTo("REFUND");

        GraphQL app = chloe.client().channel("MOBILE");
        Checkouts.CartRef cart = customerCart(app, line(product.variant(0), 1));
        JsonPath placed = app.ok(CHECKOUT, "input", input(cart, store, card("4242424242424242"), "30.00")).setRootPath("data.checkoutComplete");
        assertThat(placed.getList("userErrors")).as(placed.prettify()).isEmpty();
        assertThat(placed.getString("order.total.amount")).isEqualTo("80.00");
        assertThat(placed.getString("order.paymentStatus")).isEqualTo("AUTHORIZED");
        assertThat(placed.getString("order.tenders[0].kind")).isEqualTo("STORE_CREDIT");
        assertThat(placed.getString("order.tenders[0].amount.amount")).isEqualTo("30.00");
        JsonPath spent = credit(chloe.client());
        assertThat(spent.getString("balance.amount")).isEqualTo("0.00");
        assertThat(spent.getString("ledger.edges[0].node.kind")).isEqualTo("SPEND");
        assertThat(spent.getString("ledger.edges[0].node.amount.amount")).isEqualTo("-30.00");
        assertThat(spent.getString("ledger.edges[0].node.channel")).isEqualTo("MOBILE");
        assertThat(spent.getString("ledger.edges[0].node.orderNumber")).isEqualTo(placed.getString("order.number"));

        JsonPath cancelled = staff.ok(CANCEL, "input", Map.of("orderId", placed.getString("order.id"), "reason", "changed mind"));
        assertThat(cancelled.getList("data.orderCancel.userErrors")).as(cancelled.prettify()).isEmpty();
        JsonPath restored = credit(chloe.client());
        assertThat(restored.getString("balance.amount")).isEqualTo("30.00");
        assertThat(restored.getString("ledger.edges[0].node.kind")).isEqualTo("RESTORE");
        assertBalanceIsLedgerSum(chloe.id());
    }

    @Test
    void credit_that_covers_the_whole_order_needs_no_card_and_leaves_nothing_to_pay_in_store() {
        var store = data.store("Credit full store", 52.0, 13.0);
        var product = data.product("Credit scarf", null, 2000);
        data.stock(product.variant(0), store, 5);
        Accounts.Account dan = Accounts.register();
        adjust(dan.globalId(), "50.00");
        Checkouts.CartRef cart = customerCart(dan.client(), line(product.variant(0), 1));
        JsonPath placed = dan.client().ok(CHECKOUT, "input", input(cart, store, payInStore(), "20.00")).setRootPath("data.checkoutComplete");
        assertThat(placed.getList("userErrors")).as(placed.prettify()).isEmpty();
        assertThat(placed.getString("order.paymentStatus")).isEqualTo("PAID");
        JsonPath due = dan.client().ok("query($id: ID!) { order(id: $id) { amountDueAtPickup { amount } tenders { kind amount { amount } } } }",
                "id", placed.getString("order.id"));
        assertThat(due.getString("data.order.amountDueAtPickup.amount")).isEqualTo("0.00");
        assertThat(due.getString("data.order.tenders[0].amount.amount")).isEqualTo("20.00");
        assertThat(credit(dan.client()).getString("balance.amount")).isEqualTo("30.00");
    }

    @Test
    void credit_that_pays_part_of_a_pay_in_store_order_leaves_the_rest_to_the_till() {
        var store = data.store("Credit till store", 52.0, 13.0);
        var product = data.product("Credit gloves", null, 2000);
        data.stock(product.variant(0), store, 5);
        Accounts.Account ida = Accounts.register();
        adjust(ida.globalId(), "5.00");
        Checkouts.CartRef cart = customerCart(ida.client(), line(product.variant(0), 1));
        JsonPath placed = ida.client().ok(CHECKOUT, "input", input(cart, store, payInStore(), "5.00")).setRootPath("data.checkoutComplete");
        assertThat(placed.getList("userErrors")).as(placed.prettify()).isEmpty();
        assertThat(placed.getString("order.paymentStatus")).isEqualTo("PENDING");
        JsonPath due = ida.client().ok("query($id: ID!) { order(id: $id) { total { amount } amountDueAtPickup { amount } } }",
                "id", placed.getString("order.id"));
        assertThat(due.getString("data.order.total.amount")).isEqualTo("20.00");
        assertThat(due.getString("data.order.amountDueAtPickup.amount")).isEqualTo("15.00");
        assertThat(data.count("SELECT tendered_minor FROM customer_order WHERE number = $1", placed.getString("order.number"))).isEqualTo(500);
    }

    @Test
    void a_retried_checkout_spends_the_credit_once_and_the_same_key_with_another_amount_is_refused() {
        var store = data.store("Credit retry store", 52.0, 13.0);
        var product = data.product("Credit retry item", null, 2000);
        data.stock(product.variant(0), store, 5);
        Accounts.Account jo = Accounts.register();
        adjust(jo.globalId(), "30.00");
        Checkouts.CartRef cart = customerCart(jo.client(), line(product.variant(0), 1));
        Map<String, Object> request = input(cart, store, payInStore(), "8.00");
        JsonPath first = jo.client().ok(CHECKOUT, "input", request).setRootPath("data.checkoutComplete");
        JsonPath retry = jo.client().ok(CHECKOUT, "input", request).setRootPath("data.checkoutComplete");
        assertThat(first.getList("userErrors")).as(first.prettify()).isEmpty();
        assertThat(retry.getString("order.number")).isEqualTo(first.getString("order.number"));
        assertThat(retry.getString("order.tenders[0].amount.amount")).isEqualTo("8.00");

        Map<String, Object> other = new java.util.HashMap<>(request);
        other.put("storeCreditAmount", "9.00");
        JsonPath reused = jo.client().ok(CHECKOUT, "input", other).setRootPath("data.checkoutComplete");
        assertThat(reused.getString("userErrors[0].code")).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(credit(jo.client()).getString("balance.amount")).isEqualTo("22.00");
        assertThat(data.count("SELECT count(*) FROM store_credit_entry WHERE customer_id = $1 AND kind = 'SPEND'", jo.id())).isEqualTo(1);
    }

    @Test
    void credit_above_the_amount_due_or_the_balance_from_a_guest_or_not_an_amount_is_refused_and_nothing_is_ordered() {
        var store = data.store("Credit refuse store", 52.0, 13.0);
        var product = data.product("Credit hat", null, 2000);
        data.stock(product.variant(0), store, 5);
        Accounts.Account eve = Accounts.register();
        adjust(eve.globalId(), "10.00");
        Checkouts.CartRef cart = customerCart(eve.client(), line(product.variant(0), 1));
        Map<String, String> refusals = Map.of("20.01", "TENDER_EXCEEDS_AMOUNT_DUE", "10.01", "INSUFFICIENT_STORE_CREDIT",
                "-1", "INVALID_AMOUNT", "abc", "INVALID_AMOUNT");
        refusals.forEach((amount, code) -> {
            JsonPath refused = eve.client().ok(CHECKOUT, "input", input(cart, store, payInStore(), amount)).setRootPath("data.checkoutComplete");
            assertThat(refused.getString("userErrors[0].code")).as(amount).isEqualTo(code);
            assertThat(refused.getList("userErrors[0].field")).containsExactly("input", "storeCreditAmount");
            assertThat(refused.getString("order")).isNull();
        });
        Checkouts.CartRef guest = guestCart(line(product.variant(0), 1));
        JsonPath guestRefused = guest.client().ok(CHECKOUT, "input", input(guest, store, payInStore(), "5.00"));
        assertThat(guestRefused.getString("data.checkoutComplete.userErrors[0].code")).isEqualTo("STORE_CREDIT_SIGN_IN_REQUIRED");
        assertThat(credit(eve.client()).getString("balance.amount")).isEqualTo("10.00");
        assertThat(data.count("SELECT count(*) FROM customer_order WHERE customer_id = $1", eve.id())).isZero();
    }

    @Test
    void concurrent_checkouts_never_spend_more_credit_than_the_balance() throws Exception {
        var store = data.store("Credit race store", 52.0, 13.0);
        var product = data.product("Credit race item", null, 3000);
        data.stock(product.variant(0), store, 50);
        Accounts.Account fay = Accounts.register();
        adjust(fay.globalId(), "50.00");
        List<Callable<JsonPath>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Checkouts.CartRef cart = customerCart(fay.client(), line(product.variant(0), 1));
            calls.add(() -> fay.client().ok(CHECKOUT, "input", input(cart, store, payInStore(), "20.00")).setRootPath("data.checkoutComplete"));
        }
        List<JsonPath> results = Race.run(calls);
        long placed = results.stream().filter(r -> r.getString("order.id") != null).count();
        assertThat(placed).isEqualTo(2);
        results.stream().filter(r -> r.getString("order.id") == null)
                .forEach(r -> assertThat(r.getString("userErrors[0].code")).isEqualTo("INSUFFICIENT_STORE_CREDIT"));
        assertThat(data.count("SELECT count(*) FROM store_credit_entry WHERE customer_id = $1 AND kind = 'SPEND'", fay.id())).isEqualTo(2);
        assertThat(data.count("SELECT count(*) FROM customer_order WHERE customer_id = $1", fay.id())).isEqualTo(2);
        assertThat(data.count("SELECT balance_minor FROM store_credit_account WHERE customer_id = $1", fay.id())).isEqualTo(1000);
        assertBalanceIsLedgerSum(fay.id());
    }

    @Test
    void the_export_holds_the_credit_and_its_ledger_and_erasure_keeps_the_figures_under_a_pseudonym() {
        Accounts.Account gus = Accounts.register();
        refund(gus.id(), "12.00", TestData.unique("R"));
        adjust(gus.globalId(), "3.00");
        // A gift card redeemed by the customer links its transaction to them.
        var store = data.store("Credit privacy store", 52.0, 13.0);
        var product = data.product("Credit privacy item", null, 1000);
        data.stock(product.variant(0), store, 5);
        String code = staff.ok("mutation { giftCardIssue(input: { amount: \"30.00\" }) { code } }").getString("data.giftCardIssue.code");
        Checkouts.CartRef cart = customerCart(gus.client(), line(product.variant(0), 1));
        Map<String, Object> withCard = input(cart, store, payInStore(), null);
        withCard.put("giftCardCodes", List.of(code));
        assertThat(gus.client().ok(CHECKOUT, "input", withCard).getList("data.checkoutComplete.userErrors")).isEmpty();

        JsonPath export = gus.client().ok(EXPORT).setRootPath("data.customerDataExport");
        assertThat(export.getList("sections", String.class)).contains("storeCredit");
        JsonObject section = new JsonObject(export.getString("document")).getJsonObject("storeCredit");
        assertThat(section.getJsonObject("account").getLong("balance_minor")).isEqualTo(1500);
        assertThat(section.getJsonArray("ledger")).hasSize(2);
        assertThat(section.getJsonArray("ledger").getJsonObject(0).getString("kind")).isEqualTo("REFUND");
        assertThat(new JsonObject(export.getString("document")).getJsonArray("giftCardTransactions").getJsonObject(0).getLong("amount_minor"))
                .isEqualTo(-1000);

        long before = data.count("SELECT COALESCE(SUM(amount_minor), 0)::bigint FROM store_credit_entry");
        JsonPath deleted = gus.client().ok(DELETE, "input", Map.of("password", gus.password()));
        assertThat(deleted.getList("data.customerDelete.userErrors")).as(deleted.prettify()).isEmpty();
        assertThat(data.count("SELECT count(*) FROM store_credit_entry WHERE customer_id = $1", gus.id())).isZero();
        assertThat(data.count("SELECT count(*) FROM store_credit_account WHERE customer_id = $1", gus.id())).isZero();
        assertThat(data.count("SELECT count(*) FROM gift_card_transaction WHERE actor = $1", gus.id())).isZero();
        assertThat(data.count("SELECT COALESCE(SUM(amount_minor), 0)::bigint FROM store_credit_entry")).isEqualTo(before);
        assertThat(data.count("SELECT count(*) FROM store_credit_account WHERE customer_id LIKE 'erased:%' AND balance_minor = 1500"))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void order_tenders_cost_the_same_statements_for_two_and_twelve_orders() {
        var store = data.store("Credit counted store", 52.0, 13.0);
        var product = data.product("Credit counted item", null, 1000);
        data.stock(product.variant(0), store, 100);
        Accounts.Account hal = Accounts.register();
        adjust(hal.globalId(), "100.00");
        for (int i = 0; i < 12; i++) {
            Checkouts.CartRef cart = customerCart(hal.client(), line(product.variant(0), 1));
            JsonPath placed = hal.client().ok(CHECKOUT, "input", input(cart, store, payInStore(), "1.00"));
            assertThat(placed.getList("data.checkoutComplete.userErrors")).isEmpty();
        }
        String history = "query($first: Int!) { myOrders(first: $first) { edges { node { number tenders { kind amount { amount } giftCardLast4 } } } } }";
        long two = statements(hal.client(), history, 2);
        long twelve = statements(hal.client(), history, 12);
        assertThat(hal.client().ok(history, "first", 12).getList("data.myOrders.edges.node.tenders.kind")).hasSize(12);
        assertThat(twelve).isEqualTo(two);
    }

    private long statements(GraphQL client, String query, int first) {
        client.ok(query, "first", first);
        // Writes the checkouts left to the background (e.g. activity) would count otherwise.
        BackgroundWrites.settle();
        long before = db.statementCount();
        client.ok(query, "first", first);
        return db.statementCount() - before;
    }
}
