package com.omnichannel.gateway.integration;

import static com.omnichannel.gateway.checkout.Checkouts.card;
import static com.omnichannel.gateway.checkout.Checkouts.checkout;
import static com.omnichannel.gateway.checkout.Checkouts.guestCart;
import static com.omnichannel.gateway.checkout.Checkouts.line;
import static com.omnichannel.gateway.checkout.Checkouts.payInStore;
import static com.omnichannel.gateway.checkout.Checkouts.pickup;
import static com.omnichannel.gateway.checkout.Checkouts.placed;
import static com.omnichannel.gateway.checkout.Checkouts.ship;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.integration.WebhookReceiver.Received;
import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.TestData;
import com.omnichannel.gateway.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Webhooks end to end: real receivers on 127.0.0.1 verify every signature; events come from real order changes.
 * Each test has its own subscription and receiver and deletes the subscription at the end; receivers look only at
 * the aggregates their test made (other tests' events may reach them while both exist).
 */
@QuarkusTest
class WebhookDeliveryTest {

    static final String SECRET = "whsec-test-0123456789-abcdefghij";
    static final String CREATE = """
            mutation($input: WebhookSubscriptionCreateInput!) { webhookSubscriptionCreate(input: $input) {
              subscription { id url events status pausedReason consecutiveFailures } userErrors { code field message } } }""";
    static final String DELETE = """
            mutation($input: WebhookSubscriptionIdInput!) { webhookSubscriptionDelete(input: $input) { deletedId userErrors { code } } }""";
    static final String PAUSE = """
            mutation($input: WebhookSubscriptionIdInput!) { webhookSubscriptionPause(input: $input) {
              subscription { status pausedReason } userErrors { code } } }""";
    static final String RESUME = """
            mutation($input: WebhookSubscriptionIdInput!) { webhookSubscriptionResume(input: $input) {
              subscription { status pausedReason consecutiveFailures } userErrors { code } } }""";
    static final String SUBSCRIPTION = """
            query($id: ID!) { webhookSubscription(id: $id) { status pausedReason pausedAt consecutiveFailures } }""";
    static final String DELIVERIES = """
            query($id: ID!, $status: WebhookDeliveryStatus) { webhookDeliveries(subscriptionId: $id, status: $status, first: 100) {
              edges { node { id eventId eventType aggregate status attempts lastResponseCode lastDurationMs lastError deliveredAt } } } }""";
    static final String STATUS = """
            mutation($input: OrderStatusUpdateInput!) { orderStatusUpdate(input: $input) { order { status } userErrors { code } } }""";
    static final String CANCEL = """
            mutation($input: OrderCancelInput!) { orderCancel(input: $input) { order { status } userErrors { code } } }""";

    @Inject
    TestData data;

    private final GraphQL admin = GraphQL.as(Tokens.admin());
    private final GraphQL staff = GraphQL.as(Tokens.staff());

    @Test
    void order_events_arrive_signed_once_each_and_in_the_order_they_happened() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start(SECRET)) {
            String subscription = subscribe(receiver, List.of("ORDER_PLACED", "ORDER_STATUS_CHANGED", "ORDER_CANCELLED",
                    "SHIPMENT_READY_FOR_PICKUP"));
            var store = data.store("Webhook pickup store", 52.0, 13.0);
            var product = data.product("Webhook scarf", null, 2900);
            data.stock(product.variant(0), store, 10);
            String collected = placed(guestCart(line(product.variant(0), 2)), pickup(store), payInStore()).getString("id");
            String cancelled = placed(guestCart(line(product.variant(0), 1)), pickup(store), payInStore()).getString("id");
            status(collected, "CONFIRMED");
            staff.ok(CANCEL, "input", Map.of("orderId", cancelled));
            status(collected, "READY_FOR_PICKUP");
            status(collected, "PICKED_UP");

            awaitTrue(() -> receiver.acceptedOf(collected).size() == 5 && receiver.acceptedOf(cancelled).size() == 3
                    && delivered(subscription, collected) == 5, Duration.ofSeconds(30),
                    () -> receiver.acceptedOf(collected) + " / " + receiver.acceptedOf(cancelled));
            List<Received> first = receiver.acceptedOf(collected);
            assertThat(first).extracting(Received::eventType).containsExactly("order.placed", "order.status_changed",
                    "order.status_changed", "shipment.ready_for_pickup", "order.status_changed");
            assertThat(first).extracting(r -> r.body().getJsonObject("data").getString("to"))
                    .containsExactly(null, "CONFIRMED", "READY_FOR_PICKUP", null, "PICKED_UP");
            Received placedEvent = first.get(0);
            assertThat(placedEvent.body().getString("type")).isEqualTo("order.placed");
            assertThat(placedEvent.body().getInteger("version")).isEqualTo(1);
            assertThat(placedEvent.body().getJsonObject("data").getString("orderId")).isEqualTo(collected);
            assertThat(placedEvent.body().getJsonObject("data").getJsonObject("total").getString("amount")).isEqualTo("58.00");
            assertThat(placedEvent.body().getJsonObject("data").getJsonArray("lines").getJsonObject(0).getInteger("quantity")).isEqualTo(2);
            JsonPath ready = new JsonPath(first.get(3).body().encode());
            assertThat(ready.getString("data.collectionCode")).hasSize(6);
            assertThat(ready.getString("data.storeId")).isEqualTo(store.id());
            assertThat(ready.getList("data.orderIds")).containsExactly(collected);
            assertThat(receiver.acceptedOf(cancelled)).extracting(Received::eventType)
                    .containsExactly("order.placed", "order.status_changed", "order.cancelled");
            assertThat(receiver.badSignatures()).isZero();

            JsonPath deliveries = admin.ok(DELIVERIES, "id", subscription, "status", "DELIVERED");
            List<Map<String, Object>> ofCollected = deliveries.getList("data.webhookDeliveries.edges.node.findAll { it.aggregate == 'order:"
                    + collected + "' }");
            assertThat(ofCollected).hasSize(5).allSatisfy(d -> {
                assertThat(d.get("lastResponseCode")).isEqualTo(204);
                assertThat(d.get("attempts")).isEqualTo(1);
                assertThat(d.get("lastDurationMs")).isNotNull();
                assertThat(d.get("deliveredAt")).isNotNull();
            });
            unsubscribe(subscription);
        }
    }

    @Test
    void a_change_that_rolls_back_writes_no_event() {
        var warehouse = data.warehouse("Webhook rollback warehouse", 51.0, 9.0);
        var product = data.product("Webhook rollback bowl", null, 1900);
        data.stock(product.variant(0), warehouse, 1);
        String id = placed(guestCart(line(product.variant(0), 1)), ship(), card("4242424242424242")).getString("id");
        long before = data.count("SELECT count(*) FROM outbox_event WHERE aggregate_id = $1", id);
        assertThat(before).isEqualTo(1);
        // Refused transitions roll back: no event.
        assertThat(staff.ok(STATUS, "input", Map.of("orderId", id, "status", "DELIVERED")).getString("data.orderStatusUpdate.userErrors[0].code"))
                .isEqualTo("ILLEGAL_TRANSITION");
        assertThat(data.count("SELECT count(*) FROM outbox_event WHERE aggregate_id = $1", id)).isEqualTo(1);
        // A checkout refused for want of stock places no order and writes no event.
        long placedEvents = data.count("SELECT count(*) FROM outbox_event WHERE event_type = 'order.placed'");
        JsonPath refused = checkout(guestCart(line(product.variant(0), 1)), ship(), card("4242424242424242"));
        assertThat(refused.getString("data.checkoutComplete.userErrors[0].code")).isEqualTo("INSUFFICIENT_STOCK");
        assertThat(data.count("SELECT count(*) FROM outbox_event WHERE event_type = 'order.placed'")).isEqualTo(placedEvents);
    }

    @Test
    void a_receiver_that_answers_500_gets_the_event_again_until_it_recovers() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start(SECRET).failingFirst(2)) {
            String subscription = subscribe(receiver, List.of("ORDER_PLACED"));
            String order = placeShippedOrder("Webhook 500");
            awaitTrue(() -> delivered(subscription, order) == 1, Duration.ofSeconds(20), () -> receiver.acceptedOf(order).toString());
            String eventId = receiver.acceptedOf(order).get(0).eventId();
            assertThat(receiver.attemptsOf(eventId)).isEqualTo(3);
            Map<String, Object> delivery = deliveryOf(subscription, order);
            assertThat(delivery.get("status")).isEqualTo("DELIVERED");
            assertThat(delivery.get("attempts")).isEqualTo(3);
            assertThat(delivery.get("lastResponseCode")).isEqualTo(204);
            assertThat(delivery.get("eventId")).isEqualTo(eventId);
            assertThat(admin.ok(SUBSCRIPTION, "id", subscription).getInt("data.webhookSubscription.consecutiveFailures")).isZero();
            unsubscribe(subscription);
        }
    }

    @Test
    void a_receiver_that_times_out_is_tried_again_and_deduplicates_by_event_id() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start(SECRET).slowFirst(1, 2_500)) {
            String subscription = subscribe(receiver, List.of("ORDER_PLACED"));
            String order = placeShippedOrder("Webhook timeout");
            // The delivery exists once the outbox event is dispatched (after the coalescing window), so it may be absent at first.
            awaitTrue(() -> {
                Map<String, Object> d = deliveryOf(subscription, order);
                return d != null && "DELIVERED".equals(d.get("status"));
            }, Duration.ofSeconds(20));
            Map<String, Object> delivery = deliveryOf(subscription, order);
            assertThat((Integer) delivery.get("attempts")).isGreaterThanOrEqualTo(2);
            String eventId = (String) delivery.get("eventId");
            assertThat(receiver.attemptsOf(eventId)).isGreaterThanOrEqualTo(2);
            // At least once: the slow first answer may also have been taken; the event id tells the copies apart.
            assertThat(receiver.acceptedOf(order)).hasSize(1);
            unsubscribe(subscription);
        }
    }

    @Test
    void a_receiver_that_keeps_failing_is_paused_with_the_reason_and_gets_everything_in_order_once_resumed() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start(SECRET).alwaysFailing(true)) {
            String subscription = subscribe(receiver, List.of("ORDER_PLACED", "ORDER_STATUS_CHANGED"));
            String order = placeShippedOrder("Webhook failing");
            status(order, "CONFIRMED");
            awaitTrue(() -> "PAUSED".equals(admin.ok(SUBSCRIPTION, "id", subscription).getString("data.webhookSubscription.status")),
                    Duration.ofSeconds(30));
            JsonPath paused = admin.ok(SUBSCRIPTION, "id", subscription);
            assertThat(paused.getString("data.webhookSubscription.pausedReason")).startsWith("Paused after 8 failed deliveries in a row")
                    .contains("HTTP 500");
            assertThat(paused.getString("data.webhookSubscription.pausedAt")).isNotNull();
            assertThat(deliveryOf(subscription, order, "ORDER_PLACED").get("lastResponseCode")).isEqualTo(500);

            receiver.alwaysFailing(false);
            JsonPath resumed = admin.ok(RESUME, "input", Map.of("id", subscription));
            assertThat(resumed.getString("data.webhookSubscriptionResume.subscription.status")).isEqualTo("ACTIVE");
            assertThat(resumed.getInt("data.webhookSubscriptionResume.subscription.consecutiveFailures")).isZero();
            awaitTrue(() -> receiver.acceptedOf(order).size() == 2, Duration.ofSeconds(20), () -> receiver.acceptedOf(order).toString());
            assertThat(receiver.acceptedOf(order)).extracting(Received::eventType).containsExactly("order.placed", "order.status_changed");
            unsubscribe(subscription);
        }
    }

    @Test
    void an_instance_that_dies_mid_delivery_leaves_the_event_to_be_sent_again_once_its_lease_ends() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start(SECRET)) {
            String subscription = subscribe(receiver, List.of("ORDER_PLACED"));
            admin.ok(PAUSE, "input", Map.of("id", subscription));
            String order = placeShippedOrder("Webhook lease");
            awaitTrue(() -> deliveryOf(subscription, order) != null, Duration.ofSeconds(10));
            // What an instance killed while sending leaves behind: a claim of its own, with a lease not yet over.
            data.execute("UPDATE webhook_delivery SET claim_token = gen_random_uuid(), attempts = attempts + 1, "
                    + "locked_until = now() + interval '2 seconds', last_attempt_at = now() WHERE aggregate_key = 'order:" + order + "'");
            admin.ok(RESUME, "input", Map.of("id", subscription));
            Thread.sleep(1_000);
            assertThat(receiver.acceptedOf(order)).isEmpty();
            awaitTrue(() -> delivered(subscription, order) == 1, Duration.ofSeconds(10), () -> receiver.acceptedOf(order).toString());
            Map<String, Object> delivery = deliveryOf(subscription, order);
            assertThat(receiver.acceptedOf(order)).hasSize(1);
            assertThat(delivery.get("attempts")).isEqualTo(2);
            assertThat(receiver.attemptsOf((String) delivery.get("eventId"))).isEqualTo(1);
            unsubscribe(subscription);
        }
    }

    @Test
    void a_delivery_can_be_sent_again_by_hand() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start(SECRET)) {
            String subscription = subscribe(receiver, List.of("ORDER_PLACED"));
            String order = placeShippedOrder("Webhook manual retry");
            awaitTrue(() -> delivered(subscription, order) == 1, Duration.ofSeconds(20), () -> receiver.acceptedOf(order).toString());
            Map<String, Object> delivery = deliveryOf(subscription, order);
            JsonPath retried = admin.ok("""
                    mutation($input: WebhookDeliveryRetryInput!) { webhookDeliveryRetry(input: $input) {
                      delivery { id status } userErrors { code } } }""", "input", Map.of("id", delivery.get("id")));
            assertThat(retried.getString("data.webhookDeliveryRetry.delivery.status")).isEqualTo("PENDING");
            awaitTrue(() -> receiver.attemptsOf((String) delivery.get("eventId")) == 2, Duration.ofSeconds(10));
            assertThat(receiver.accepted().stream().filter(r -> r.eventId().equals(delivery.get("eventId")))).hasSize(2);
            unsubscribe(subscription);
        }
    }

    private String placeShippedOrder(String name) {
        var warehouse = data.warehouse(name + " warehouse", 51.0, 9.0);
        var product = data.product(name + " mug", null, 1500);
        data.stock(product.variant(0), warehouse, 5);
        return placed(guestCart(line(product.variant(0), 1)), ship(), card("4242424242424242")).getString("id");
    }

    private String subscribe(WebhookReceiver receiver, List<String> events) {
        JsonPath created = admin.ok(CREATE, "input", Map.of("url", receiver.url(), "events", events, "secret", SECRET));
        assertThat(created.getList("data.webhookSubscriptionCreate.userErrors")).isEmpty();
        assertThat(created.getString("data.webhookSubscriptionCreate.subscription.status")).isEqualTo("ACTIVE");
        return created.getString("data.webhookSubscriptionCreate.subscription.id");
    }

    private void unsubscribe(String subscription) {
        assertThat(admin.ok(DELETE, "input", Map.of("id", subscription)).getString("data.webhookSubscriptionDelete.deletedId"))
                .isEqualTo(subscription);
    }

    private void status(String orderId, String status) {
        JsonPath changed = staff.ok(STATUS, "input", Map.of("orderId", orderId, "status", status));
        assertThat(changed.getList("data.orderStatusUpdate.userErrors")).isEmpty();
    }

    private Map<String, Object> deliveryOf(String subscription, String orderId) {
        return deliveryOf(subscription, orderId, null);
    }

    /** The order's (first listed) delivery, of the event type when one is given; null when there is none. */
    private Map<String, Object> deliveryOf(String subscription, String orderId, String eventType) {
        List<Map<String, Object>> found = admin.ok(DELIVERIES, "id", subscription)
                .getList("data.webhookDeliveries.edges.node.findAll { it.aggregate == 'order:" + orderId + "' }");
        return found.stream().filter(d -> eventType == null || eventType.equals(d.get("eventType"))).findFirst().orElse(null);
    }

    /** How many of the order's deliveries to the subscription are recorded as delivered. */
    private long delivered(String subscription, String orderId) {
        List<Map<String, Object>> found = admin.ok(DELIVERIES, "id", subscription, "status", "DELIVERED")
                .getList("data.webhookDeliveries.edges.node.findAll { it.aggregate == 'order:" + orderId + "' }");
        return found.size();
    }

    static void awaitTrue(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        awaitTrue(condition, timeout, () -> "");
    }

    static void awaitTrue(BooleanSupplier condition, Duration timeout, java.util.function.Supplier<String> state) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not true within " + timeout + ": " + state.get());
            }
            Thread.sleep(100);
        }
    }
}
