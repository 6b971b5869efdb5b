package com.omnichannel.gateway.returns;

import static com.omnichannel.gateway.checkout.Checkouts.card;
import static com.omnichannel.gateway.checkout.Checkouts.customerCart;
import static com.omnichannel.gateway.checkout.Checkouts.guestCart;
import static com.omnichannel.gateway.checkout.Checkouts.line;
import static com.omnichannel.gateway.checkout.Checkouts.payInStore;
import static com.omnichannel.gateway.checkout.Checkouts.pickup;
import static com.omnichannel.gateway.checkout.Checkouts.placed;
import static com.omnichannel.gateway.checkout.Checkouts.ship;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.Race;
import com.omnichannel.gateway.support.TestData;
import com.omnichannel.gateway.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class ReturnTest {

    static final String RETURN_FIELDS = """
            id status nextStatuses method channel purchaseChannel orderId orderNumber receivedFully receivedOn
            suggestedRefund { amount currencyCode } refunded { amount } pointsTakenBack pointsForgiven pointsGivenBack
            dropOffStore { id } receivedAt { id }
            lines { id orderLineId sku quantity reason receivedQuantity disposition refund { amount } }
            refunds { id destination amount { amount } channel }""";
    static final String REQUEST = "mutation($input: ReturnRequestInput!) { returnRequest(input: $input) { return { " + RETURN_FIELDS
            + " } userErrors { code field message } } }";
    static final String STATUS = "mutation($input: ReturnStatusUpdateInput!) { returnStatusUpdate(input: $input) { return { " + RETURN_FIELDS
            + " } userErrors { code field message } } }";
    static final String RECEIVE = "mutation($input: ReturnReceiveInput!) { returnReceive(input: $input) { return { " + RETURN_FIELDS
            + " } userErrors { code field message } } }";
    static final String REFUND = "mutation($input: ReturnRefundInput!) { returnRefund(input: $input) { refund { id destination amount { amount } } "
            + "return { " + RETURN_FIELDS + " } userErrors { code field message } } }";
    static final String ORDER_STATUS = """
            mutation($input: OrderStatusUpdateInput!) { orderStatusUpdate(input: $input) { order { status } userErrors { code message } } }""";
    static final String ORDER = """
            query($id: ID) { order(id: $id) { id total { amount } lines { id quantity total { amount } }
              timeline { kind note channel } returns { id status } } }""";

    @Inject
    TestData data;

    private final GraphQL staff = GraphQL.as(Tokens.staff());

    // ---- helpers

    private void move(String orderId, String... statuses) {
        for (String status : statuses) {
            JsonPath r = staff.ok(ORDER_STATUS, "input", Map.of("orderId", orderId, "status", status));
            assertThat(r.getList("data.orderStatusUpdate.userErrors")).as(r.prettify()).isEmpty();
        }
    }

    static Map<String, Object> returned(String orderLineId, int quantity) {
        return Map.of("orderLineId", orderLineId, "quantity", quantity, "reason", "Too small");
    }

    static Map<String, Object> request(String orderId, String method, Object... lines) {
        Map<String, Object> input = new HashMap<>();
        input.put("orderId", orderId);
        input.put("method", method);
        input.put("lines", List.of(lines));
        return input;
    }

    private JsonPath requestOk(GraphQL client, Map<String, Object> input) {
        JsonPath r = client.ok(REQUEST, "input", input).setRootPath("data.returnRequest");
        assertThat(r.getList("userErrors")).as(r.prettify()).isEmpty();
        return r.setRootPath("data.returnRequest.return");
    }

    private JsonPath receive(String returnId, String locationId, Object... lines) {
        return staff.ok(RECEIVE, "input", Map.of("returnId", returnId, "locationId", locationId, "lines", List.of(lines)))
                .setRootPath("data.returnReceive");
    }

    private JsonPath receivedOk(String returnId, String locationId, Object... lines) {
        JsonPath r = receive(returnId, locationId, lines);
        assertThat(r.getList("userErrors")).as(r.prettify()).isEmpty();
        return r.setRootPath("data.returnReceive.return");
    }

    static Map<String, Object> receivedLine(String returnLineId, int quantity, String disposition) {
        return Map.of("returnLineId", returnLineId, "quantity", quantity, "disposition", disposition);
    }

    private JsonPath refund(String returnId, String key, String destination, String amount) {
        Map<String, Object> input = new HashMap<>();
        input.put("returnId", returnId);
        input.put("idempotencyKey", key);
        input.put("destination", destination);
        if (amount != null) {
            input.put("amount", amount);
        }
        return staff.ok(REFUND, "input", input).setRootPath("data.returnRefund");
    }

    private static long cents(String amount) {
        return new BigDecimal(amount).movePointRight(2).longValueExact();
    }

    /** A picked-up pickup order of the customer (or a guest, client null): its id and the order as read back. */
    private JsonPath pickedUp(GraphQL customer, TestData.Ref store, Object... lines) {
        var cart = customer == null ? guestCart(lines) : customerCart(customer, lines);
        JsonPath order = placed(cart, pickup(store), payInStore());
        move(order.getString("id"), "CONFIRMED", "READY_FOR_PICKUP", "PICKED_UP");
        return order;
    }

    // ---- the journey

    @Test
    void a_web_order_shipped_from_a_warehouse_is_returned_at_a_store_restocked_there_and_refunded_to_store_credit() {
        var warehouse = data.warehouse("Returns warehouse", 51.0, 9.0);
        var store = data.store("Returns drop-off store", 52.5, 13.4);
        var product = data.product("Returnable linen shirt", null, 2000);
        var variant = product.variant(0);
        data.stock(variant, warehouse, 10);
        var shopper = com.omnichannel.gateway.support.Accounts.register();
        String customerId = shopper.id();
        GraphQL web = shopper.client().channel("WEB");
        JsonPath order = placed(customerCart(web, line(variant, 2)), ship(), card("4242424242424242"));
        String orderId = order.getString("id");
        move(orderId, "CONFIRMED", "SHIPPED", "DELIVERED");
        GraphQL kiosk = GraphQL.as(Tokens.kiosk(store.id()));
        String here = "query($b: String!) { productVariant(barcode: $b) { availabilityHere { available } } }";
        assertThat(kiosk.ok(here, "b", variant.barcode()).getInt("data.productVariant.availabilityHere.available")).isZero();

        Map<String, Object> input = request(orderId, "DROP_OFF", returned(order.getString("lines[0].id"), 2));
        input.put("dropOffStoreId", store.id());
        JsonPath requested = requestOk(web, input);
        assertThat(requested.getString("status")).isEqualTo("REQUESTED");
        assertThat(requested.getList("nextStatuses")).containsExactlyInAnyOrder("APPROVED", "DECLINED", "CANCELED");
        assertThat(requested.getString("channel")).isEqualTo("WEB");
        assertThat(requested.getString("purchaseChannel")).isEqualTo("WEB");
        assertThat(requested.getString("dropOffStore.id")).isEqualTo(store.id());
        assertThat(requested.getString("suggestedRefund.amount")).isEqualTo(order.getString("lines[0].total.amount"));
        String returnId = requested.getString("id");

        JsonPath approved = staff.ok(STATUS, "input", Map.of("returnId", returnId, "status", "APPROVED")).setRootPath("data.returnStatusUpdate");
        assertThat(approved.getString("return.status")).isEqualTo("APPROVED");

        JsonPath received = receivedOk(returnId, store.id(), receivedLine(requested.getString("lines[0].id"), 2, "RESTOCK"));
        assertThat(received.getString("status")).isEqualTo("RECEIVED");
        assertThat(received.getString("receivedAt.id")).isEqualTo(store.id());
        assertThat(received.getBoolean("receivedFully")).isTrue();
        assertThat(received.getString("lines[0].disposition")).isEqualTo("RESTOCK");
        // The whole order came back: its shipping too (the default rule).
        assertThat(received.getString("suggestedRefund.amount")).isEqualTo(order.getString("total.amount"));
        assertThat(data.stockRow(variant, store).getInteger("on_hand")).isEqualTo(2);
        assertThat(data.count("SELECT count(*) FROM stock_movement WHERE variant_id = $1 AND location_id = $2 AND kind = 'RETURN' AND quantity_delta = 2",
                variant.key(), store.key())).isEqualTo(1);
        // The kiosk of the store sees the units at once.
        assertThat(kiosk.ok(here, "b", variant.barcode()).getInt("data.productVariant.availabilityHere.available")).isEqualTo(2);

        JsonPath refunded = refund(returnId, "refund-" + UUID.randomUUID(), "STORE_CREDIT", null);
        assertThat(refunded.getList("userErrors")).as(refunded.prettify()).isEmpty();
        assertThat(refunded.getString("refund.amount.amount")).isEqualTo(order.getString("total.amount"));
        assertThat(refunded.getString("return.status")).isEqualTo("CLOSED");
        assertThat(refunded.getString("return.refunded.amount")).isEqualTo(order.getString("total.amount"));
        assertThat(data.count("SELECT count(*) FROM store_credit_entry WHERE customer_id = $1 AND kind = 'REFUND'", customerId)).isEqualTo(1);

        // The credit is the customer's on every channel: the app reads it and spends it on the next order.
        GraphQL app = shopper.client().channel("MOBILE");
        String balance = "{ me { storeCredit { balance { amount } } } }";
        assertThat(app.ok(balance).getString("data.me.storeCredit.balance.amount")).isEqualTo(order.getString("total.amount"));
        Map<String, Object> spend = com.omnichannel.gateway.checkout.Checkouts.input(customerCart(app, line(variant, 1)),
                UUID.randomUUID().toString(), pickup(store), card("4242424242424242"));
        spend.put("storeCreditAmount", "10.00");
        JsonPath spent = app.ok(com.omnichannel.gateway.checkout.Checkouts.CHECKOUT, "input", spend).setRootPath("data.checkoutComplete");
        assertThat(spent.getList("userErrors")).as(spent.prettify()).isEmpty();
        assertThat(cents(app.ok(balance).getString("data.me.storeCredit.balance.amount")))
                .isEqualTo(cents(order.getString("total.amount")) - 1000);

        JsonPath seen = web.ok(ORDER, "id", orderId).setRootPath("data.order");
        assertThat(seen.getList("returns.status")).containsExactly("CLOSED");
        assertThat(seen.getList("timeline.kind")).contains("RETURN_UPDATED", "REFUND_ISSUED");
        assertThat(seen.getList("timeline.channel")).contains("WEB", "STAFF");
        JsonPath listed = staff.ok("query($f: ReturnFilter) { returns(filter: $f, first: 10) { edges { node { id status } } } }",
                "f", Map.of("purchaseChannel", "WEB", "receivedAtId", store.id())).setRootPath("data.returns");
        assertThat(listed.getList("edges.node.id")).containsExactly(returnId);
    }

    @Test
    void a_pickup_order_partly_returned_refunds_what_was_paid_after_the_promotion_and_points_to_the_cent_and_settles_the_points() {
        var store = data.store("Returns promo store", 48.1, 11.5);
        var jacket = data.product("Returns promo jacket", null, 3333);
        var belt = data.product("Returns promo belt", null, 1000);
        data.stock(jacket.variant(0), store, 10);
        data.stock(belt.variant(0), store, 10);
        var anna = com.omnichannel.gateway.support.Accounts.register();
        staff.ok("mutation($input: LoyaltyAdjustInput!) { loyaltyAdjust(input: $input) { userErrors { code } } }",
                "input", Map.of("customerId", anna.globalId(), "points", 1000, "reason", "Welcome bonus"));
        String code = TestData.unique("RET").toUpperCase().replace("-", "");
        JsonPath promotion = staff.ok("""
                mutation($input: PromotionCreateInput!) { promotionCreate(input: $input) { promotion { id } userErrors { code message } } }""",
                "input", Map.of("name", "Ten off a hundred", "kind", "FIXED_AMOUNT", "amountOff", "10.00", "code", code, "minSubtotal", "100.00",
                        "productIds", List.of(jacket.id(), belt.id())));
        assertThat(promotion.getList("data.promotionCreate.userErrors")).as(promotion.prettify()).isEmpty();
        var cart = customerCart(anna.client(), line(jacket.variant(0), 3), line(belt.variant(0), 1));
        JsonPath applied = anna.client().ok("mutation($input: CartCouponApplyInput!) { cartCouponApply(input: $input) { userErrors { code } } }",
                "input", Map.of("cartId", cart.id(), "code", code));
        assertThat(applied.getList("data.cartCouponApply.userErrors")).as(applied.prettify()).isEmpty();
        Map<String, Object> checkout = com.omnichannel.gateway.checkout.Checkouts.input(cart, UUID.randomUUID().toString(), pickup(store), payInStore());
        checkout.put("loyaltyPoints", 500);
        JsonPath placedOrder = anna.client().ok(com.omnichannel.gateway.checkout.Checkouts.CHECKOUT, "input", checkout)
                .setRootPath("data.checkoutComplete");
        assertThat(placedOrder.getList("userErrors")).as(placedOrder.prettify()).isEmpty();
        String orderId = placedOrder.getString("order.id");
        move(orderId, "CONFIRMED", "READY_FOR_PICKUP", "PICKED_UP");
        JsonPath order = anna.client().ok(ORDER, "id", orderId).setRootPath("data.order");
        long jacketPaid = cents(order.getString("lines[0].total.amount"));
        long beltPaid = cents(order.getString("lines[1].total.amount"));
        // 99.99 + 10.00 - 10.00 promotion - 5.00 points, spread over the lines by checkout.
        assertThat(jacketPaid + beltPaid).isEqualTo(9499);
        assertThat(cents(order.getString("total.amount"))).isEqualTo(9499);
        long earned = data.count("SELECT points FROM loyalty_ledger_entry WHERE order_id = (SELECT id FROM customer_order WHERE number = $1) AND kind = 'EARN'",
                placedOrder.getString("order.number"));
        assertThat(earned).isPositive();
        long balanceBefore = data.count("SELECT balance FROM loyalty_account WHERE customer_id = $1", anna.id());

        // One jacket back: the order's subtotal falls below the promotion's minimum; the refund is what that jacket was paid.
        JsonPath first = requestOk(anna.client(), request(orderId, "DROP_OFF", returned(order.getString("lines[0].id"), 1)));
        assertThat(cents(first.getString("suggestedRefund.amount"))).isEqualTo(jacketPaid / 3);
        staff.ok(STATUS, "input", Map.of("returnId", first.getString("id"), "status", "APPROVED"));
        JsonPath firstIn = receivedOk(first.getString("id"), store.id(), receivedLine(first.getString("lines[0].id"), 1, "RESTOCK"));
        assertThat(cents(firstIn.getString("suggestedRefund.amount"))).isEqualTo(jacketPaid / 3);
        JsonPath firstRefund = refund(first.getString("id"), "refund-" + UUID.randomUUID(), "CASH", null);
        assertThat(firstRefund.getString("return.status")).isEqualTo("CLOSED");

        // The rest, in a second return asked for by staff at the counter: everything adds up to what was paid.
        JsonPath second = requestOk(staff, request(orderId, "DROP_OFF", returned(order.getString("lines[0].id"), 2),
                returned(order.getString("lines[1].id"), 1)));
        assertThat(second.getString("status")).isEqualTo("APPROVED");
        JsonPath secondIn = receivedOk(second.getString("id"), store.id(), receivedLine(second.getString("lines[0].id"), 2, "DAMAGED"),
                receivedLine(second.getString("lines[1].id"), 1, "INSPECT"));
        assertThat(cents(firstIn.getString("suggestedRefund.amount")) + cents(secondIn.getString("suggestedRefund.amount"))).isEqualTo(9499);
        assertThat(cents(secondIn.getString("lines[0].refund.amount"))).isEqualTo(jacketPaid - jacketPaid / 3);
        // Damaged and held units are not restocked; the damaged ones are in the stock ledger.
        assertThat(data.stockRow(jacket.variant(0), store).getInteger("on_hand")).isEqualTo(10 - 3 + 1);
        assertThat(data.stockRow(belt.variant(0), store).getInteger("on_hand")).isEqualTo(9);
        assertThat(data.count("SELECT count(*) FROM stock_movement WHERE variant_id = $1 AND kind = 'RETURN_DAMAGED'", jacket.variant(0).key())).isEqualTo(1);

        // Points: all earned taken back, all redeemed given back, over both returns.
        assertThat((long) firstIn.getInt("pointsTakenBack") + secondIn.getInt("pointsTakenBack")).isEqualTo(earned);
        assertThat(firstIn.getInt("pointsGivenBack") + secondIn.getInt("pointsGivenBack")).isEqualTo(500);
        assertThat(firstIn.getInt("pointsForgiven") + secondIn.getInt("pointsForgiven")).isZero();
        assertThat(data.count("SELECT balance FROM loyalty_account WHERE customer_id = $1", anna.id())).isEqualTo(balanceBefore - earned + 500);
        assertThat(data.count("SELECT balance FROM loyalty_account WHERE customer_id = $1", anna.id()))
                .isEqualTo(data.count("SELECT sum(points)::bigint FROM loyalty_ledger_entry WHERE customer_id = $1", anna.id()));
    }

    @Test
    void earned_points_already_spent_are_forgiven_and_the_balance_never_goes_below_zero() {
        var store = data.store("Returns points store", 48.2, 11.6);
        var product = data.product("Returns points coat", null, 20000);
        data.stock(product.variant(0), store, 5);
        var ben = com.omnichannel.gateway.support.Accounts.register();
        JsonPath order = pickedUp(ben.client(), store, line(product.variant(0), 1));
        long earned = data.count("SELECT balance FROM loyalty_account WHERE customer_id = $1", ben.id());
        assertThat(earned).isGreaterThan(50);
        // Spent on something else meanwhile.
        staff.ok("mutation($input: LoyaltyAdjustInput!) { loyaltyAdjust(input: $input) { userErrors { code } } }",
                "input", Map.of("customerId", ben.globalId(), "points", -(earned - 50), "reason", "Spent at the till"));

        JsonPath requested = requestOk(staff, request(order.getString("id"), "DROP_OFF", returned(order.getString("lines[0].id"), 1)));
        JsonPath in = receivedOk(requested.getString("id"), store.id(), receivedLine(requested.getString("lines[0].id"), 1, "RESTOCK"));
        assertThat(in.getInt("pointsTakenBack")).isEqualTo(50);
        assertThat((long) in.getInt("pointsForgiven")).isEqualTo(earned - 50);
        assertThat(data.count("SELECT balance FROM loyalty_account WHERE customer_id = $1", ben.id())).isZero();
    }

    @Test
    void points_of_a_return_before_the_order_is_complete_are_dropped_while_pending() {
        var warehouse = data.warehouse("Returns pending warehouse", 50.1, 8.6);
        var store = data.store("Returns pending store", 50.2, 8.7);
        var product = data.product("Returns pending boots", null, 10000);
        data.stock(product.variant(0), store, 5);
        data.stock(product.variant(0), warehouse, 5);
        var chloe = com.omnichannel.gateway.support.Accounts.register();
        JsonPath order = placed(customerCart(chloe.client(), line(product.variant(0), 2)), pickup(store), payInStore());
        String orderId = order.getString("id");
        move(orderId, "CONFIRMED", "READY_FOR_PICKUP");
        // One of the two units collected now (a split pickup), the other later.
        JsonPath split = staff.ok("""
                mutation($input: ShipmentSplitInput!) { shipmentSplit(input: $input) { shipment { id } userErrors { code message } } }""",
                "input", Map.of("shipmentId", order.getString("shipments[0].id"), "lines", List.of(Map.of("orderLineId", order.getString("lines[0].id"), "quantity", 1))));
        assertThat(split.getList("data.shipmentSplit.userErrors")).as(split.prettify()).isEmpty();
        JsonPath collected = staff.ok("""
                mutation($input: ShipmentStatusUpdateInput!) { shipmentStatusUpdate(input: $input) { shipment { status } userErrors { code message } } }""",
                "input", Map.of("shipmentId", split.getString("data.shipmentSplit.shipment.id"), "status", "PICKED_UP"));
        assertThat(collected.getList("data.shipmentStatusUpdate.userErrors")).as(collected.prettify()).isEmpty();
        long pending = data.count("SELECT pending FROM loyalty_account WHERE customer_id = $1", chloe.id());
        assertThat(pending).isEqualTo(200);

        JsonPath tooMany = chloe.client().ok(REQUEST, "input", request(orderId, "SHIP_BACK", returned(order.getString("lines[0].id"), 2)))
                .setRootPath("data.returnRequest");
        assertThat(tooMany.getString("userErrors[0].code")).isEqualTo("RETURN_QUANTITY_EXCEEDED");
        JsonPath requested = requestOk(staff, request(orderId, "SHIP_BACK", returned(order.getString("lines[0].id"), 1)));
        JsonPath in = receivedOk(requested.getString("id"), warehouse.id(), receivedLine(requested.getString("lines[0].id"), 1, "RESTOCK"));
        assertThat(in.getInt("pointsTakenBack")).isEqualTo(100);
        assertThat(data.count("SELECT pending FROM loyalty_account WHERE customer_id = $1", chloe.id())).isEqualTo(100);
        // The rest collected: only the points of the kept unit are earned.
        move(orderId, "PICKED_UP");
        assertThat(data.count("SELECT balance FROM loyalty_account WHERE customer_id = $1", chloe.id())).isEqualTo(100);
        assertThat(data.count("SELECT pending FROM loyalty_account WHERE customer_id = $1", chloe.id())).isZero();
    }

    // ---- rules

    @Test
    void only_delivered_units_within_the_window_of_returnable_products_can_be_returned() {
        var store = data.store("Returns rules store", 47.0, 10.0);
        var product = data.product("Returns rules socks", null, 900, 1200);
        data.stock(product.variant(0), store, 5);
        data.stock(product.variant(1), store, 5);
        String customerId = "customer-" + UUID.randomUUID();
        GraphQL customer = GraphQL.as(Tokens.customer(customerId));
        JsonPath notYet = placed(customerCart(customer, line(product.variant(0), 1)), pickup(store), payInStore());
        JsonPath early = customer.ok(REQUEST, "input", request(notYet.getString("id"), "DROP_OFF", returned(notYet.getString("lines[0].id"), 1)))
                .setRootPath("data.returnRequest");
        assertThat(early.getString("userErrors[0].code")).isEqualTo("RETURN_QUANTITY_EXCEEDED");
        assertThat(early.getList("userErrors[0].field")).containsExactly("input", "lines", "0", "quantity");

        JsonPath order = pickedUp(customer, store, line(product.variant(0), 1), line(product.variant(1), 1));
        JsonPath other = GraphQL.as(Tokens.customer("customer-" + UUID.randomUUID())).execute(REQUEST, "input",
                request(order.getString("id"), "DROP_OFF", returned(order.getString("lines[0].id"), 1)));
        assertThat(other.getString("errors[0].extensions.code")).isEqualTo("NOT_FOUND");

        staff.ok("mutation($input: ProductUpdateInput!) { productUpdate(input: $input) { userErrors { code } } }",
                "input", Map.of("id", product.id(), "returnable", false));
        JsonPath notReturnable = customer.ok(REQUEST, "input", request(order.getString("id"), "DROP_OFF", returned(order.getString("lines[1].id"), 1)))
                .setRootPath("data.returnRequest");
        assertThat(notReturnable.getString("userErrors[0].code")).isEqualTo("NOT_RETURNABLE");
        staff.ok("mutation($input: ProductUpdateInput!) { productUpdate(input: $input) { userErrors { code } } }",
                "input", Map.of("id", product.id(), "returnable", true));

        data.execute("UPDATE shipment SET updated_at = now() - interval '31 days' WHERE id IN (SELECT shipment_id FROM shipment_line sl "
                + "JOIN order_line l ON l.id = sl.order_line_id JOIN customer_order o ON o.id = l.order_id WHERE o.number = '"
                + order.getString("number") + "')");
        JsonPath late = customer.ok(REQUEST, "input", request(order.getString("id"), "DROP_OFF", returned(order.getString("lines[0].id"), 1)))
                .setRootPath("data.returnRequest");
        assertThat(late.getString("userErrors[0].code")).isEqualTo("RETURN_WINDOW_CLOSED");
        assertThat(data.count("SELECT count(*) FROM return_request WHERE order_number = $1", order.getString("number"))).isZero();
    }

    @Test
    void a_customers_returns_are_in_their_data_export_and_erasure_keeps_the_figures_but_not_who_or_why() {
        var store = data.store("Returns privacy store", 47.9, 11.1);
        var product = data.product("Returns privacy gloves", null, 1800);
        data.stock(product.variant(0), store, 5);
        var erin = com.omnichannel.gateway.support.Accounts.register();
        JsonPath order = pickedUp(erin.client(), store, line(product.variant(0), 2));
        Map<String, Object> input = request(order.getString("id"), "DROP_OFF",
                Map.of("orderLineId", order.getString("lines[0].id"), "quantity", 1, "reason", "Erin's hands are smaller"));
        input.put("dropOffStoreId", store.id());
        String returnId = requestOk(erin.client(), input).getString("id");

        JsonPath export = erin.client().ok("query { customerDataExport { sections document } }").setRootPath("data.customerDataExport");
        assertThat(export.getList("sections")).contains("returns");
        io.vertx.core.json.JsonArray returns = new io.vertx.core.json.JsonObject(export.getString("document")).getJsonArray("returns");
        assertThat(returns).hasSize(1);
        assertThat(returns.getJsonObject(0).getString("order_number")).isEqualTo(order.getString("number"));
        assertThat(returns.getJsonObject(0).getJsonArray("lines").getJsonObject(0).getString("reason")).isEqualTo("Erin's hands are smaller");

        JsonPath deleted = erin.client().ok("""
                mutation($input: CustomerDeleteInput!) { customerDelete(input: $input) { deletedCustomerId userErrors { code } } }""",
                "input", Map.of("password", erin.password()));
        assertThat(deleted.getList("data.customerDelete.userErrors")).as(deleted.prettify()).isEmpty();
        assertThat(data.count("SELECT count(*) FROM return_request WHERE customer_id = $1", erin.id())).isZero();
        assertThat(data.count("SELECT count(*) FROM return_request WHERE actor = $1", erin.id())).isZero();
        assertThat(data.count("SELECT count(*) FROM return_line WHERE reason LIKE '%Erin%'")).isZero();
        // The return itself stays, for the order's accounting and the stock ledger.
        JsonPath kept = staff.ok("query($id: ID!) { returnRequest(id: $id) { status lines { quantity reason } } }", "id", returnId)
                .setRootPath("data.returnRequest");
        assertThat(kept.getString("status")).isEqualTo("REQUESTED");
        assertThat(kept.getInt("lines[0].quantity")).isEqualTo(1);
        assertThat(kept.getString("lines[0].reason")).isEqualTo("(erased)");
    }

    @Test
    void a_guest_returns_with_the_order_number_and_email_and_follows_the_states() {
        var store = data.store("Returns guest store", 47.5, 10.5);
        var product = data.product("Returns guest cap", null, 1500);
        data.stock(product.variant(0), store, 5);
        JsonPath order = pickedUp(null, store, line(product.variant(0), 1));
        Map<String, Object> input = new HashMap<>();
        input.put("orderNumber", order.getString("number").toLowerCase());
        input.put("email", "GUEST@example.com");
        input.put("method", "SHIP_BACK");
        input.put("lines", List.of(returned(order.getString("lines[0].id"), 1)));
        JsonPath requested = requestOk(GraphQL.anonymous().channel("MOBILE"), input);
        assertThat(requested.getString("channel")).isEqualTo("MOBILE");
        input.put("email", "someone.else@example.com");
        assertThat(GraphQL.anonymous().execute(REQUEST, "input", input).getString("errors[0].extensions.code")).isEqualTo("NOT_FOUND");

        String id = requested.getString("id");
        JsonPath notYet = receive(id, store.id(), receivedLine(requested.getString("lines[0].id"), 1, "RESTOCK"));
        assertThat(notYet.getList("userErrors")).isEmpty();
        JsonPath refundToCredit = refund(id, "refund-" + UUID.randomUUID(), "STORE_CREDIT", null);
        assertThat(refundToCredit.getString("userErrors[0].code")).isEqualTo("REFUND_DESTINATION_UNAVAILABLE");
        JsonPath cancel = staff.ok(STATUS, "input", Map.of("returnId", id, "status", "CANCELED")).setRootPath("data.returnStatusUpdate");
        assertThat(cancel.getString("userErrors[0].code")).isEqualTo("ILLEGAL_TRANSITION");
        JsonPath cash = refund(id, "refund-" + UUID.randomUUID(), "CASH", null);
        assertThat(cash.getList("userErrors")).as(cash.prettify()).isEmpty();
        assertThat(cash.getString("return.status")).isEqualTo("CLOSED");
        assertThat(cash.getList("return.nextStatuses")).isEmpty();
    }

    @Test
    void the_customer_cancels_before_receipt_and_may_not_approve() {
        var store = data.store("Returns cancel store", 46.0, 9.0);
        var product = data.product("Returns cancel scarf", null, 2500);
        data.stock(product.variant(0), store, 5);
        GraphQL customer = GraphQL.as(Tokens.customer("customer-" + UUID.randomUUID()));
        JsonPath order = pickedUp(customer, store, line(product.variant(0), 1));
        JsonPath requested = requestOk(customer, request(order.getString("id"), "DROP_OFF", returned(order.getString("lines[0].id"), 1)));
        String id = requested.getString("id");
        assertThat(customer.execute(STATUS, "input", Map.of("returnId", id, "status", "APPROVED")).getString("errors[0].extensions.code"))
                .isEqualTo("FORBIDDEN");
        JsonPath canceled = customer.ok(STATUS, "input", Map.of("returnId", id, "status", "CANCELED")).setRootPath("data.returnStatusUpdate");
        assertThat(canceled.getString("return.status")).isEqualTo("CANCELED");
        // The unit is free to be returned again.
        JsonPath again = requestOk(customer, request(order.getString("id"), "DROP_OFF", returned(order.getString("lines[0].id"), 1)));
        JsonPath declined = staff.ok(STATUS, "input", Map.of("returnId", again.getString("id"), "status", "DECLINED", "note", "Worn"))
                .setRootPath("data.returnStatusUpdate");
        assertThat(declined.getString("return.status")).isEqualTo("DECLINED");
        JsonPath receivedAfterDecline = receive(again.getString("id"), store.id(), receivedLine(again.getString("lines[0].id"), 1, "RESTOCK"));
        assertThat(receivedAfterDecline.getString("userErrors[0].code")).isEqualTo("ILLEGAL_TRANSITION");
        JsonPath stranger = GraphQL.as(Tokens.customer("customer-" + UUID.randomUUID()))
                .ok("query($id: ID!) { returnRequest(id: $id) { id } }", "id", id);
        assertThat(stranger.getString("data.returnRequest")).isNull();
    }

    // ---- races and idempotency

    @Test
    void concurrent_requests_for_the_last_unit_exactly_one_wins() throws Exception {
        var store = data.store("Returns race store", 45.0, 8.0);
        var product = data.product("Returns race lamp", null, 4000);
        data.stock(product.variant(0), store, 5);
        GraphQL customer = GraphQL.as(Tokens.customer("customer-" + UUID.randomUUID()));
        JsonPath order = pickedUp(customer, store, line(product.variant(0), 1));
        List<Callable<JsonPath>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(() -> customer.ok(REQUEST, "input", request(order.getString("id"), "DROP_OFF", returned(order.getString("lines[0].id"), 1)))
                    .setRootPath("data.returnRequest"));
        }
        List<JsonPath> results = Race.run(calls);
        assertThat(results.stream().filter(r -> r.getList("userErrors").isEmpty()).count()).isEqualTo(1);
        assertThat(results.stream().filter(r -> !r.getList("userErrors").isEmpty()).map(r -> r.getString("userErrors[0].code")))
                .containsOnly("RETURN_QUANTITY_EXCEEDED");
        assertThat(data.count("SELECT count(*) FROM return_request WHERE order_number = $1", order.getString("number"))).isEqualTo(1);
    }

    @Test
    void concurrent_refunds_never_pay_more_than_was_paid_and_a_key_gives_one_refund() throws Exception {
        var store = data.store("Returns refund race store", 44.0, 7.0);
        var product = data.product("Returns refund race chair", null, 9000);
        data.stock(product.variant(0), store, 5);
        GraphQL customer = GraphQL.as(Tokens.customer("customer-" + UUID.randomUUID()));
        JsonPath order = pickedUp(customer, store, line(product.variant(0), 1));
        JsonPath requested = requestOk(staff, request(order.getString("id"), "DROP_OFF", returned(order.getString("lines[0].id"), 1)));
        String id = requested.getString("id");
        receivedOk(id, store.id(), receivedLine(requested.getString("lines[0].id"), 1, "RESTOCK"));

        List<Callable<JsonPath>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String key = "refund-race-" + UUID.randomUUID();
            String destination = i % 2 == 0 ? "ORIGINAL_PAYMENT" : "CASH";
            calls.add(() -> refund(id, key, destination, "60.00"));
        }
        List<JsonPath> results = Race.run(calls);
        assertThat(results.stream().filter(r -> r.getList("userErrors").isEmpty()).count()).isEqualTo(1);
        assertThat(results.stream().filter(r -> !r.getList("userErrors").isEmpty()).map(r -> r.getString("userErrors[0].code")))
                .containsOnly("REFUND_TOO_LARGE");
        String orderNumber = order.getString("number");
        assertThat(data.count("SELECT COALESCE(sum(f.amount_minor), 0)::bigint FROM return_refund f JOIN return_request r ON r.id = f.return_id "
                + "WHERE r.order_number = $1", orderNumber)).isEqualTo(6000);

        String key = "refund-same-" + UUID.randomUUID();
        List<Callable<JsonPath>> same = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            same.add(() -> refund(id, key, "CASH", "30.00"));
        }
        List<JsonPath> repeated = Race.run(same);
        assertThat(repeated).allSatisfy(r -> assertThat(r.getList("userErrors")).as(r.prettify()).isEmpty());
        assertThat(repeated.stream().map(r -> r.getString("refund.id")).distinct()).hasSize(1);
        assertThat(repeated.get(0).getString("return.status")).isEqualTo("CLOSED");
        assertThat(data.count("SELECT count(*) FROM return_refund WHERE idempotency_key = $1", key)).isEqualTo(1);
        JsonPath reused = refund(id, key, "CASH", "10.00");
        assertThat(reused.getString("userErrors[0].code")).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        JsonPath nothingLeft = refund(id, "refund-" + UUID.randomUUID(), "CASH", "0.01");
        assertThat(nothingLeft.getString("userErrors[0].code")).isEqualTo("ILLEGAL_TRANSITION");
        assertThat(data.count("SELECT COALESCE(sum(f.amount_minor), 0)::bigint FROM return_refund f JOIN return_request r ON r.id = f.return_id "
                + "WHERE r.order_number = $1", orderNumber)).isEqualTo(9000);
    }
}
