package com.omnichannel.gateway.platform;

import static com.omnichannel.gateway.checkout.Checkouts.customerCart;
import static com.omnichannel.gateway.checkout.Checkouts.guestCart;
import static com.omnichannel.gateway.checkout.Checkouts.line;
import static com.omnichannel.gateway.checkout.Checkouts.payInStore;
import static com.omnichannel.gateway.checkout.Checkouts.pickup;
import static com.omnichannel.gateway.checkout.Checkouts.placed;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.omnichannel.gateway.platform.ClientOperationsTest.Scenario;
import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.TestData;
import com.omnichannel.gateway.support.Tokens;

import io.restassured.path.json.JsonPath;

/**
 * The scenarios of the return operations (web, app, kiosk, staff), for {@link ClientOperationsTest}: each picks up an
 * order of its own at a store of its own, then returns it through the committed operation.
 */
final class ReturnOperationScenarios {

    private final TestData data;

    private ReturnOperationScenarios(TestData data) {
        this.data = data;
    }

    static Map<String, Scenario> scenarios(TestData data) {
        return new ReturnOperationScenarios(data).all();
    }

    private record PickedUp(TestData.Ref store, JsonPath order, GraphQL customer) {
    }

    /** A customer's (or, with no customer, a guest's) order of one unit, picked up at a store of its own. */
    private PickedUp pickedUp(boolean guest) {
        TestData.Ref store = data.store("Returns operations store", 53.5, 10.0);
        TestData.ProductRef product = data.product("Returns operations tee", null, 1999);
        data.stock(product.variant(0), store, 5);
        GraphQL customer = guest ? null : GraphQL.as(Tokens.customer("customer-" + UUID.randomUUID()));
        var cart = guest ? guestCart(line(product.variant(0), 1)) : customerCart(customer, line(product.variant(0), 1));
        JsonPath order = placed(cart, pickup(store), payInStore());
        GraphQL staff = GraphQL.as(Tokens.staff());
        for (String status : List.of("CONFIRMED", "READY_FOR_PICKUP", "PICKED_UP")) {
            JsonPath moved = staff.ok("mutation($input: OrderStatusUpdateInput!) { orderStatusUpdate(input: $input) { userErrors { code } } }",
                    "input", Map.of("orderId", order.getString("id"), "status", status));
            assertThat(moved.getList("data.orderStatusUpdate.userErrors")).isEmpty();
        }
        return new PickedUp(store, order, customer);
    }

    private static Map<String, Object> returnedLine(JsonPath order) {
        return Map.of("orderLineId", order.getString("lines[0].id"), "quantity", 1, "reason", "Does not fit");
    }

    /** An approved return of the order's unit, asked for by staff at the counter. */
    private static JsonPath approvedReturn(JsonPath order) {
        JsonPath r = GraphQL.as(Tokens.staff()).ok(SideCalls.REQUEST, "input",
                Map.of("orderId", order.getString("id"), "method", "DROP_OFF", "lines", List.of(returnedLine(order))));
        assertThat(r.getList("data.returnRequest.userErrors")).as(r.prettify()).isEmpty();
        return r.setRootPath("data.returnRequest.return");
    }

    private JsonPath received(PickedUp p) {
        JsonPath ret = approvedReturn(p.order());
        JsonPath r = GraphQL.as(Tokens.staff()).ok(SideCalls.RECEIVE, "input", Map.of("returnId", ret.getString("id"),
                "locationId", p.store().id(), "lines", List.of(Map.of("returnLineId", ret.getString("lines[0].id"), "quantity", 1,
                        "disposition", "RESTOCK"))));
        assertThat(r.getList("data.returnReceive.userErrors")).as(r.prettify()).isEmpty();
        return ret;
    }

    /** What the scenarios send besides the operation under test (as the store app would, in other screens). */
    private static final class SideCalls {
        static final String REQUEST = "mutation($input: ReturnRequestInput!) { returnRequest(input: $input) { return { id lines { id } } "
                + "userErrors { code message } } }";
        static final String RECEIVE = "mutation($input: ReturnReceiveInput!) { returnReceive(input: $input) { userErrors { code message } } }";
    }

    private Map<String, Scenario> all() {
        Map<String, Scenario> s = new LinkedHashMap<>();

        for (String client : List.of("web", "mobile")) {
            s.put(client + "/RequestReturn.graphql", (anonymous, op) -> {
                PickedUp p = pickedUp(false);
                GraphQL customer = p.customer().channel(client.equals("web") ? "WEB" : "MOBILE");
                JsonPath r = customer.ok(op, "input", Map.of("orderId", p.order().getString("id"), "method", "DROP_OFF",
                        "dropOffStoreId", p.store().id(), "lines", List.of(returnedLine(p.order()))));
                assertThat(r.getList("data.returnRequest.userErrors")).as(r.prettify()).isEmpty();
                assertThat(r.getString("data.returnRequest.return.status")).isEqualTo("REQUESTED");
                assertThat(r.getString("data.returnRequest.return.suggestedRefund.amount")).isEqualTo("19.99");
                assertThat(r.getString("data.returnRequest.return.dropOffStore.id")).isEqualTo(p.store().id());
            });
            s.put(client + "/OrderReturns.graphql", (anonymous, op) -> {
                PickedUp p = pickedUp(false);
                JsonPath ret = received(p);
                GraphQL.as(Tokens.staff()).ok("mutation($input: ReturnRefundInput!) { returnRefund(input: $input) { userErrors { code } } }",
                        "input", Map.of("returnId", ret.getString("id"), "idempotencyKey", UUID.randomUUID().toString(), "destination", "CASH"));
                JsonPath r = p.customer().ok(op, "orderId", p.order().getString("id"));
                assertThat(r.getList("data.order.returns.status")).containsExactly("CLOSED");
                assertThat(r.getString("data.order.returns[0].receivedAt.id")).isEqualTo(p.store().id());
                assertThat(r.getString("data.order.returns[0].refunds[0].amount.amount")).isEqualTo("19.99");
                assertThat(r.getList("data.order.returns[0].refunds.destination")).containsExactly("CASH");
            });
        }

        s.put("kiosk/RequestReturnByOrderNumber.graphql", (kiosk, op) -> {
            PickedUp p = pickedUp(true);
            JsonPath r = kiosk.ok(op, "orderNumber", p.order().getString("number"), "email", "guest@example.com",
                    "lines", List.of(returnedLine(p.order())));
            assertThat(r.getList("data.returnRequest.userErrors")).as(r.prettify()).isEmpty();
            assertThat(r.getString("data.returnRequest.return.status")).isEqualTo("REQUESTED");
            assertThat(r.getString("data.returnRequest.return.orderNumber")).isEqualTo(p.order().getString("number"));
        });

        s.put("kiosk/ExchangeAtKiosk.graphql", (kiosk, op) -> {
            TestData.Ref store = data.store("Returns operations exchange store", 53.6, 10.1);
            TestData.ProductRef product = data.product("Returns operations hoodie", null, 3999, 4299);
            data.stock(product.variant(0), store, 5);
            data.stock(product.variant(1), store, 5);
            JsonPath order = placed(guestCart(line(product.variant(0), 1)), pickup(store), payInStore());
            GraphQL staff = GraphQL.as(Tokens.staff());
            for (String status : List.of("CONFIRMED", "READY_FOR_PICKUP", "PICKED_UP")) {
                staff.ok("mutation($input: OrderStatusUpdateInput!) { orderStatusUpdate(input: $input) { userErrors { code } } }",
                        "input", Map.of("orderId", order.getString("id"), "status", status));
            }
            // The fixture's kiosk stands in another store: it names the store the new size is collected at.
            JsonPath r = kiosk.ok(op, "input", Map.of("orderNumber", order.getString("number"), "email", "guest@example.com",
                    "orderLineId", order.getString("lines[0].id"), "quantity", 1, "reason", "Too small", "newVariantId", product.variant(1).id(),
                    "fulfilment", "COLLECT_AT_STORE", "locationId", store.id()));
            assertThat(r.getList("data.returnExchange.userErrors")).as(r.prettify()).isEmpty();
            assertThat(r.getString("data.returnExchange.return.exchangePriceDifference.amount")).isEqualTo("3.00");
            assertThat(r.getString("data.returnExchange.return.exchangeOrderLineId")).isNotNull();
        });

        s.put("staff/Returns.graphql", (staff, op) -> {
            PickedUp p = pickedUp(false);
            received(p);
            JsonPath r = staff.ok(op, "filter", Map.of("receivedAtId", p.store().id(), "status", "RECEIVED"), "first", 10);
            assertThat(r.getList("data.returns.edges.node.orderNumber")).containsExactly(p.order().getString("number"));
            assertThat(r.getList("data.returns.edges[0].node.lines.disposition")).containsExactly("RESTOCK");
        });

        s.put("staff/ReturnStatusUpdate.graphql", (staff, op) -> {
            PickedUp p = pickedUp(false);
            JsonPath asked = p.customer().ok(SideCalls.REQUEST, "input",
                    Map.of("orderId", p.order().getString("id"), "method", "SHIP_BACK", "lines", List.of(returnedLine(p.order()))));
            JsonPath r = staff.ok(op, "returnId", asked.getString("data.returnRequest.return.id"), "status", "APPROVED", "note", "ok");
            assertThat(r.getList("data.returnStatusUpdate.userErrors")).isEmpty();
            assertThat(r.getList("data.returnStatusUpdate.return.nextStatuses")).containsExactlyInAnyOrder("RECEIVED", "CANCELED");
        });

        s.put("staff/ReceiveReturn.graphql", (staff, op) -> {
            PickedUp p = pickedUp(false);
            JsonPath ret = approvedReturn(p.order());
            JsonPath r = staff.ok(op, "input", Map.of("returnId", ret.getString("id"), "locationId", p.store().id(),
                    "lines", List.of(Map.of("returnLineId", ret.getString("lines[0].id"), "quantity", 1, "disposition", "RESTOCK"))));
            assertThat(r.getList("data.returnReceive.userErrors")).as(r.prettify()).isEmpty();
            assertThat(r.getString("data.returnReceive.return.status")).isEqualTo("RECEIVED");
            assertThat(r.getBoolean("data.returnReceive.return.receivedFully")).isTrue();
        });

        s.put("staff/ResolveReturnInspection.graphql", (staff, op) -> {
            PickedUp p = pickedUp(false);
            JsonPath ret = approvedReturn(p.order());
            String lineId = ret.getString("lines[0].id");
            JsonPath held = staff.ok(SideCalls.RECEIVE, "input", Map.of("returnId", ret.getString("id"), "locationId", p.store().id(),
                    "lines", List.of(Map.of("returnLineId", lineId, "quantity", 1, "disposition", "INSPECT"))));
            assertThat(held.getList("data.returnReceive.userErrors")).as(held.prettify()).isEmpty();
            JsonPath r = staff.ok(op, "input", Map.of("returnId", ret.getString("id"),
                    "lines", List.of(Map.of("returnLineId", lineId, "quantity", 1, "disposition", "RESTOCK"))));
            assertThat(r.getList("data.returnInspectionResolve.userErrors")).as(r.prettify()).isEmpty();
            assertThat(r.getInt("data.returnInspectionResolve.return.lines[0].heldQuantity")).isZero();
            assertThat(r.getString("data.returnInspectionResolve.return.lines[0].disposition")).isEqualTo("INSPECT");
        });

        s.put("staff/RefundReturn.graphql", (staff, op) -> {
            PickedUp p = pickedUp(false);
            JsonPath ret = received(p);
            Map<String, Object> input = Map.of("returnId", ret.getString("id"), "idempotencyKey", UUID.randomUUID().toString(),
                    "destination", "ORIGINAL_PAYMENT", "amount", "19.99");
            JsonPath r = staff.ok(op, "input", input);
            assertThat(r.getList("data.returnRefund.userErrors")).as(r.prettify()).isEmpty();
            assertThat(r.getString("data.returnRefund.return.status")).isEqualTo("CLOSED");
            assertThat(staff.ok(op, "input", input).getString("data.returnRefund.refund.id")).isEqualTo(r.getString("data.returnRefund.refund.id"));
        });
        return s;
    }
}
