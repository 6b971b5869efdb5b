package com.omnichannel.gateway.order;

import static com.omnichannel.gateway.checkout.Checkouts.card;
import static com.omnichannel.gateway.checkout.Checkouts.customerCart;
import static com.omnichannel.gateway.checkout.Checkouts.guestCart;
import static com.omnichannel.gateway.checkout.Checkouts.line;
import static com.omnichannel.gateway.checkout.Checkouts.payInStore;
import static com.omnichannel.gateway.checkout.Checkouts.pickup;
import static com.omnichannel.gateway.checkout.Checkouts.placed;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.GraphQLWebSocket;
import com.omnichannel.gateway.support.Race;
import com.omnichannel.gateway.support.TestData;
import com.omnichannel.gateway.support.Tokens;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** Pickups: collection codes when ready, the hand-over with the code, its attempt limits, and the uncollected. */
@QuarkusTest
class PickupTest {

    static final String PICKUP_FIELDS = "collectionCode qrPayload readyAt collectBy amountDue { amount currencyCode } closedAt outcome";
    static final String ORDER = "query($id: ID!) { order(id: $id) { status paymentStatus amountDueAtPickup { amount } pickup { "
            + PICKUP_FIELDS + " } shipments { id status pickup { " + PICKUP_FIELDS + " } } timeline { kind toStatus actor note } } }";
    static final String HAND_OVER = """
            mutation($input: PickupHandOverInput!) { pickupHandOver(input: $input) {
              shipment { id status pickup { outcome closedAt amountDue { amount } } lines { orderNumber quantity } }
              userErrors { code field message } } }""";

    @Inject
    TestData data;

    @Inject
    PickupExpiryJob expiry;

    @Inject
    Vertx vertx;

    @Inject
    RedisDataSource redis;

    @Inject
    com.omnichannel.gateway.platform.db.Db db;

    @TestHTTPResource("/graphql")
    URI endpoint;

    private final GraphQL staff = GraphQL.as(Tokens.staff());

    /** The test database starts afresh at every run and gives its stores the same ids again; Redis keeps counting. */
    @BeforeEach
    void forget_wrong_codes_counted_for_stores_of_earlier_runs() {
        List<String> counted = redis.key().keys("pickup-code-store:*");
        if (!counted.isEmpty()) {
            redis.key().del(counted.toArray(String[]::new));
        }
    }

    record Placed(String orderId, String number, GraphQL customer, TestData.Ref store, TestData.VariantRef variant) {
    }

    private Placed placedPickup(String name, Map<String, Object> payment) {
        GraphQL customer = GraphQL.as(Tokens.customer("customer-" + UUID.randomUUID()));
        var store = data.store(name + " store", 52.0, 13.0);
        var product = data.product(name, null, 2450);
        data.stock(product.variant(0), store, 5);
        JsonPath order = placed(customerCart(customer, line(product.variant(0), 2)), pickup(store), payment);
        return new Placed(order.getString("id"), order.getString("number"), customer, store, product.variant(0));
    }

    private void status(String orderId, String status) {
        JsonPath result = staff.ok(OrderLifecycleTest.STATUS, "input", Map.of("orderId", orderId, "status", status));
        assertThat(result.getList("data.orderStatusUpdate.userErrors")).as(result.prettify()).isEmpty();
    }

    private JsonPath handOver(GraphQL who, TestData.Ref store, String code) {
        return who.execute(HAND_OVER, "input", Map.of("storeId", store.id(), "code", code));
    }

    @Test
    void a_ready_pickup_has_a_code_for_its_customer_only_a_collect_by_time_and_the_amount_due_at_the_counter() {
        Placed p = placedPickup("Pickup ready scarf", payInStore());
        JsonPath before = p.customer().ok(ORDER, "id", p.orderId()).setRootPath("data.order");
        assertThat(before.getString("pickup")).isNull();
        assertThat(before.getString("amountDueAtPickup.amount")).isEqualTo("49.00");

        status(p.orderId(), "CONFIRMED");
        status(p.orderId(), "READY_FOR_PICKUP");

        JsonPath mine = p.customer().ok(ORDER, "id", p.orderId()).setRootPath("data.order");
        String code = mine.getString("pickup.collectionCode");
        assertThat(code).matches("[" + Pickups.ALPHABET + "]{6}");
        assertThat(mine.getString("shipments[0].pickup.collectionCode")).isEqualTo(code);
        assertThat(mine.getString("pickup.qrPayload")).startsWith("pickup:").endsWith(":" + code);
        assertThat(mine.getString("pickup.amountDue.amount")).isEqualTo("49.00");
        assertThat(mine.getString("pickup.amountDue.currencyCode")).isEqualTo("EUR");
        OffsetDateTime readyAt = OffsetDateTime.parse(mine.getString("pickup.readyAt"));
        OffsetDateTime collectBy = OffsetDateTime.parse(mine.getString("pickup.collectBy"));
        assertThat(Duration.between(readyAt, collectBy)).isEqualTo(Duration.ofDays(7));
        assertThat(Duration.between(readyAt, OffsetDateTime.now()).abs()).isLessThan(Duration.ofMinutes(1));
        assertThat(mine.getString("pickup.outcome")).isNull();

        // Staff see when and how much, never the code: only the customer's own screen can get it handed over.
        JsonPath staffView = staff.ok(ORDER, "id", p.orderId()).setRootPath("data.order");
        assertThat(staffView.getString("pickup.readyAt")).isNotNull();
        assertThat(staffView.getString("pickup.amountDue.amount")).isEqualTo("49.00");
        assertThat(staffView.getString("pickup.collectionCode")).isNull();
        assertThat(staffView.getString("pickup.qrPayload")).isNull();
        assertThat(staffView.getString("shipments[0].pickup.collectionCode")).isNull();
        // Nobody else reaches the order at all.
        assertThat(GraphQL.as(Tokens.customer("customer-" + UUID.randomUUID())).ok(ORDER, "id", p.orderId()).getString("data.order")).isNull();
    }

    @Test
    void staff_hand_over_with_the_code_the_order_is_picked_up_paid_and_the_timeline_says_so() {
        Placed p = placedPickup("Pickup handover bowl", payInStore());
        Placed other = placedPickup("Pickup handover other", payInStore());
        for (Placed x : List.of(p, other)) {
            status(x.orderId(), "CONFIRMED");
            status(x.orderId(), "READY_FOR_PICKUP");
        }
        String code = p.customer().ok(ORDER, "id", p.orderId()).getString("data.order.pickup.collectionCode");
        String otherCode = other.customer().ok(ORDER, "id", other.orderId()).getString("data.order.pickup.collectionCode");

        // Another store's code is refused like a wrong one, and changes nothing.
        JsonPath elsewhere = handOver(staff, p.store(), otherCode);
        assertThat(elsewhere.getString("data.pickupHandOver.userErrors[0].code")).isEqualTo("INVALID_COLLECTION_CODE");
        assertThat(elsewhere.getList("data.pickupHandOver.userErrors[0].field")).containsExactly("input", "code");
        assertThat(elsewhere.getString("data.pickupHandOver.shipment")).isNull();
        assertThat(staff.ok(ORDER, "id", other.orderId()).getString("data.order.status")).isEqualTo("READY_FOR_PICKUP");

        // Read out with a dash and in lower case, the code still works.
        String typed = code.substring(0, 3).toLowerCase() + "-" + code.substring(3);
        JsonPath handed = handOver(staff, p.store(), typed);
        assertThat(handed.getList("data.pickupHandOver.userErrors")).as(handed.prettify()).isEmpty();
        assertThat(handed.getString("data.pickupHandOver.shipment.status")).isEqualTo("PICKED_UP");
        assertThat(handed.getString("data.pickupHandOver.shipment.pickup.outcome")).isEqualTo("HANDED_OVER");
        assertThat(handed.getString("data.pickupHandOver.shipment.lines[0].orderNumber")).isEqualTo(p.number());

        JsonPath order = p.customer().ok(ORDER, "id", p.orderId()).setRootPath("data.order");
        assertThat(order.getString("status")).isEqualTo("PICKED_UP");
        assertThat(order.getString("paymentStatus")).isEqualTo("PAID");
        assertThat(order.getString("amountDueAtPickup.amount")).isEqualTo("0.00");
        assertThat(order.getString("pickup.collectionCode")).as("a closed pickup shows no code").isNull();
        assertThat(order.getList("timeline.kind")).contains("PICKUP_HANDED_OVER");
        assertThat(order.getString("timeline.find { it.kind == 'PICKUP_HANDED_OVER' }.note"))
                .contains("Pickup handover bowl store").contains("49.00 EUR taken at the counter");
        assertThat(order.getList("timeline.toStatus")).containsSubsequence("READY_FOR_PICKUP", "PICKED_UP");
        var stock = data.stockRow(p.variant(), p.store());
        assertThat(stock.getInteger("on_hand")).isEqualTo(3);
        assertThat(stock.getInteger("reserved")).isZero();

        // The code is spent: a second hand-over is refused.
        assertThat(handOver(staff, p.store(), code).getString("data.pickupHandOver.userErrors[0].code")).isEqualTo("INVALID_COLLECTION_CODE");
        assertThat(data.count("SELECT count(*) FROM stock_movement WHERE variant_id = $1 AND kind = 'FULFILMENT'", p.variant().key())).isEqualTo(1);
    }

    @Test
    void a_card_payment_is_captured_at_the_hand_over_and_nothing_is_due_at_the_counter() {
        Placed p = placedPickup("Pickup card lamp", card("4242424242424242"));
        status(p.orderId(), "CONFIRMED");
        status(p.orderId(), "READY_FOR_PICKUP");
        JsonPath ready = p.customer().ok(ORDER, "id", p.orderId()).setRootPath("data.order");
        assertThat(ready.getString("paymentStatus")).isEqualTo("AUTHORIZED");
        assertThat(ready.getString("pickup.amountDue.amount")).isEqualTo("0.00");
        assertThat(ready.getString("amountDueAtPickup.amount")).isEqualTo("0.00");

        assertThat(handOver(staff, p.store(), ready.getString("pickup.collectionCode")).getList("data.pickupHandOver.userErrors")).isEmpty();
        assertThat(staff.ok(ORDER, "id", p.orderId()).getString("data.order.paymentStatus")).isEqualTo("PAID");
    }

    @Test
    void wrong_codes_are_counted_per_staff_member_and_past_the_limit_even_the_right_code_waits() {
        Placed p = placedPickup("Pickup guessing vase", payInStore());
        status(p.orderId(), "CONFIRMED");
        status(p.orderId(), "READY_FOR_PICKUP");
        String code = p.customer().ok(ORDER, "id", p.orderId()).getString("data.order.pickup.collectionCode");
        GraphQL guesser = GraphQL.as(Tokens.staff());
        for (int i = 0; i < 10; i++) {
            JsonPath wrong = handOver(guesser, p.store(), "ZZZZZ" + i);
            assertThat(wrong.getString("data.pickupHandOver.userErrors[0].code")).isEqualTo("INVALID_COLLECTION_CODE");
        }
        JsonPath limited = handOver(guesser, p.store(), code);
        assertThat(limited.getString("errors[0].extensions.code")).isEqualTo("RATE_LIMITED");
        assertThat(limited.getInt("errors[0].extensions.retryAfterSeconds")).isPositive();
        assertThat(staff.ok(ORDER, "id", p.orderId()).getString("data.order.status")).isEqualTo("READY_FOR_PICKUP");

        // A colleague at the same store is not held up by another's mistakes (the store's limit is higher).
        assertThat(handOver(staff, p.store(), code).getList("data.pickupHandOver.userErrors")).isEmpty();
    }

    @Test
    void wrong_codes_are_counted_per_store_across_staff_members() {
        var store = data.store("Pickup store limit", 52.0, 13.0);
        for (int i = 0; i < 30; i++) {
            JsonPath wrong = handOver(GraphQL.as(Tokens.staff()), store, "QQQQQ" + i);
            assertThat(wrong.getString("data.pickupHandOver.userErrors[0].code")).isEqualTo("INVALID_COLLECTION_CODE");
        }
        assertThat(handOver(GraphQL.as(Tokens.staff()), store, "QQQQQQ").getString("errors[0].extensions.code")).isEqualTo("RATE_LIMITED");
    }

    @Test
    void only_staff_hand_over_and_an_unknown_store_is_a_user_error() {
        Placed p = placedPickup("Pickup customer tries", payInStore());
        assertThat(handOver(p.customer(), p.store(), "AAAAAA").getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");
        assertThat(handOver(GraphQL.anonymous(), p.store(), "AAAAAA").getString("errors[0].extensions.code")).isEqualTo("UNAUTHENTICATED");
        JsonPath unknown = staff.execute(HAND_OVER, "input", Map.of("storeId", "not-a-store", "code", "AAAAAA"));
        assertThat(unknown.getString("data.pickupHandOver.userErrors[0].code")).isEqualTo("UNKNOWN_STORE");
    }

    @Test
    void two_expiry_runs_at_once_cancel_each_uncollected_pickup_once_release_its_units_and_void_its_payment() throws Exception {
        Placed payAtCounter = placedPickup("Pickup uncollected shoes", payInStore());
        Placed paidByCard = placedPickup("Pickup uncollected hat", card("4242424242424242"));
        Placed collected = placedPickup("Pickup collected in time", payInStore());
        for (Placed x : List.of(payAtCounter, paidByCard, collected)) {
            status(x.orderId(), "CONFIRMED");
            status(x.orderId(), "READY_FOR_PICKUP");
        }
        String code = collected.customer().ok(ORDER, "id", collected.orderId()).getString("data.order.pickup.collectionCode");
        assertThat(handOver(staff, collected.store(), code).getList("data.pickupHandOver.userErrors")).isEmpty();
        OffsetDateTime collectBy = OffsetDateTime.parse(staff.ok(ORDER, "id", payAtCounter.orderId()).getString("data.order.pickup.collectBy"));

        // Within the grace period nothing happens.
        expiry.run(collectBy.plusHours(23).toInstant()).await().atMost(Duration.ofSeconds(30));
        assertThat(staff.ok(ORDER, "id", payAtCounter.orderId()).getString("data.order.status")).isEqualTo("READY_FOR_PICKUP");

        var later = collectBy.plusDays(1).plusMinutes(5).toInstant();
        List<Callable<Integer>> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            runs.add(() -> expiry.run(later).await().atMost(Duration.ofSeconds(60)));
        }
        List<Integer> cancelled = Race.run(runs);
        assertThat(cancelled.get(0) + cancelled.get(1)).isGreaterThanOrEqualTo(2);

        for (Placed x : List.of(payAtCounter, paidByCard)) {
            JsonPath order = x.customer().ok(ORDER, "id", x.orderId()).setRootPath("data.order");
            assertThat(order.getString("status")).isEqualTo("CANCELLED");
            assertThat(order.getString("paymentStatus")).isEqualTo("VOIDED");
            assertThat(order.getString("pickup.outcome")).isEqualTo("NOT_COLLECTED");
            assertThat(order.getString("shipments[0].status")).isEqualTo("CANCELLED");
            assertThat(order.getString("timeline.find { it.toStatus == 'CANCELLED' }.note")).startsWith("Not collected by")
                    .contains("back in stock");
            assertThat(order.getString("timeline.find { it.toStatus == 'CANCELLED' }.actor")).isEqualTo("system:pickup-expiry");
            var stock = data.stockRow(x.variant(), x.store());
            assertThat(stock.getInteger("on_hand")).isEqualTo(5);
            assertThat(stock.getInteger("reserved")).isZero();
            // Once, whichever run got there: one cancellation on the timeline, one release in the stock ledger.
            assertThat(data.count("SELECT count(*) FROM order_event WHERE order_id = $1 AND to_status = 'CANCELLED'", key(x.orderId())))
                    .isEqualTo(1);
            assertThat(data.count("SELECT count(*) FROM stock_movement WHERE variant_id = $1 AND kind = 'RELEASE'", x.variant().key()))
                    .isEqualTo(1);
        }
        assertThat(staff.ok(ORDER, "id", collected.orderId()).getString("data.order.status")).isEqualTo("PICKED_UP");
        // Nothing is left for a third run.
        assertThat(data.count("SELECT count(*) FROM pickup p JOIN shipment_line sl ON sl.shipment_id = p.shipment_id "
                + "JOIN order_line l ON l.id = sl.order_line_id WHERE l.order_id = $1 AND p.closed_at IS NULL", key(payAtCounter.orderId()))).isZero();
    }

    @Test
    void the_ready_event_carries_the_code_and_collect_by_time_to_the_customer_only() throws Exception {
        String customerId = "customer-" + UUID.randomUUID();
        String token = Tokens.customer(customerId);
        var store = data.store("Pickup live store", 52.0, 13.0);
        var product = data.product("Pickup live plant", null, 1500);
        data.stock(product.variant(0), store, 5);
        JsonPath order = placed(customerCart(GraphQL.as(token), line(product.variant(0), 1)), pickup(store), payInStore());
        status(order.getString("id"), "CONFIRMED");
        String subscription = "subscription($id: ID!) { orderStatusChanged(orderId: $id) { status pickup { collectionCode collectBy } } }";

        try (GraphQLWebSocket phone = new GraphQLWebSocket(vertx, endpoint, token);
                GraphQLWebSocket counter = new GraphQLWebSocket(vertx, endpoint, Tokens.staff())) {
            phone.subscribe("1", subscription, Map.of("id", order.getString("id")));
            counter.subscribe("1", subscription, Map.of("id", order.getString("id")));
            Thread.sleep(500); // let the subscriptions start before the change
            status(order.getString("id"), "READY_FOR_PICKUP");
            JsonObject mine = phone.next().getJsonObject("payload").getJsonObject("data").getJsonObject("orderStatusChanged");
            JsonObject staffs = counter.next().getJsonObject("payload").getJsonObject("data").getJsonObject("orderStatusChanged");
            assertThat(mine.getString("status")).isEqualTo("READY_FOR_PICKUP");
            String code = GraphQL.as(token).ok(ORDER, "id", order.getString("id")).getString("data.order.pickup.collectionCode");
            assertThat(mine.getJsonObject("pickup").getString("collectionCode")).isEqualTo(code).isNotNull();
            assertThat(mine.getJsonObject("pickup").getString("collectBy")).isNotNull();
            assertThat(staffs.getJsonObject("pickup").getString("collectionCode")).isNull();
            assertThat(staffs.getJsonObject("pickup").getString("collectBy")).isEqualTo(mine.getJsonObject("pickup").getString("collectBy"));
        }
    }

    @Test
    void a_guest_sees_the_code_through_the_order_lookup() {
        var store = data.store("Pickup guest store", 52.0, 13.0);
        var product = data.product("Pickup guest mug", null, 900);
        data.stock(product.variant(0), store, 5);
        JsonPath order = placed(guestCart(line(product.variant(0), 1)), pickup(store), payInStore());
        status(order.getString("id"), "CONFIRMED");
        status(order.getString("id"), "READY_FOR_PICKUP");
        JsonPath lookup = GraphQL.anonymous().ok("query($n: String!, $e: String!) { orderLookup(number: $n, email: $e) { pickup { collectionCode } } }",
                "n", order.getString("number"), "e", "guest@example.com");
        assertThat(lookup.getString("data.orderLookup.pickup.collectionCode")).matches("[" + Pickups.ALPHABET + "]{6}");
    }

    @Test
    void splitting_a_ready_shipment_gives_the_new_one_a_code_of_its_own() {
        Placed p = placedPickup("Pickup split socks", payInStore());
        status(p.orderId(), "CONFIRMED");
        status(p.orderId(), "READY_FOR_PICKUP");
        JsonPath before = p.customer().ok(ORDER + "", "id", p.orderId());
        String shipmentId = before.getString("data.order.shipments[0].id");
        String lineId = staff.ok("query($id: ID!) { order(id: $id) { lines { id } } }", "id", p.orderId()).getString("data.order.lines[0].id");
        JsonPath split = staff.ok(OrderLifecycleTest.SPLIT, "input", Map.of("shipmentId", shipmentId,
                "lines", List.of(Map.of("orderLineId", lineId, "quantity", 1))));
        assertThat(split.getList("data.shipmentSplit.userErrors")).isEmpty();
        List<String> codes = p.customer().ok(ORDER, "id", p.orderId()).getList("data.order.shipments.pickup.collectionCode");
        assertThat(codes).hasSize(2).doesNotContainNull().doesNotHaveDuplicates();
    }

    @Test
    void the_pickups_of_a_page_of_orders_and_their_shipments_are_read_with_the_same_statements_for_2_and_8_orders() {
        GraphQL customer = GraphQL.as(Tokens.customer("customer-" + UUID.randomUUID()));
        var store = data.store("Pickup counted store", 52.0, 13.0);
        var product = data.product("Pickup counted cup", null, 700);
        data.stock(product.variant(0), store, 20);
        for (int i = 0; i < 8; i++) {
            String id = placed(customerCart(customer, line(product.variant(0), 1)), pickup(store), payInStore()).getString("id");
            status(id, "CONFIRMED");
            status(id, "READY_FOR_PICKUP");
        }
        String history = "query($first: Int!) { myOrders(first: $first) { edges { node { number amountDueAtPickup { amount } pickup { "
                + PICKUP_FIELDS + " } shipments { status pickup { " + PICKUP_FIELDS + " } } } } } }";
        long two = statements(customer, history, 2);
        long eight = statements(customer, history, 8);
        List<String> codes = customer.ok(history, "first", 8).getList("data.myOrders.edges.node.pickup.collectionCode");
        assertThat(codes).hasSize(8).doesNotContainNull().doesNotHaveDuplicates();
        assertThat(eight).isEqualTo(two);
        // orders, shipments, the orders' pickups, the shipments' pickups
        assertThat(eight).isLessThanOrEqualTo(4);
    }

    @Test
    void an_uncollected_order_gives_its_pickup_slot_back() {
        GraphQL customer = GraphQL.as(Tokens.customer("customer-" + UUID.randomUUID()));
        var store = data.store("Pickup slot store", 52.0, 13.0);
        var product = data.product("Pickup slot kettle", null, 3900);
        data.stock(product.variant(0), store, 3);
        List<Map<String, Object>> week = new ArrayList<>();
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")) {
            week.add(Map.of("day", day, "opens", "00:00", "closes", "00:00"));
        }
        assertThat(staff.ok("mutation($input: StoreHoursSetInput!) { storeHoursSet(input: $input) { userErrors { code } } }", "input",
                Map.of("storeId", store.id(), "timeZone", "Europe/Berlin", "weekly", week, "exceptions", List.of()))
                .getList("data.storeHoursSet.userErrors")).isEmpty();
        assertThat(staff.ok("mutation($input: StorePickupSetInput!) { storePickupSet(input: $input) { userErrors { code } } }", "input",
                Map.of("storeId", store.id(), "preparationMinutes", 0, "slotMinutes", 30, "slotCapacity", 1))
                .getList("data.storePickupSet.userErrors")).isEmpty();
        OffsetDateTime soon = OffsetDateTime.now().plusHours(1);
        String slots = "query($s: ID!, $from: DateTime!, $to: DateTime!) { pickupSlots(storeId: $s, from: $from, to: $to) { id remaining } }";
        String slotId = staff.ok(slots, "s", store.id(), "from", soon.toString(), "to", soon.plusHours(1).toString()).getString("data.pickupSlots[0].id");
        var cart = customerCart(customer, line(product.variant(0), 1));
        JsonPath chosen = customer.ok("mutation($input: CartFulfilmentSetInput!) { cartFulfilmentSet(input: $input) { userErrors { code } } }",
                "input", Map.of("cartId", cart.id(), "type", "PICKUP", "storeId", store.id(), "slotId", slotId));
        assertThat(chosen.getList("data.cartFulfilmentSet.userErrors")).isEmpty();
        String orderId = placed(cart, pickup(store), payInStore()).getString("id");
        assertThat(staff.ok(slots, "s", store.id(), "from", soon.toString(), "to", soon.plusHours(1).toString())
                .getInt("data.pickupSlots[0].remaining")).isZero();
        status(orderId, "CONFIRMED");
        status(orderId, "READY_FOR_PICKUP");
        OffsetDateTime collectBy = OffsetDateTime.parse(staff.ok(ORDER, "id", orderId).getString("data.order.pickup.collectBy"));

        expiry.run(collectBy.plusDays(1).plusMinutes(5).toInstant()).await().atMost(Duration.ofSeconds(60));

        assertThat(staff.ok(ORDER, "id", orderId).getString("data.order.status")).isEqualTo("CANCELLED");
        assertThat(staff.ok(slots, "s", store.id(), "from", soon.toString(), "to", soon.plusHours(1).toString())
                .getInt("data.pickupSlots[0].remaining")).isEqualTo(1);
    }

    private long statements(GraphQL client, String query, int first) {
        client.ok(query, "first", first);
        com.omnichannel.gateway.support.BackgroundWrites.settle();
        long before = db.statementCount();
        client.ok(query, "first", first);
        return db.statementCount() - before;
    }

    private static long key(String orderId) {
        return com.omnichannel.gateway.platform.ids.GlobalId.tryDecode("Order", orderId);
    }
}
