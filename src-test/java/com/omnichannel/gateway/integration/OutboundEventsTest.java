package com.omnichannel.gateway.integration;

import static com.omnichannel.gateway.checkout.Checkouts.card;
import static com.omnichannel.gateway.checkout.Checkouts.customerCart;
import static com.omnichannel.gateway.checkout.Checkouts.line;
import static com.omnichannel.gateway.checkout.Checkouts.placed;
import static com.omnichannel.gateway.checkout.Checkouts.ship;
import static com.omnichannel.gateway.integration.WebhookDeliveryTest.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.integration.WebhookReceiver.Received;
import com.omnichannel.gateway.platform.ids.GlobalId;
import com.omnichannel.gateway.support.Accounts;
import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.TestData;
import com.omnichannel.gateway.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;

/** The events of stock, customers and loyalty, as a receiver gets them. */
@QuarkusTest
class OutboundEventsTest {

    static final String SECRET = WebhookDeliveryTest.SECRET;
    static final String ADJUST = """
            mutation($input: StockAdjustInput!) { stockAdjust(input: $input) { stockLevel { onHand } userErrors { code } } }""";

    @Inject
    TestData data;

    private final GraphQL admin = GraphQL.as(Tokens.admin());
    private final GraphQL staff = GraphQL.as(Tokens.staff());

    @Test
    void stock_changes_within_the_window_come_as_one_event_with_the_latest_levels_and_low_stock_as_its_own() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start(SECRET)) {
            String subscription = subscribe(receiver, List.of("STOCK_LEVEL_CHANGED", "STOCK_LOW"));
            var store = data.store("Webhook stock store", 50.0, 8.0);
            var product = data.product("Webhook stock lamp", null, 4900);
            data.stock(product.variant(0), store, 10);
            String level = GlobalId.encode("StockLevel", product.variant(0).key() + ":" + store.key());
            awaitTrue(() -> !receiver.acceptedOf(level).isEmpty(), Duration.ofSeconds(15));

            for (int delta : new int[] { -2, -2, -2, -1 }) {
                staff.ok(ADJUST, "input", Map.of("variantId", product.variant(0).id(), "locationId", store.id(), "delta", delta,
                        "reason", "webhook coalescing"));
            }
            awaitTrue(() -> receiver.acceptedOf(level).stream().anyMatch(r -> r.eventType().equals("stock.low")), Duration.ofSeconds(15));
            Thread.sleep(1_500);
            List<Received> events = receiver.acceptedOf(level);
            List<Received> changes = events.stream().filter(r -> r.eventType().equals("stock.level_changed")).toList();
            // The first level, then the four adjustments within one window as one event with the last figures.
            assertThat(changes).hasSize(2);
            assertThat(changes.get(1).body().getJsonObject("data").getInteger("onHand")).isEqualTo(3);
            Received low = events.stream().filter(r -> r.eventType().equals("stock.low")).findFirst().orElseThrow();
            assertThat(low.body().getJsonObject("data").getInteger("available")).isEqualTo(3);
            assertThat(low.body().getJsonObject("data").getString("variantId")).isEqualTo(product.variant(0).id());
            assertThat(low.body().getJsonObject("data").getString("locationId")).isEqualTo(store.id());
            assertThat(events.indexOf(low)).isGreaterThan(events.indexOf(changes.get(1)));
            assertThat(receiver.badSignatures()).isZero();
            unsubscribe(subscription);
        }
    }

    @Test
    void a_customer_registers_changes_a_consent_earns_points_and_is_erased_and_no_event_carries_personal_data() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start(SECRET)) {
            String subscription = subscribe(receiver, List.of("CUSTOMER_REGISTERED", "CUSTOMER_CONSENT_CHANGED", "CUSTOMER_ERASED",
                    "LOYALTY_POINTS_CHANGED"));
            String email = Accounts.uniqueEmail();
            Map<String, Object> input = new HashMap<>(Accounts.registration(email));
            input.put("consents", List.of(Map.of("purpose", "EMAIL_MARKETING", "granted", true)));
            Accounts.Account account = Accounts.register(input);
            String customer = account.globalId();
            account.client().ok("""
                    mutation($input: CustomerConsentSetInput!) { customerConsentSet(input: $input) { userErrors { code } } }""",
                    "input", Map.of("purpose", "EMAIL_MARKETING", "granted", false));
            JsonPath adjusted = staff.ok("""
                    mutation($input: LoyaltyAdjustInput!) { loyaltyAdjust(input: $input) { account { balance } userErrors { code } } }""",
                    "input", Map.of("customerId", customer, "points", 250, "reason", "webhook goodwill"));
            assertThat(adjusted.getList("data.loyaltyAdjust.userErrors")).isEmpty();
            var warehouse = data.warehouse("Webhook erasure warehouse", 51.0, 9.0);
            var product = data.product("Webhook erasure cup", null, 900);
            data.stock(product.variant(0), warehouse, 3);
            String order = placed(customerCart(account.client(), line(product.variant(0), 1)), ship(), card("4242424242424242"))
                    .getString("id");
            assertThat(data.count("SELECT count(*) FROM outbox_event WHERE aggregate_id = $1 AND payload->>'customerId' = $2", order,
                    customer)).isEqualTo(1);
            account.client().ok("""
                    mutation($input: CustomerDeleteInput!) { customerDelete(input: $input) { deletedCustomerId userErrors { code } } }""",
                    "input", Map.of("password", account.password()));

            awaitTrue(() -> receiver.acceptedOf(customer).size() == 4, Duration.ofSeconds(20));
            List<Received> events = receiver.acceptedOf(customer);
            assertThat(events).extracting(Received::eventType).containsExactly("customer.registered", "customer.consent_changed",
                    "loyalty.points_changed", "customer.erased");
            assertThat(events.get(0).body().getJsonObject("data").getJsonObject("consents").getBoolean("EMAIL_MARKETING")).isTrue();
            assertThat(events.get(1).body().getJsonObject("data").getBoolean("granted")).isFalse();
            assertThat(events.get(2).body().getJsonObject("data").getLong("points")).isEqualTo(250);
            assertThat(events.get(2).body().getJsonObject("data").getLong("balance")).isEqualTo(250);
            assertThat(events.get(2).body().getJsonObject("data").getString("kind")).isEqualTo("ADJUST");
            assertThat(events.get(3).body().getJsonObject("data").fieldNames()).containsExactlyInAnyOrder("version", "customerId");
            for (Received event : events) {
                assertThat(event.body().encode()).doesNotContain(email, "Erika", "Mustermann");
            }
            assertThat(data.count("SELECT count(*) FROM outbox_event WHERE payload::text LIKE $1", "%" + email + "%")).isZero();
            // The order's event no longer says whose order it was.
            assertThat(data.count("SELECT count(*) FROM outbox_event WHERE aggregate_id = $1", order)).isEqualTo(1);
            assertThat(data.count("SELECT count(*) FROM outbox_event WHERE aggregate_id = $1 AND payload ? 'customerId'", order)).isZero();
            unsubscribe(subscription);
        }
    }

    @Test
    void a_return_and_its_refund_reach_the_receiver_after_the_orders_own_events_in_the_order_they_happened() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start(SECRET)) {
            String subscription = subscribe(receiver, List.of("ORDER_PLACED", "ORDER_STATUS_CHANGED", "RETURN_UPDATED", "REFUND_ISSUED"));
            var warehouse = data.warehouse("Webhook returns warehouse", 51.0, 9.0);
            var product = data.product("Webhook returns scarf", null, 2500);
            data.stock(product.variant(0), warehouse, 5);
            Accounts.Account account = Accounts.register();
            JsonPath order = placed(customerCart(account.client(), line(product.variant(0), 2)), ship(), card("4242424242424242"));
            String orderId = order.getString("id");
            for (String status : List.of("CONFIRMED", "SHIPPED", "DELIVERED")) {
                staff.ok("mutation($input: OrderStatusUpdateInput!) { orderStatusUpdate(input: $input) { userErrors { code } } }",
                        "input", Map.of("orderId", orderId, "status", status));
            }
            String lineId = staff.ok("query($id: ID) { order(id: $id) { lines { id } } }", "id", orderId).getString("data.order.lines[0].id");
            JsonPath requested = staff.ok("""
                    mutation($input: ReturnRequestInput!) { returnRequest(input: $input) { return { id lines { id } } userErrors { code } } }""",
                    "input", Map.of("orderId", orderId, "method", "SHIP_BACK",
                            "lines", List.of(Map.of("orderLineId", lineId, "quantity", 1, "reason", "Wrong colour"))));
            assertThat(requested.getList("data.returnRequest.userErrors")).isEmpty();
            String returnId = requested.getString("data.returnRequest.return.id");
            JsonPath received = staff.ok("""
                    mutation($input: ReturnReceiveInput!) { returnReceive(input: $input) { return { status } userErrors { code } } }""",
                    "input", Map.of("returnId", returnId, "locationId", warehouse.id(), "lines", List.of(Map.of(
                            "returnLineId", requested.getString("data.returnRequest.return.lines[0].id"), "quantity", 1, "disposition", "RESTOCK"))));
            assertThat(received.getList("data.returnReceive.userErrors")).isEmpty();
            JsonPath refunded = staff.ok("""
                    mutation($input: ReturnRefundInput!) { returnRefund(input: $input) { refund { id } userErrors { code } } }""",
                    "input", Map.of("returnId", returnId, "idempotencyKey", "webhook-refund-" + returnId, "destination", "CASH"));
            assertThat(refunded.getList("data.returnRefund.userErrors")).isEmpty();

            // placed, three status changes, the return approved (staff), received, the refund, the return closed
            awaitTrue(() -> receiver.acceptedOf(orderId).size() == 8, Duration.ofSeconds(20));
            List<Received> events = receiver.acceptedOf(orderId);
            assertThat(events).extracting(Received::eventType).containsExactly("order.placed", "order.status_changed",
                    "order.status_changed", "order.status_changed", "return.updated", "return.updated", "refund.issued", "return.updated");
            assertThat(events.subList(4, 8)).allSatisfy(e -> assertThat(e.body().getJsonObject("data").getString("returnId")).isEqualTo(returnId));
            assertThat(events.get(4).body().getJsonObject("data").getString("status")).isEqualTo("APPROVED");
            assertThat(events.get(5).body().getJsonObject("data").getString("status")).isEqualTo("RECEIVED");
            JsonObject refund = events.get(6).body().getJsonObject("data");
            assertThat(refund.getString("refundId")).isEqualTo(refunded.getString("data.returnRefund.refund.id"));
            assertThat(refund.getString("destination")).isEqualTo("CASH");
            assertThat(refund.getJsonObject("amount").getString("amount")).isEqualTo("25.00");
            assertThat(events.get(7).body().getJsonObject("data").getString("status")).isEqualTo("CLOSED");
            assertThat(events.get(7).body().getJsonObject("data").getJsonObject("refunded").getString("amount")).isEqualTo("25.00");
            assertThat(receiver.badSignatures()).isZero();
            unsubscribe(subscription);
        }
    }

    private String subscribe(WebhookReceiver receiver, List<String> events) {
        JsonPath created = admin.ok(WebhookDeliveryTest.CREATE, "input", Map.of("url", receiver.url(), "events", events, "secret", SECRET));
        assertThat(created.getList("data.webhookSubscriptionCreate.userErrors")).isEmpty();
        return created.getString("data.webhookSubscriptionCreate.subscription.id");
    }

    private void unsubscribe(String subscription) {
        admin.ok(WebhookDeliveryTest.DELETE, "input", Map.of("id", subscription));
    }
}
