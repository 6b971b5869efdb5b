package com.omnichannel.gateway.credit;

import static com.omnichannel.gateway.checkout.Checkouts.customerCart;
import static com.omnichannel.gateway.checkout.Checkouts.line;
import static com.omnichannel.gateway.checkout.Checkouts.payInStore;
import static com.omnichannel.gateway.checkout.Checkouts.pickup;
import static com.omnichannel.gateway.checkout.Checkouts.placed;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.checkout.Checkouts;
import com.omnichannel.gateway.order.Order;
import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.platform.ids.GlobalId;
import com.omnichannel.gateway.support.Accounts;
import com.omnichannel.gateway.support.BackgroundWrites;
import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.Race;
import com.omnichannel.gateway.support.TestData;
import com.omnichannel.gateway.support.Tokens;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Gift cards sold as a product: a gift card variant bought on the web issues one card per unit, whose codes the buyer
 * reads on the order and spends on any channel; cancelling the order voids the cards nobody spent.
 */
@QuarkusTest
class GiftCardSaleTest {

    static final String MARK_GIFT_CARD = """
            mutation($input: ProductVariantUpdateInput!) { productVariantUpdate(input: $input) {
              productVariant { id giftCard price { amount } } userErrors { code field message } } }""";
    static final String GIFT_CARDS = """
            query($id: ID!) { order(id: $id) { id giftCards { code last4 initialValue { amount currencyCode } balance { amount } voided } } }""";
    static final String CHECKOUT = """
            mutation($input: CheckoutCompleteInput!) { checkoutComplete(input: $input) {
              order { id tenders { kind amount { amount } giftCardLast4 } } userErrors { code field message } } }""";
    static final String CANCEL = """
            mutation($input: OrderCancelInput!) { orderCancel(input: $input) { order { status } userErrors { code message } } }""";
    static final String CREATE_VARIANT = """
            mutation($input: ProductVariantCreateInput!) { productVariantCreate(input: $input) {
              productVariant { id giftCard } userErrors { code field message } } }""";
    static final String PROMOTION = """
            mutation($input: PromotionCreateInput!) { promotionCreate(input: $input) { promotion { id } userErrors { code field message } } }""";
    static final String APPLY_COUPON = """
            mutation($input: CartCouponApplyInput!) { cartCouponApply(input: $input) { cart { id } userErrors { code field message } } }""";
    static final String HISTORY = """
            query($first: Int!) { myOrders(first: $first) { edges { node { number giftCards { code last4 balance { amount } } } } } }""";

    @Inject
    TestData data;

    @Inject
    Db db;

    @Inject
    RedisDataSource redis;

    private final GraphQL staff = GraphQL.as(Tokens.staff());

    /** A product whose one variant staff made a gift card worth {@code priceMinor}, in stock at the store. */
    private TestData.VariantRef giftCardVariant(String name, long priceMinor, TestData.Ref store) {
        TestData.VariantRef variant = data.product(name, null, priceMinor).variant(0);
        JsonPath marked = staff.ok(MARK_GIFT_CARD, "input", Map.of("id", variant.id(), "giftCard", true))
                .setRootPath("data.productVariantUpdate");
        assertThat(marked.getList("userErrors")).as(marked.prettify()).isEmpty();
        assertThat(marked.getBoolean("productVariant.giftCard")).isTrue();
        data.stock(variant, store, 100);
        return variant;
    }

    private static long orderKey(String orderId) {
        return GlobalId.tryDecode(Order.TYPE, orderId);
    }

    private static GraphQL customer() {
        return GraphQL.as(Tokens.customer("customer-" + UUID.randomUUID()));
    }

    @Test
    void two_cards_bought_on_the_web_show_their_codes_to_the_buyer_and_one_pays_at_a_kiosk() {
        var store = data.store("Gift card sale store", 52.0, 13.0);
        TestData.VariantRef giftCard = giftCardVariant("Gift card 25", 2500, store);
        var lamp = data.product("Gift card sale lamp", null, 1000);
        data.stock(lamp.variant(0), store, 10);

        GraphQL buyer = customer();
        String orderId = placed(customerCart(buyer, line(giftCard, 2)), pickup(store), payInStore()).getString("id");
        JsonPath cards = buyer.ok(GIFT_CARDS, "id", orderId).setRootPath("data.order.giftCards");
        assertThat(cards.getList("")).hasSize(2);
        List<String> codes = cards.getList("code");
        assertThat(new HashSet<>(codes)).hasSize(2);
        for (int i = 0; i < 2; i++) {
            String code = codes.get(i);
            assertThat(code).matches("[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3}");
            assertThat(cards.getString("[" + i + "].last4")).isEqualTo(code.substring(code.length() - 4));
            assertThat(cards.getString("[" + i + "].initialValue.amount")).isEqualTo("25.00");
            assertThat(cards.getString("[" + i + "].balance.amount")).isEqualTo("25.00");
            assertThat(cards.getBoolean("[" + i + "].voided")).isFalse();
            // Stored as digest and last 4 only; the code is derived again, the same every time.
            assertThat(data.count("SELECT count(*) FROM gift_card WHERE code_hash = $1 AND order_id = $2",
                    GiftCardCodes.digest(GiftCardCodes.normalized(code)), orderKey(orderId))).isEqualTo(1);
            assertThat(data.count("SELECT count(*) FROM gift_card WHERE code_hash = $1 OR code_hash = $2 OR note = $1",
                    code, code.replace("-", ""))).isZero();
        }
        assertThat(buyer.ok(GIFT_CARDS, "id", orderId).getList("data.order.giftCards.code")).isEqualTo(codes);
        assertThat(data.count("SELECT count(*) FROM gift_card_transaction WHERE order_id = $1 AND kind = 'ISSUE' AND amount_minor = 2500",
                orderKey(orderId))).isEqualTo(2);

        // Someone else spends the first card at a kiosk: it pays the 10.00 lamp and keeps 15.00.
        Accounts.Account kim = Accounts.register();
        GraphQL atKiosk = GraphQL.as(Accounts.signIn(GraphQL.as(Tokens.kiosk(store.id())), kim.email(), kim.password())
                .getString("data.customerSignIn.tokens.accessToken"));
        Checkouts.CartRef kiosk = customerCart(atKiosk, line(lamp.variant(0), 1));
        Map<String, Object> input = Checkouts.input(kiosk, UUID.randomUUID().toString(), pickup(store), payInStore());
        input.put("giftCardCodes", List.of(codes.get(0)));
        JsonPath spent = atKiosk.ok(CHECKOUT, "input", input).setRootPath("data.checkoutComplete");
        assertThat(spent.getList("userErrors")).as(spent.prettify()).isEmpty();
        assertThat(spent.getString("order.tenders[0].kind")).isEqualTo("GIFT_CARD");
        assertThat(spent.getString("order.tenders[0].amount.amount")).isEqualTo("10.00");
        assertThat(spent.getString("order.tenders[0].giftCardLast4")).isEqualTo(cards.getString("[0].last4"));

        assertThat(buyer.ok(GIFT_CARDS, "id", orderId).getList("data.order.giftCards.balance.amount")).containsExactly("15.00", "25.00");
    }

    @Test
    void cancelling_the_order_voids_its_unspent_cards_and_keeps_a_spent_one() {
        redis.key().del("gift-card-balance-checks:{ip:127.0.0.1}", "gift-card-balance-checks:{ip:0:0:0:0:0:0:0:1}");
        var store = data.store("Gift card void store", 52.0, 13.0);
        TestData.VariantRef giftCard = giftCardVariant("Gift card 30", 3000, store);
        var mug = data.product("Gift card void mug", null, 500);
        data.stock(mug.variant(0), store, 10);

        GraphQL buyer = customer();
        String orderId = placed(customerCart(buyer, line(giftCard, 2)), pickup(store), payInStore()).getString("id");
        List<String> codes = buyer.ok(GIFT_CARDS, "id", orderId).getList("data.order.giftCards.code");
        Checkouts.CartRef spend = customerCart(buyer, line(mug.variant(0), 1));
        Map<String, Object> input = Checkouts.input(spend, UUID.randomUUID().toString(), pickup(store), payInStore());
        input.put("giftCardCodes", List.of(codes.get(1)));
        assertThat(buyer.ok(CHECKOUT, "input", input).getList("data.checkoutComplete.userErrors")).isEmpty();

        JsonPath cancelled = staff.ok(CANCEL, "input", Map.of("orderId", orderId, "reason", "changed mind"));
        assertThat(cancelled.getList("data.orderCancel.userErrors")).as(cancelled.prettify()).isEmpty();

        JsonPath cards = buyer.ok(GIFT_CARDS, "id", orderId).setRootPath("data.order.giftCards");
        assertThat(cards.getList("voided")).containsExactly(true, false);
        assertThat(cards.getList("balance.amount")).containsExactly("0.00", "25.00");
        assertThat(data.count("SELECT count(*) FROM gift_card_transaction WHERE order_id = $1 AND kind = 'VOID' AND amount_minor = -3000",
                orderKey(orderId))).isEqualTo(1);
        // Every card's balance is still the sum of its transactions.
        assertThat(data.count("""
                SELECT count(*) FROM gift_card g WHERE g.order_id = $1
                   AND g.balance_minor = (SELECT sum(amount_minor) FROM gift_card_transaction t WHERE t.gift_card_id = g.id)""",
                orderKey(orderId))).isEqualTo(2);

        // The voided card pays nothing any more.
        Checkouts.CartRef again = customerCart(buyer, line(mug.variant(0), 1));
        Map<String, Object> retry = Checkouts.input(again, UUID.randomUUID().toString(), pickup(store), payInStore());
        retry.put("giftCardCodes", List.of(codes.get(0)));
        assertThat(buyer.ok(CHECKOUT, "input", retry).getString("data.checkoutComplete.userErrors[0].code")).isEqualTo("GIFT_CARD_EMPTY");
    }

    @Test
    void only_the_buyer_and_staff_read_the_codes() {
        var store = data.store("Gift card privacy store", 52.0, 13.0);
        TestData.VariantRef giftCard = giftCardVariant("Gift card 20", 2000, store);
        GraphQL buyer = customer();
        String orderId = placed(customerCart(buyer, line(giftCard, 1)), pickup(store), payInStore()).getString("id");
        String code = buyer.ok(GIFT_CARDS, "id", orderId).getString("data.order.giftCards[0].code");
        assertThat(code).isNotNull();

        assertThat(staff.ok(GIFT_CARDS, "id", orderId).getString("data.order.giftCards[0].code")).isEqualTo(code);
        JsonPath other = customer().execute(GIFT_CARDS, "id", orderId);
        assertThat(other.prettify()).doesNotContain(code).doesNotContain(code.replace("-", ""));
        assertThat(other.getString("data.order.giftCards[0].code")).isNull();

        // A guest's order has nobody to show the codes to but staff.
        Checkouts.CartRef guest = Checkouts.guestCart(line(giftCard, 1));
        String guestOrderId = placed(guest, pickup(store), payInStore()).getString("id");
        assertThat(staff.ok(GIFT_CARDS, "id", guestOrderId).getString("data.order.giftCards[0].code")).isNotNull();
        assertThat(guest.client().execute(GIFT_CARDS, "id", guestOrderId).getString("data.order.giftCards[0].code")).isNull();
    }

    @Test
    void gift_cards_of_an_order_history_cost_one_statement_for_any_number_of_orders() {
        var store = data.store("Gift card counted store", 52.0, 13.0);
        TestData.VariantRef giftCard = giftCardVariant("Gift card 15", 1500, store);
        GraphQL buyer = customer();
        for (int i = 0; i < 6; i++) {
            placed(customerCart(buyer, line(giftCard, 1)), pickup(store), payInStore());
        }
        long two = statementsFor(buyer, 2);
        long six = statementsFor(buyer, 6);
        assertThat(six).isEqualTo(two);
        // the orders, their gift cards
        assertThat(six).isLessThanOrEqualTo(2);
        JsonPath history = buyer.ok(HISTORY, "first", 6);
        assertThat(history.getList("data.myOrders.edges.node.giftCards.code").stream().map(List.class::cast).mapToInt(List::size).sum())
                .isEqualTo(6);
    }

    @Test
    void the_card_is_worth_the_price_even_on_a_discounted_line_a_retry_issues_no_more_and_a_free_variant_none() {
        var store = data.store("Gift card discount store", 52.0, 13.0);
        TestData.ProductRef product = data.product("Gift card 40", null, 4000);
        TestData.VariantRef giftCard = product.variant(0);
        staff.ok(MARK_GIFT_CARD, "input", Map.of("id", giftCard.id(), "giftCard", true));
        data.stock(giftCard, store, 100);
        // A variant created as a gift card, priced 0: nothing to issue.
        JsonPath created = staff.ok(CREATE_VARIANT, "input", Map.of("productId", product.id(), "variant",
                Map.of("sku", TestData.unique("GC-FREE"), "price", "0", "giftCard", true))).setRootPath("data.productVariantCreate");
        assertThat(created.getList("userErrors")).as(created.prettify()).isEmpty();
        assertThat(created.getBoolean("productVariant.giftCard")).isTrue();
        TestData.VariantRef free = new TestData.VariantRef(GlobalId.tryDecode("ProductVariant", created.getString("productVariant.id")),
                created.getString("productVariant.id"), null, null);
        data.stock(free, store, 100);
        String code = "GC" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
        JsonPath promotion = staff.ok(PROMOTION, "input", Map.of("name", "Gift cards 10% off", "kind", "PERCENTAGE", "percentOff", "10",
                "code", code, "productIds", List.of(product.id()))).setRootPath("data.promotionCreate");
        assertThat(promotion.getList("userErrors")).as(promotion.prettify()).isEmpty();

        GraphQL buyer = customer();
        Checkouts.CartRef cart = customerCart(buyer, line(giftCard, 1), line(free, 1));
        assertThat(buyer.ok(APPLY_COUPON, "input", Map.of("cartId", cart.id(), "code", code)).getList("data.cartCouponApply.userErrors")).isEmpty();
        Map<String, Object> input = Checkouts.input(cart, UUID.randomUUID().toString(), pickup(store), payInStore());
        JsonPath first = buyer.ok(Checkouts.CHECKOUT, "input", input).setRootPath("data.checkoutComplete");
        assertThat(first.getList("userErrors")).as(first.prettify()).isEmpty();
        assertThat(first.getString("order.total.amount")).isEqualTo("36.00");
        String orderId = first.getString("order.id");
        JsonPath retried = buyer.ok(Checkouts.CHECKOUT, "input", input).setRootPath("data.checkoutComplete");
        assertThat(retried.getString("order.id")).isEqualTo(orderId);

        JsonPath cards = buyer.ok(GIFT_CARDS, "id", orderId).setRootPath("data.order.giftCards");
        assertThat(cards.getList("initialValue.amount")).containsExactly("40.00");
        assertThat(data.count("SELECT count(*) FROM gift_card WHERE order_id = $1", orderKey(orderId))).isEqualTo(1);
        // Valid for GIFT_CARD_VALIDITY (P5Y) from the order.
        OffsetDateTime expiresAt = OffsetDateTime.parse(GraphQL.anonymous().ok(
                "query($code: String!) { giftCardBalance(code: $code) { expiresAt } }", "code", cards.getString("[0].code"))
                .getString("data.giftCardBalance.expiresAt"));
        assertThat(expiresAt).isBetween(OffsetDateTime.now(ZoneOffset.UTC).plusYears(5).minusDays(1),
                OffsetDateTime.now(ZoneOffset.UTC).plusYears(5).plusDays(1));
    }

    @Test
    void a_cancellation_racing_a_redemption_either_voids_the_card_or_lets_it_pay_never_both() throws Exception {
        redis.key().del("gift-card-balance-checks:{ip:127.0.0.1}", "gift-card-balance-checks:{ip:0:0:0:0:0:0:0:1}");
        var store = data.store("Gift card race store", 52.0, 13.0);
        TestData.VariantRef giftCard = giftCardVariant("Gift card 50", 5000, store);
        var item = data.product("Gift card race item", null, 1000);
        data.stock(item.variant(0), store, 100);
        for (int round = 0; round < 4; round++) {
            GraphQL buyer = customer();
            String orderId = placed(customerCart(buyer, line(giftCard, 1)), pickup(store), payInStore()).getString("id");
            String code = buyer.ok(GIFT_CARDS, "id", orderId).getString("data.order.giftCards[0].code");
            // The one the card was given to spends it while the shop cancels the order that bought it.
            GraphQL recipient = customer();
            Checkouts.CartRef spend = customerCart(recipient, line(item.variant(0), 1));
            Map<String, Object> input = Checkouts.input(spend, UUID.randomUUID().toString(), pickup(store), payInStore());
            input.put("giftCardCodes", List.of(code));
            List<Callable<JsonPath>> calls = new ArrayList<>();
            calls.add(() -> recipient.ok(CHECKOUT, "input", input));
            calls.add(() -> staff.ok(CANCEL, "input", Map.of("orderId", orderId, "reason", "race")));
            Race.run(calls);

            long key = orderKey(orderId);
            long voids = data.count("SELECT count(*) FROM gift_card_transaction t JOIN gift_card g ON g.id = t.gift_card_id"
                    + " WHERE g.order_id = $1 AND t.kind = 'VOID'", key);
            long redemptions = data.count("SELECT count(*) FROM gift_card_transaction t JOIN gift_card g ON g.id = t.gift_card_id"
                    + " WHERE g.order_id = $1 AND t.kind = 'REDEEM'", key);
            assertThat(voids + redemptions).as("round " + round).isEqualTo(1);
            assertThat(data.count("SELECT balance_minor FROM gift_card WHERE order_id = $1", key)).isEqualTo(voids == 1 ? 0 : 4000);
            assertThat(data.count("""
                    SELECT count(*) FROM gift_card g WHERE g.order_id = $1
                       AND g.balance_minor = (SELECT sum(amount_minor) FROM gift_card_transaction t WHERE t.gift_card_id = g.id)""",
                    key)).isEqualTo(1);
        }
    }

    private long statementsFor(GraphQL client, int first) {
        client.ok(HISTORY, "first", first);
        BackgroundWrites.settle();
        long before = db.statementCount();
        client.ok(HISTORY, "first", first);
        return db.statementCount() - before;
    }
}
