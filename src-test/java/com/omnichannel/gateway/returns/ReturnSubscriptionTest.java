package com.omnichannel.gateway.returns;

import static com.omnichannel.gateway.checkout.Checkouts.customerCart;
import static com.omnichannel.gateway.checkout.Checkouts.line;
import static com.omnichannel.gateway.checkout.Checkouts.payInStore;
import static com.omnichannel.gateway.checkout.Checkouts.pickup;
import static com.omnichannel.gateway.checkout.Checkouts.placed;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.GraphQLWebSocket;
import com.omnichannel.gateway.support.TestData;
import com.omnichannel.gateway.support.Tokens;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** returnUpdated over WebSocket: the owner hears each change of the return, staff's included; nobody else may listen. */
@QuarkusTest
class ReturnSubscriptionTest {

    static final String SUBSCRIBE = "subscription($id: ID!) { returnUpdated(returnId: $id) { id status nextStatuses } }";

    @Inject
    TestData data;

    @Inject
    Vertx vertx;

    @TestHTTPResource("/graphql")
    URI endpoint;

    @Test
    void the_owner_hears_the_approval_and_a_stranger_cannot_listen() throws Exception {
        String token = Tokens.customer("customer-" + UUID.randomUUID());
        var store = data.store("Return subscription store", 52.1, 13.1);
        var product = data.product("Return subscription kettle", null, 2500);
        data.stock(product.variant(0), store, 5);
        JsonPath order = placed(customerCart(GraphQL.as(token), line(product.variant(0), 1)), pickup(store), payInStore());
        GraphQL staff = GraphQL.as(Tokens.staff());
        for (String status : List.of("CONFIRMED", "READY_FOR_PICKUP", "PICKED_UP")) {
            staff.ok(ReturnTest.ORDER_STATUS, "input", Map.of("orderId", order.getString("id"), "status", status));
        }
        String returnId = GraphQL.as(token).ok(ReturnTest.REQUEST, "input", ReturnTest.request(order.getString("id"), "DROP_OFF",
                ReturnTest.returned(order.getString("lines[0].id"), 1))).getString("data.returnRequest.return.id");

        try (GraphQLWebSocket phone = new GraphQLWebSocket(vertx, endpoint, token)) {
            phone.subscribe("1", SUBSCRIBE, Map.of("id", returnId));
            Thread.sleep(500); // let the subscription start before the change
            staff.ok(ReturnTest.STATUS, "input", Map.of("returnId", returnId, "status", "APPROVED"));
            JsonObject update = phone.next();
            assertThat(update.getString("type")).isEqualTo("next");
            JsonObject changed = update.getJsonObject("payload").getJsonObject("data").getJsonObject("returnUpdated");
            assertThat(changed.getString("id")).isEqualTo(returnId);
            assertThat(changed.getString("status")).isEqualTo("APPROVED");
        }
        try (GraphQLWebSocket stranger = new GraphQLWebSocket(vertx, endpoint, Tokens.customer("customer-" + UUID.randomUUID()))) {
            stranger.subscribe("1", SUBSCRIBE, Map.of("id", returnId));
            assertThat(stranger.next().encode()).doesNotContain("\"status\"").contains("NOT_FOUND");
        }
    }
}
