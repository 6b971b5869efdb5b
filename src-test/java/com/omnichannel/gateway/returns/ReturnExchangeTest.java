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

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.TestData;
import com.omnichannel.gateway.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class ReturnExchangeTest {

    static final String EXCHANGE = "mutation($input: ReturnExchangeInput!) { returnExchange(input: $input) { return { " + ReturnTest.RETURN_FIELDS
            + " exchangeOrderLineId exchangePriceDifference { amount } } userErrors { code field message } } }";
    static final String ORDER = """
            query($id: ID) { order(id: $id) { status total { amount } lines { id sku quantity total { amount } }
              shipments { id status fulfilmentType location { id } lines { quantity orderLine { sku } } } timeline { kind note } } }""";
    static final String SHIPMENT_STATUS = """
            mutation($input: ShipmentStatusUpdateInput!) { shipmentStatusUpdate(input: $input) { shipment { status } userErrors { code message } } }""";

    @Inject
    TestData data;

    private final GraphQL staff = GraphQL.as(Tokens.staff());

    private void move(String orderId, String... statuses) {
        for (String status : statuses) {
            JsonPath r = staff.ok(ReturnTest.ORDER_STATUS, "input", Map.of("orderId", orderId, "status", status));
            assertThat(r.getList("data.orderStatusUpdate.userErrors")).as(r.prettify()).isEmpty();
        }
    }

    private Map<String, Object> exchange(String orderLineId, String newVariantId, String fulfilment) {
        Map<String, Object> input = new HashMap<>();
        input.put("orderLineId", orderLineId);
        input.put("quantity", 1);
        input.put("reason", "Too small");
        input.put("newVariantId", newVariantId);
        input.put("fulfilment", fulfilment);
        return input;
    }

    @Test
    void an_exchange_at_a_kiosk_reserves_the_other_size_here_charges_the_difference_and_both_movements_are_on_the_order_and_the_ledger() {
        var store = data.store("Exchange kiosk store", 47.3, 8.5);
        var shirt = data.product("Exchange oxford shirt", null, 5000, 5500, 4500);
        var m = shirt.variant(0);
        var l = shirt.variant(1);
        data.stock(m, store, 3);
        data.stock(l, store, 2);
        JsonPath order = placed(guestCart(line(m, 2)), pickup(store), payInStore());
        String orderId = order.getString("id");
        move(orderId, "CONFIRMED", "READY_FOR_PICKUP", "PICKED_UP");

        GraphQL kiosk = GraphQL.as(Tokens.kiosk(store.id()));
        var trousers = data.product("Exchange chinos", null, 5000);
        data.stock(trousers.variant(0), store, 2);
        Map<String, Object> otherProduct = exchange(order.getString("lines[0].id"), trousers.variant(0).id(), "COLLECT_AT_STORE");
        otherProduct.put("orderNumber", order.getString("number"));
        otherProduct.put("email", "guest@example.com");
        assertThat(kiosk.ok(EXCHANGE, "input", otherProduct).getString("data.returnExchange.userErrors[0].code")).isEqualTo("INVALID_VARIANT");
        Map<String, Object> shipped = exchange(order.getString("lines[0].id"), l.id(), "SHIP");
        shipped.put("orderNumber", order.getString("number"));
        shipped.put("email", "guest@example.com");
        assertThat(kiosk.ok(EXCHANGE, "input", shipped).getString("data.returnExchange.userErrors[0].code")).isEqualTo("ADDRESS_REQUIRED");
        assertThat(data.count("SELECT count(*) FROM return_request WHERE order_number = $1", order.getString("number"))).isZero();

        // The shopper, not signed in, at the store's kiosk: order number and email, the kiosk's store by default.
        Map<String, Object> input = exchange(order.getString("lines[0].id"), l.id(), "COLLECT_AT_STORE");
        input.put("orderNumber", order.getString("number"));
        input.put("email", "guest@example.com");
        JsonPath exchanged = kiosk.ok(EXCHANGE, "input", input).setRootPath("data.returnExchange");
        assertThat(exchanged.getList("userErrors")).as(exchanged.prettify()).isEmpty();
        assertThat(exchanged.getString("return.status")).isEqualTo("REQUESTED");
        assertThat(exchanged.getString("return.channel")).isEqualTo("KIOSK");
        assertThat(exchanged.getString("return.exchangePriceDifference.amount")).isEqualTo("5.00");
        assertThat(exchanged.getString("return.suggestedRefund.amount")).isEqualTo("0.00");

        JsonPath after = staff.ok(ORDER, "id", orderId).setRootPath("data.order");
        assertThat(after.getString("status")).isEqualTo("PICKED_UP");
        assertThat(after.getList("lines.sku")).containsExactly(m.sku(), l.sku());
        assertThat(after.getString("lines[1].id")).isEqualTo(exchanged.getString("return.exchangeOrderLineId"));
        assertThat(after.getString("total.amount")).isEqualTo("155.00");
        String newShipment = after.getString("shipments.find { it.status == 'PENDING' }.id");
        assertThat(after.getString("shipments.find { it.status == 'PENDING' }.location.id")).isEqualTo(store.id());
        assertThat(after.getList("timeline.kind")).contains("RETURN_UPDATED", "EXCHANGED");
        assertThat(data.stockRow(l, store).getInteger("reserved")).isEqualTo(1);
        assertThat(data.count("SELECT count(*) FROM stock_movement WHERE variant_id = $1 AND kind = 'RESERVATION' AND reference = $2",
                l.key(), order.getString("number"))).isEqualTo(1);

        // Staff take the old unit back and hand the new one over.
        JsonPath received = staff.ok(ReturnTest.RECEIVE, "input", Map.of("returnId", exchanged.getString("return.id"), "locationId", store.id(),
                "lines", List.of(ReturnTest.receivedLine(exchanged.getString("return.lines[0].id"), 1, "RESTOCK")))).setRootPath("data.returnReceive");
        assertThat(received.getList("userErrors")).as(received.prettify()).isEmpty();
        assertThat(received.getString("return.status")).isEqualTo("CLOSED");
        assertThat(data.stockRow(m, store).getInteger("on_hand")).isEqualTo(3 - 2 + 1);
        for (String status : List.of("READY_FOR_PICKUP", "PICKED_UP")) {
            JsonPath moved = staff.ok(SHIPMENT_STATUS, "input", Map.of("shipmentId", newShipment, "status", status));
            assertThat(moved.getList("data.shipmentStatusUpdate.userErrors")).as(moved.prettify()).isEmpty();
        }
        assertThat(data.stockRow(l, store).getInteger("on_hand")).isEqualTo(1);
        assertThat(data.stockRow(l, store).getInteger("reserved")).isZero();
        assertThat(data.count("SELECT count(*) FROM stock_movement WHERE variant_id = $1 AND kind = 'FULFILMENT' AND reference = $2",
                l.key(), order.getString("number"))).isEqualTo(1);
        assertThat(data.count("SELECT count(*) FROM stock_movement WHERE variant_id = $1 AND kind = 'RETURN' AND reference = $2",
                m.key(), order.getString("number"))).isEqualTo(1);
    }

    @Test
    void a_cheaper_variant_shipped_refunds_the_difference_and_an_unavailable_one_changes_nothing() {
        var warehouse = data.warehouse("Exchange warehouse", 50.9, 7.0);
        var shirt = data.product("Exchange flannel shirt", null, 5000, 4500, 5200);
        data.stock(shirt.variant(0), warehouse, 3);
        data.stock(shirt.variant(1), warehouse, 3);
        String customerId = "customer-" + UUID.randomUUID();
        GraphQL customer = GraphQL.as(Tokens.customer(customerId)).channel("MOBILE");
        JsonPath order = placed(customerCart(customer, line(shirt.variant(0), 1)), ship(), card("4242424242424242"));
        move(order.getString("id"), "CONFIRMED", "SHIPPED", "DELIVERED");

        Map<String, Object> none = exchange(order.getString("lines[0].id"), shirt.variant(2).id(), "SHIP");
        none.put("orderId", order.getString("id"));
        JsonPath refused = customer.ok(EXCHANGE, "input", none).setRootPath("data.returnExchange");
        assertThat(refused.getString("userErrors[0].code")).isEqualTo("INSUFFICIENT_STOCK");
        assertThat(data.count("SELECT count(*) FROM return_request WHERE order_number = $1", order.getString("number"))).isZero();

        Map<String, Object> input = exchange(order.getString("lines[0].id"), shirt.variant(1).id(), "SHIP");
        input.put("orderId", order.getString("id"));
        JsonPath exchanged = customer.ok(EXCHANGE, "input", input).setRootPath("data.returnExchange");
        assertThat(exchanged.getList("userErrors")).as(exchanged.prettify()).isEmpty();
        assertThat(exchanged.getString("return.exchangePriceDifference.amount")).isEqualTo("-5.00");
        assertThat(exchanged.getString("return.suggestedRefund.amount")).isEqualTo("5.00");
        JsonPath after = customer.ok(ORDER, "id", order.getString("id")).setRootPath("data.order");
        assertThat(after.getString("shipments.find { it.status == 'PENDING' }.fulfilmentType")).isEqualTo("SHIP");
        assertThat(after.getString("shipments.find { it.status == 'PENDING' }.location.id")).isEqualTo(warehouse.id());
        assertThat(data.stockRow(shirt.variant(1), warehouse).getInteger("reserved")).isEqualTo(1);

        staff.ok(ReturnTest.STATUS, "input", Map.of("returnId", exchanged.getString("return.id"), "status", "APPROVED"));
        JsonPath received = staff.ok(ReturnTest.RECEIVE, "input", Map.of("returnId", exchanged.getString("return.id"), "locationId", warehouse.id(),
                "lines", List.of(ReturnTest.receivedLine(exchanged.getString("return.lines[0].id"), 1, "RESTOCK")))).setRootPath("data.returnReceive");
        assertThat(received.getString("return.status")).isEqualTo("RECEIVED");
        JsonPath refunded = staff.ok(ReturnTest.REFUND, "input", Map.of("returnId", exchanged.getString("return.id"),
                "idempotencyKey", UUID.randomUUID().toString(), "destination", "ORIGINAL_PAYMENT")).setRootPath("data.returnRefund");
        assertThat(refunded.getString("refund.amount.amount")).isEqualTo("5.00");
        assertThat(refunded.getString("return.status")).isEqualTo("CLOSED");
    }
}
