package com.omnichannel.gateway.returns;

import static com.omnichannel.gateway.checkout.Checkouts.customerCart;
import static com.omnichannel.gateway.checkout.Checkouts.line;
import static com.omnichannel.gateway.checkout.Checkouts.payInStore;
import static com.omnichannel.gateway.checkout.Checkouts.pickup;
import static com.omnichannel.gateway.checkout.Checkouts.placed;
import static com.omnichannel.gateway.returns.ReturnTest.REQUEST;
import static com.omnichannel.gateway.returns.ReturnTest.RECEIVE;
import static com.omnichannel.gateway.returns.ReturnTest.REFUND;
import static com.omnichannel.gateway.returns.ReturnTest.receivedLine;
import static com.omnichannel.gateway.returns.ReturnTest.request;
import static com.omnichannel.gateway.returns.ReturnTest.returned;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.platform.ids.GlobalId;
import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.Race;
import com.omnichannel.gateway.support.TestData;
import com.omnichannel.gateway.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class ReturnInspectionTest {

    static final String RESOLVE = """
            mutation($input: ReturnInspectionResolveInput!) { returnInspectionResolve(input: $input) {
              return { id status lines { id receivedQuantity disposition heldQuantity } } userErrors { code field message } } }""";
    static final String HERE = "query($b: String!) { productVariant(barcode: $b) { availabilityHere { available } } }";

    @Inject
    TestData data;

    private final GraphQL staff = GraphQL.as(Tokens.staff());

    private static Map<String, Object> decided(String returnLineId, int quantity, String disposition) {
        return Map.of("returnLineId", returnLineId, "quantity", quantity, "disposition", disposition);
    }

    private JsonPath resolve(String returnId, Object... lines) {
        return staff.ok(RESOLVE, "input", Map.of("returnId", returnId, "lines", List.of(lines))).setRootPath("data.returnInspectionResolve");
    }

    /** A picked-up order of units bought at one store, returned and received at another one with every unit held: the return. */
    private JsonPath heldAt(TestData.Ref soldAt, TestData.Ref receivedAt, TestData.VariantRef variant, int units) {
        GraphQL customer = GraphQL.as(Tokens.customer("customer-" + UUID.randomUUID()));
        JsonPath order = placed(customerCart(customer, line(variant, units)), pickup(soldAt), payInStore());
        String orderId = order.getString("id");
        for (String status : List.of("CONFIRMED", "READY_FOR_PICKUP", "PICKED_UP")) {
            staff.ok(ReturnTest.ORDER_STATUS, "input", Map.of("orderId", orderId, "status", status));
        }
        JsonPath requested = staff.ok(REQUEST, "input", request(orderId, "DROP_OFF", returned(order.getString("lines[0].id"), units)))
                .setRootPath("data.returnRequest");
        assertThat(requested.getList("userErrors")).as(requested.prettify()).isEmpty();
        JsonPath received = staff.ok(RECEIVE, "input", Map.of("returnId", requested.getString("return.id"), "locationId", receivedAt.id(),
                "lines", List.of(receivedLine(requested.getString("return.lines[0].id"), units, "INSPECT")))).setRootPath("data.returnReceive");
        assertThat(received.getList("userErrors")).as(received.prettify()).isEmpty();
        return received.setRootPath("data.returnReceive.return");
    }

    private long movements(TestData.VariantRef variant, TestData.Ref location, String kind) {
        return data.count("SELECT count(*) FROM stock_movement WHERE variant_id = $1 AND location_id = $2 AND kind = $3",
                variant.key(), location.key(), kind);
    }

    @Test
    void held_units_are_restocked_where_the_return_was_received_or_written_off_never_more_than_held_also_after_closing() {
        var soldAt = data.store("Inspection sale store", 48.1, 11.5);
        var receivedAt = data.store("Inspection counter store", 48.2, 11.6);
        var product = data.product("Inspected leather boots", null, 5000);
        var variant = product.variant(0);
        data.stock(variant, soldAt, 5);
        JsonPath ret = heldAt(soldAt, receivedAt, variant, 3);
        String returnId = ret.getString("id");
        String lineId = ret.getString("lines[0].id");
        assertThat(ret.getString("status")).isEqualTo("RECEIVED");
        assertThat(ret.getString("lines[0].disposition")).isEqualTo("INSPECT");
        assertThat(resolve(returnId).getString("userErrors[0].code")).isEqualTo("INVALID_QUANTITY");
        assertThat(movements(variant, receivedAt, "RETURN") + movements(variant, receivedAt, "RETURN_DAMAGED")).isZero();
        GraphQL kiosk = GraphQL.as(Tokens.kiosk(receivedAt.id()));

        // Refused: INSPECT again, more than held; nothing written.
        assertThat(resolve(returnId, decided(lineId, 1, "INSPECT")).getString("userErrors[0].code")).isEqualTo("INVALID_DISPOSITION");
        assertThat(resolve(returnId, decided(lineId, 0, "RESTOCK")).getString("userErrors[0].code")).isEqualTo("INVALID_QUANTITY");
        JsonPath tooMany = resolve(returnId, decided(lineId, 2, "RESTOCK"), decided(lineId, 2, "DAMAGED"));
        assertThat(tooMany.getString("userErrors[0].code")).isEqualTo("HELD_QUANTITY_EXCEEDED");
        assertThat(tooMany.getList("userErrors[0].field")).containsExactly("input", "lines", "1", "quantity");
        assertThat(movements(variant, receivedAt, "RETURN") + movements(variant, receivedAt, "RETURN_DAMAGED")).isZero();

        // Two restocked at the receiving store: on-hand there, a RETURN movement, the kiosk sees them at once.
        JsonPath restocked = resolve(returnId, decided(lineId, 2, "RESTOCK"));
        assertThat(restocked.getList("userErrors")).as(restocked.prettify()).isEmpty();
        assertThat(restocked.getInt("return.lines[0].heldQuantity")).isEqualTo(1);
        assertThat(restocked.getInt("return.lines[0].receivedQuantity")).isEqualTo(3);
        assertThat(restocked.getString("return.lines[0].disposition")).isEqualTo("INSPECT");
        assertThat(data.stockRow(variant, receivedAt).getInteger("on_hand")).isEqualTo(2);
        assertThat(data.stockRow(variant, soldAt).getInteger("on_hand")).isEqualTo(2);
        assertThat(data.count("SELECT count(*) FROM stock_movement WHERE variant_id = $1 AND location_id = $2 AND kind = 'RETURN' AND quantity_delta = 2",
                variant.key(), receivedAt.key())).isEqualTo(1);
        assertThat(kiosk.ok(HERE, "b", variant.barcode()).getInt("data.productVariant.availabilityHere.available")).isEqualTo(2);

        // Held units do not keep the return open: refunded in full, it closes, and the last unit is still decided after.
        JsonPath refunded = staff.ok(REFUND, "input", Map.of("returnId", returnId, "idempotencyKey", "refund-" + UUID.randomUUID(), "destination", "CASH"))
                .setRootPath("data.returnRefund");
        assertThat(refunded.getList("userErrors")).as(refunded.prettify()).isEmpty();
        assertThat(refunded.getString("return.status")).isEqualTo("CLOSED");
        JsonPath damaged = resolve(returnId, decided(lineId, 1, "DAMAGED"));
        assertThat(damaged.getList("userErrors")).as(damaged.prettify()).isEmpty();
        assertThat(damaged.getString("return.status")).isEqualTo("CLOSED");
        assertThat(damaged.getInt("return.lines[0].heldQuantity")).isZero();
        assertThat(movements(variant, receivedAt, "RETURN_DAMAGED")).isEqualTo(1);
        assertThat(data.stockRow(variant, receivedAt).getInteger("on_hand")).isEqualTo(2);
        assertThat(resolve(returnId, decided(lineId, 1, "RESTOCK")).getString("userErrors[0].code")).isEqualTo("HELD_QUANTITY_EXCEEDED");

        // Each decision is on the order's timeline.
        JsonPath order = staff.ok("query($id: ID) { order(id: $id) { timeline { kind note } } }", "id",
                staff.ok("query($id: ID!) { returnRequest(id: $id) { orderId } }", "id", returnId).getString("data.returnRequest.orderId"));
        assertThat(order.getList("data.order.timeline.note", String.class).stream().filter(n -> n != null && n.contains("inspected")))
                .containsExactly("Return " + returnId + " inspected: 2 unit(s) restocked, 0 unit(s) written off as damaged",
                        "Return " + returnId + " inspected: 0 unit(s) restocked, 1 unit(s) written off as damaged");
    }

    @Test
    void only_staff_decide_and_only_on_received_returns() {
        var store = data.store("Inspection rules store", 47.1, 10.5);
        var product = data.product("Inspected wool scarf", null, 3000);
        data.stock(product.variant(0), store, 2);
        JsonPath ret = heldAt(store, store, product.variant(0), 1);
        GraphQL customer = GraphQL.as(Tokens.customer("customer-" + UUID.randomUUID()));
        JsonPath denied = customer.execute(RESOLVE, "input", Map.of("returnId", ret.getString("id"),
                "lines", List.of(decided(ret.getString("lines[0].id"), 1, "RESTOCK"))));
        assertThat(denied.getString("errors[0].extensions.code")).isIn("FORBIDDEN", "UNAUTHENTICATED");

        GraphQL buyer = GraphQL.as(Tokens.customer("customer-" + UUID.randomUUID()));
        JsonPath order = placed(customerCart(buyer, line(product.variant(0), 1)), pickup(store), payInStore());
        for (String status : List.of("CONFIRMED", "READY_FOR_PICKUP", "PICKED_UP")) {
            staff.ok(ReturnTest.ORDER_STATUS, "input", Map.of("orderId", order.getString("id"), "status", status));
        }
        JsonPath open = staff.ok(REQUEST, "input", request(order.getString("id"), "DROP_OFF", returned(order.getString("lines[0].id"), 1)))
                .setRootPath("data.returnRequest.return");
        assertThat(resolve(open.getString("id"), decided(open.getString("lines[0].id"), 1, "RESTOCK")).getString("userErrors[0].code"))
                .isEqualTo("ILLEGAL_TRANSITION");
        assertThat(staff.ok("query($id: ID!) { returnRequest(id: $id) { lines { heldQuantity } } }", "id", open.getString("id"))
                .getInt("data.returnRequest.lines[0].heldQuantity")).isZero();
    }

    @Test
    void concurrent_decisions_on_the_last_held_unit_exactly_one_wins() throws Exception {
        var store = data.store("Inspection race store", 46.1, 9.5);
        var product = data.product("Inspected race kettle", null, 2500);
        var variant = product.variant(0);
        data.stock(variant, store, 1);
        JsonPath ret = heldAt(store, store, variant, 1);
        String returnId = ret.getString("id");
        String lineId = ret.getString("lines[0].id");
        String events = "SELECT count(*) FROM outbox_event WHERE event_type = 'return.updated' AND payload->>'returnId' = $1";
        long eventsBefore = data.count(events, returnId);
        List<Callable<JsonPath>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String disposition = i % 2 == 0 ? "RESTOCK" : "DAMAGED";
            calls.add(() -> resolve(returnId, decided(lineId, 1, disposition)));
        }
        List<JsonPath> results = Race.run(calls);
        assertThat(results.stream().filter(r -> r.getList("userErrors").isEmpty()).count()).isEqualTo(1);
        assertThat(results.stream().filter(r -> !r.getList("userErrors").isEmpty()).map(r -> r.getString("userErrors[0].code")))
                .containsOnly("HELD_QUANTITY_EXCEEDED");
        assertThat(movements(variant, store, "RETURN") + movements(variant, store, "RETURN_DAMAGED")).isEqualTo(1);
        assertThat(data.count("SELECT count(*) FROM order_event WHERE note LIKE $1", "Return " + returnId + " inspected%")).isEqualTo(1);
        assertThat(data.count(events, returnId)).isEqualTo(eventsBefore + 1);
        assertThat(data.count("SELECT held_quantity::bigint FROM return_line WHERE id = $1",
                GlobalId.tryDecode(ReturnLine.TYPE, lineId))).isZero();
    }

    @Test
    void products_show_whether_they_are_returnable() {
        var product = data.product("Inspection hygiene earbuds", null, 1500);
        String read = "query($id: ID) { product(id: $id) { returnable } }";
        assertThat(staff.ok(read, "id", product.id()).getBoolean("data.product.returnable")).isTrue();
        JsonPath updated = staff.ok("""
                mutation($input: ProductUpdateInput!) { productUpdate(input: $input) { product { returnable } userErrors { code } } }""",
                "input", Map.of("id", product.id(), "returnable", false));
        assertThat(updated.getBoolean("data.productUpdate.product.returnable")).as(updated.prettify()).isFalse();
        assertThat(GraphQL.anonymous().ok(read, "id", product.id()).getBoolean("data.product.returnable")).isFalse();
    }
}
