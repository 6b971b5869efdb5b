package com.omnichannel.gateway.order;

import static com.omnichannel.gateway.checkout.Checkouts.customerCart;
import static com.omnichannel.gateway.checkout.Checkouts.line;
import static com.omnichannel.gateway.checkout.Checkouts.payInStore;
import static com.omnichannel.gateway.checkout.Checkouts.pickup;
import static com.omnichannel.gateway.checkout.Checkouts.placed;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
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

/** orderStatusChanged over WebSocket: the owner and staff hear of every status change; nobody else may listen. */
@QuarkusTest
class OrderSubscriptionTest {

    static final String SUBSCRIBE = "subscription($id: ID!) { orderStatusChanged(orderId: $id) { number status nextStatuses } }";

    @Inject
    TestData data;

    @Inject
    Vertx vertx;

    @TestHTTPResource("/graphql")
    URI endpoint;

    @Test
    void the_owner_hears_each_status_change_made_by_staff() throws Exception {
        String customerId = "customer-" + UUID.randomUUID();
        String token = Tokens.customer(customerId);
        var store = data.store("Subscription store", 52.0, 13.0);
        var product = data.product("Subscription plant", null, 1500);
        data.stock(product.variant(0), store, 5);
        JsonPath order = placed(customerCart(GraphQL.as(token), line(product.variant(0), 1)), pickup(store), payInStore());

        try (GraphQLWebSocket phone = new GraphQLWebSocket(vertx, endpoint, token)) {
            phone.subscribe("1", SUBSCRIBE, Map.of("id", order.getString("id")));
            Thread.sleep(500); // let the subscription start before the change
            GraphQL.as(Tokens.staff()).ok(OrderLifecycleTest.STATUS, "input", Map.of("orderId", order.getString("id"), "status", "CONFIRMED"));
            JsonObject update = phone.next();
            assertThat(update.getString("type")).isEqualTo("next");
            JsonObject changed = update.getJsonObject("payload").getJsonObject("data").getJsonObject("orderStatusChanged");
            assertThat(changed.getString("number")).isEqualTo(order.getString("number"));
            assertThat(changed.getString("status")).isEqualTo("CONFIRMED");
        }
    }

    @Test
    void another_customer_cannot_listen_to_an_order() throws Exception {
        String ownerToken = Tokens.customer("customer-" + UUID.randomUUID());
        var store = data.store("Subscription private store", 52.0, 13.0);
        var product = data.product("Subscription private plant", null, 1500);
        data.stock(product.variant(0), store, 5);
        JsonPath order = placed(customerCart(GraphQL.as(ownerToken), line(product.variant(0), 1)), pickup(store), payInStore());

        try (GraphQLWebSocket stranger = new GraphQLWebSocket(vertx, endpoint, Tokens.customer("customer-" + UUID.randomUUID()))) {
            stranger.subscribe("1", SUBSCRIBE, Map.of("id", order.getString("id")));
            JsonObject answer = stranger.next();
            assertThat(answer.encode()).doesNotContain("\"status\"").contains("NOT_FOUND");
        }
    }
}
