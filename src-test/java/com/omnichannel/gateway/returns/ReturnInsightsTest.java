package com.omnichannel.gateway.returns;

import static com.omnichannel.gateway.checkout.Checkouts.customerCart;
import static com.omnichannel.gateway.checkout.Checkouts.line;
import static com.omnichannel.gateway.checkout.Checkouts.payInStore;
import static com.omnichannel.gateway.checkout.Checkouts.pickup;
import static com.omnichannel.gateway.checkout.Checkouts.placed;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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

/** Returns in channelInsights, in a window of their own (far in the future, so that no other test's orders fall into it). */
@QuarkusTest
class ReturnInsightsTest {

    static final String INSIGHTS = """
            query($from: DateTime!, $to: DateTime!) { channelInsights(from: $from, to: $to) {
              channels { channel orders returns returnRate refunded { amount } }
              returnPaths { purchaseChannel returnChannel returns refunded { amount } } } }""";

    @Inject
    TestData data;

    private final GraphQL staff = GraphQL.as(Tokens.staff());

    private JsonPath pickedUp(GraphQL customer, TestData.Ref store, TestData.VariantRef variant) {
        JsonPath order = placed(customerCart(customer, line(variant, 1)), pickup(store), payInStore());
        for (String status : List.of("CONFIRMED", "READY_FOR_PICKUP", "PICKED_UP")) {
            staff.ok(ReturnTest.ORDER_STATUS, "input", Map.of("orderId", order.getString("id"), "status", status));
        }
        return order;
    }

    @Test
    void returns_by_channel_of_purchase_and_of_return_with_return_rate_and_refunds() {
        OffsetDateTime from = OffsetDateTime.of(2045, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).plusDays((long) (Math.random() * 20_000));
        OffsetDateTime to = from.plusDays(1);
        var store = data.store("Returns insights store", 51.3, 9.9);
        var product = data.product("Returns insights vase", null, 3000);
        data.stock(product.variant(0), store, 10);
        GraphQL web = GraphQL.as(Tokens.customer("customer-" + UUID.randomUUID())).channel("WEB");
        GraphQL app = GraphQL.as(Tokens.customer("customer-" + UUID.randomUUID())).channel("MOBILE");
        JsonPath boughtOnline = pickedUp(web, store, product.variant(0));
        JsonPath alsoOnline = pickedUp(web, store, product.variant(0));
        JsonPath inTheApp = pickedUp(app, store, product.variant(0));

        // Bought on the web, returned at the store's counter and refunded; bought on the web, return asked on the web.
        JsonPath atCounter = staff.ok(ReturnTest.REQUEST, "input", ReturnTest.request(boughtOnline.getString("id"), "DROP_OFF",
                ReturnTest.returned(boughtOnline.getString("lines[0].id"), 1))).setRootPath("data.returnRequest.return");
        staff.ok(ReturnTest.RECEIVE, "input", Map.of("returnId", atCounter.getString("id"), "locationId", store.id(),
                "lines", List.of(ReturnTest.receivedLine(atCounter.getString("lines[0].id"), 1, "RESTOCK"))));
        JsonPath refunded = staff.ok(ReturnTest.REFUND, "input", Map.of("returnId", atCounter.getString("id"),
                "idempotencyKey", UUID.randomUUID().toString(), "destination", "CASH")).setRootPath("data.returnRefund");
        assertThat(refunded.getString("refund.amount.amount")).isEqualTo("30.00");
        web.ok(ReturnTest.REQUEST, "input", ReturnTest.request(alsoOnline.getString("id"), "SHIP_BACK",
                ReturnTest.returned(alsoOnline.getString("lines[0].id"), 1)));

        String[] numbers = { boughtOnline.getString("number"), alsoOnline.getString("number"), inTheApp.getString("number") };
        String list = "'" + String.join("','", numbers) + "'";
        data.execute("UPDATE customer_order SET placed_at = '" + from.plusHours(1) + "' WHERE number IN (" + list + ")");
        data.execute("UPDATE return_request SET created_at = '" + from.plusHours(2) + "' WHERE order_number IN (" + list + ")");
        data.execute("UPDATE return_refund SET created_at = '" + from.plusHours(3) + "' WHERE return_id IN "
                + "(SELECT id FROM return_request WHERE order_number IN (" + list + "))");

        JsonPath r = staff.ok(INSIGHTS, "from", from.toString(), "to", to.toString()).setRootPath("data.channelInsights");
        assertThat(r.getList("channels.channel")).containsExactly("WEB", "MOBILE", "KIOSK", "STAFF", "POS");
        assertThat(r.getInt("channels[0].orders")).isEqualTo(2);
        assertThat(r.getInt("channels[0].returns")).isEqualTo(2);
        assertThat(r.getDouble("channels[0].returnRate")).isEqualTo(1.0);
        assertThat(r.getString("channels[0].refunded.amount")).isEqualTo("30.00");
        assertThat(r.getInt("channels[1].orders")).isEqualTo(1);
        assertThat(r.getInt("channels[1].returns")).isZero();
        assertThat(r.getDouble("channels[1].returnRate")).isZero();
        assertThat(r.getString("channels[1].refunded.amount")).isEqualTo("0.00");
        assertThat(r.getString("channels[3].returnRate")).isNull();
        assertThat(r.getList("returnPaths")).containsExactlyInAnyOrder(
                Map.of("purchaseChannel", "WEB", "returnChannel", "STAFF", "returns", 1, "refunded", Map.of("amount", "30.00")),
                Map.of("purchaseChannel", "WEB", "returnChannel", "WEB", "returns", 1, "refunded", Map.of("amount", "0.00")));
    }
}
