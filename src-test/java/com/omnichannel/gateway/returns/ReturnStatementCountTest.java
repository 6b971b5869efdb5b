package com.omnichannel.gateway.returns;

import static com.omnichannel.gateway.checkout.Checkouts.customerCart;
import static com.omnichannel.gateway.checkout.Checkouts.line;
import static com.omnichannel.gateway.checkout.Checkouts.payInStore;
import static com.omnichannel.gateway.checkout.Checkouts.pickup;
import static com.omnichannel.gateway.checkout.Checkouts.placed;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.support.BackgroundWrites;
import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.TestData;
import com.omnichannel.gateway.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Returns with their lines, refunds and locations cost the same statements for 2 and 12 returns, listed or on an order. */
@QuarkusTest
class ReturnStatementCountTest {

    static final String LIST = """
            query($f: ReturnFilter, $first: Int) { returns(filter: $f, first: $first) { edges { node {
              status orderNumber suggestedRefund { amount } receivedAt { name } dropOffStore { name }
              lines { sku quantity receivedQuantity disposition refund { amount } }
              refunds { destination amount { amount } } } } } }""";
    static final String ON_ORDER = """
            query($id: ID) { order(id: $id) { returns { status receivedAt { name } lines { sku } refunds { amount { amount } } } } }""";

    @Inject
    TestData data;

    @Inject
    Db db;

    @Test
    void listed_returns_and_an_orders_returns_cost_the_same_statements_for_2_and_12() {
        var store = data.store("Counted returns store", 49.0, 9.0);
        var product = data.product("Counted returns mug", null, 1200);
        data.stock(product.variant(0), store, 20);
        GraphQL customer = GraphQL.as(Tokens.customer("customer-" + UUID.randomUUID()));
        GraphQL staff = GraphQL.as(Tokens.staff());
        JsonPath order = placed(customerCart(customer, line(product.variant(0), 12)), pickup(store), payInStore());
        String orderId = order.getString("id");
        for (String status : List.of("CONFIRMED", "READY_FOR_PICKUP", "PICKED_UP")) {
            staff.ok(ReturnTest.ORDER_STATUS, "input", Map.of("orderId", orderId, "status", status));
        }
        for (int i = 0; i < 12; i++) {
            JsonPath ret = staff.ok(ReturnTest.REQUEST, "input", ReturnTest.request(orderId, "DROP_OFF",
                    ReturnTest.returned(order.getString("lines[0].id"), 1))).setRootPath("data.returnRequest.return");
            staff.ok(ReturnTest.RECEIVE, "input", Map.of("returnId", ret.getString("id"), "locationId", store.id(),
                    "lines", List.of(ReturnTest.receivedLine(ret.getString("lines[0].id"), 1, "RESTOCK"))));
            staff.ok(ReturnTest.REFUND, "input", Map.of("returnId", ret.getString("id"), "idempotencyKey", UUID.randomUUID().toString(),
                    "destination", "CASH"));
        }
        Map<String, Object> filter = Map.of("receivedAtId", store.id());

        long two = statements(() -> staff.ok(LIST, "f", filter, "first", 2));
        long twelve = statements(() -> staff.ok(LIST, "f", filter, "first", 12));
        assertThat(staff.ok(LIST, "f", filter, "first", 12).getList("data.returns.edges")).hasSize(12);
        assertThat(twelve).isEqualTo(two);
        // returns, lines, refunds (locations come from the directory's cache)
        assertThat(twelve).isLessThanOrEqualTo(4);

        JsonPath onOrder = customer.ok(ON_ORDER, "id", orderId);
        assertThat(onOrder.getList("data.order.returns")).hasSize(12);
        assertThat(statements(() -> customer.ok(ON_ORDER, "id", orderId))).isLessThanOrEqualTo(5);
    }

    private long statements(Runnable request) {
        request.run();
        BackgroundWrites.settle();
        long before = db.statementCount();
        request.run();
        return db.statementCount() - before;
    }
}
