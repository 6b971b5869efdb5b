package com.omnichannel.gateway.cart;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.GraphQLWebSocket;
import com.omnichannel.gateway.support.TestData;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** cartUpdated over WebSocket with the graphql-transport-ws protocol, as a phone would use it. */
@QuarkusTest
class CartSubscriptionTest {

    @Inject
    TestData data;

    @Inject
    Vertx vertx;

    @TestHTTPResource("/graphql")
    URI endpoint;

    static final String SUBSCRIBE = "subscription($id: ID!, $token: String) { cartUpdated(cartId: $id, cartToken: $token) { version lines { quantity } } }";

    @Test
    void a_subscriber_receives_the_cart_after_each_change_made_elsewhere() throws Exception {
        var product = data.product("Live cart", null, 1000);
        JsonPath created = GraphQL.anonymous().ok(CartTest.CREATE, "input",
                Map.of("lines", List.of(Map.of("variantId", product.variant(0).id(), "quantity", 1))));
        String cartId = created.getString("data.cartCreate.cart.id");
        String token = created.getString("data.cartCreate.cartToken");

        try (GraphQLWebSocket phone = new GraphQLWebSocket(vertx, endpoint, null)) {
            phone.subscribe("1", SUBSCRIBE, Map.of("id", cartId, "token", token));
            Thread.sleep(500); // let the subscription start before the edit
            GraphQL.anonymous().header("X-Cart-Token", token).ok(CartTest.ADD, "input",
                    Map.of("cartId", cartId, "lines", List.of(Map.of("variantId", product.variant(0).id(), "quantity", 2))));
            JsonObject update = phone.next();
            assertThat(update.getString("type")).isEqualTo("next");
            assertThat(update.getString("id")).isEqualTo("1");
            JsonObject cart = update.getJsonObject("payload").getJsonObject("data").getJsonObject("cartUpdated");
            assertThat(cart.getLong("version")).isEqualTo(2);
            assertThat(cart.getJsonArray("lines").getJsonObject(0).getInteger("quantity")).isEqualTo(3);
        }
    }

    @Test
    void subscribing_without_the_right_to_read_the_cart_is_refused() throws Exception {
        var product = data.product("Private cart", null, 1000);
        String cartId = GraphQL.anonymous().ok(CartTest.CREATE, "input",
                Map.of("lines", List.of(Map.of("variantId", product.variant(0).id(), "quantity", 1))))
                .getString("data.cartCreate.cart.id");
        try (GraphQLWebSocket stranger = new GraphQLWebSocket(vertx, endpoint, null)) {
            stranger.subscribe("1", SUBSCRIBE, Map.of("id", cartId, "token", "wrong-token"));
            JsonObject answer = stranger.next();
            assertThat(answer.encode()).doesNotContain("lines");
            assertThat(answer.encode()).contains("FORBIDDEN");
        }
    }
}
