package com.omnichannel.gateway.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.GraphQLWebSocket;
import com.omnichannel.gateway.support.TestData;
import com.omnichannel.gateway.support.Tokens;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.jwt.build.Jwt;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** stockChanged and lowStockAlerts over WebSocket, and WebSocket authentication. */
@QuarkusTest
class StockSubscriptionTest {

    static final String STOCK = "subscription($loc: ID, $variants: [ID!]) { stockChanged(locationId: $loc, variantIds: $variants) {"
            + " available onHand reserved lowStock location { id } variant { id } } }";
    static final String ALERTS = "subscription($loc: ID!) { lowStockAlerts(locationId: $loc) { available lowStockThreshold variant { sku } } }";
    static final String ADJUST = """
            mutation($input: StockAdjustInput!) { stockAdjust(input: $input) { userErrors { code } } }""";

    @Inject
    TestData data;

    @Inject
    Vertx vertx;

    @TestHTTPResource("/graphql")
    URI endpoint;

    @Test
    void a_kiosk_sees_the_stock_of_its_store_change_when_an_order_reserves_it() throws Exception {
        var store = data.store("Live stock store", 52.0, 13.0);
        var product = data.product("Live stock shoe", null, 5000, 5100);
        data.stock(product.variant(0), store, 5);
        data.stock(product.variant(1), store, 5);

        // The kiosk authenticates in connection_init, as a browser-based kiosk app must.
        try (GraphQLWebSocket kiosk = new GraphQLWebSocket(vertx, endpoint, null, Tokens.kiosk(store.id()))) {
            kiosk.subscribe("1", STOCK, Map.of("variants", List.of(product.variant(0).id())));
            Thread.sleep(500);
            String cart = GraphQL.anonymous().ok("mutation($i: CartCreateInput) { cartCreate(input: $i) { cart { id } cartToken } }",
                    "i", Map.of("lines", List.of(Map.of("variantId", product.variant(1).id(), "quantity", 1),
                            Map.of("variantId", product.variant(0).id(), "quantity", 2)))).prettify();
            JsonPath created = new JsonPath(cart);
            JsonPath placed = GraphQL.anonymous().header("X-Cart-Token", created.getString("data.cartCreate.cartToken")).ok("""
                    mutation($input: CheckoutCompleteInput!) { checkoutComplete(input: $input) { order { number } userErrors { code } } }""",
                    "input", Map.of("cartId", created.getString("data.cartCreate.cart.id"), "idempotencyKey", UUID.randomUUID().toString(),
                            "email", "live@example.com", "fulfilment", Map.of("type", "PICKUP", "storeId", store.id()),
                            "payment", Map.of("method", "PAY_IN_STORE")));
            assertThat(placed.getList("data.checkoutComplete.userErrors")).isEmpty();

            JsonObject update = kiosk.next();
            assertThat(update.getString("type")).as(update.encode()).isEqualTo("next");
            JsonObject level = update.getJsonObject("payload").getJsonObject("data").getJsonObject("stockChanged");
            // Only the subscribed variant, at the kiosk's own store.
            assertThat(level.getJsonObject("variant").getString("id")).isEqualTo(product.variant(0).id());
            assertThat(level.getJsonObject("location").getString("id")).isEqualTo(store.id());
            assertThat(level.getInteger("available")).isEqualTo(3);
            assertThat(level.getInteger("reserved")).isEqualTo(2);
        }
    }

    @Test
    void staff_are_alerted_when_stock_falls_to_its_threshold_and_customers_may_not_listen() throws Exception {
        var warehouse = data.warehouse("Alert warehouse", 51.0, 9.0);
        var product = data.product("Alert lamp", null, 2000);
        data.stock(product.variant(0), warehouse, 6);
        GraphQL staff = GraphQL.as(Tokens.staff());

        try (GraphQLWebSocket manager = new GraphQLWebSocket(vertx, endpoint, Tokens.staff())) {
            manager.subscribe("1", ALERTS, Map.of("loc", warehouse.id()));
            Thread.sleep(500);
            // 6 → 5: not low yet (default threshold 3); 5 → 2: low.
            adjust(staff, product.variant(0), warehouse, -1);
            adjust(staff, product.variant(0), warehouse, -3);
            JsonObject alert = manager.next();
            JsonObject level = alert.getJsonObject("payload").getJsonObject("data").getJsonObject("lowStockAlerts");
            assertThat(level.getInteger("available")).isEqualTo(2);
            assertThat(level.getInteger("lowStockThreshold")).isEqualTo(3);
            assertThat(level.getJsonObject("variant").getString("sku")).isEqualTo(product.variant(0).sku());
        }

        try (GraphQLWebSocket customer = new GraphQLWebSocket(vertx, endpoint, Tokens.customer("customer-" + UUID.randomUUID()))) {
            customer.subscribe("1", ALERTS, Map.of("loc", warehouse.id()));
            assertThat(customer.next().encode()).contains("FORBIDDEN").doesNotContain("lowStockThreshold\":");
        }
    }

    @Test
    void variant_ids_are_the_opaque_ids_of_the_api_and_raw_keys_are_refused_by_name() throws Exception {
        JsonPath argument = GraphQL.anonymous().ok("""
                { __type(name: "Subscription") { fields { name args { name type { kind ofType { kind name } } } } } }""");
        String variantIds = "data.__type.fields.find { it.name == 'stockChanged' }.args.find { it.name == 'variantIds' }.type";
        assertThat(argument.getString(variantIds + ".kind")).isEqualTo("LIST");
        assertThat(argument.getString(variantIds + ".ofType.kind")).isEqualTo("NON_NULL");

        var store = data.store("Opaque ids store", 52.0, 13.0);
        var product = data.product("Opaque ids boot", null, 7000);
        data.stock(product.variant(0), store, 5);
        try (GraphQLWebSocket staff = new GraphQLWebSocket(vertx, endpoint, Tokens.staff())) {
            staff.subscribe("opaque", STOCK, Map.of("loc", store.id(), "variants", List.of(product.variant(0).id())));
            Thread.sleep(500);
            adjust(GraphQL.as(Tokens.staff()), product.variant(0), store, -1);
            JsonObject update = staff.next();
            assertThat(update.getString("type")).as(update.encode()).isEqualTo("next");
            assertThat(update.getJsonObject("payload").getJsonObject("data").getJsonObject("stockChanged")
                    .getJsonObject("variant").getString("id")).isEqualTo(product.variant(0).id());

            // The bare database key, as some early clients sent, and an id of another type.
            staff.subscribe("raw", STOCK, Map.of("loc", store.id(), "variants", List.of(String.valueOf(product.variant(0).key()))));
            assertThat(untilComplete(staff, "raw")).contains("BAD_USER_INPUT").contains("ProductVariant.id");
            staff.subscribe("other", STOCK, Map.of("loc", store.id(), "variants", List.of(store.id())));
            assertThat(untilComplete(staff, "other")).contains("BAD_USER_INPUT").contains("ProductVariant.id");
        }
    }

    @Test
    void a_socket_is_closed_when_its_token_expires() throws Exception {
        String shortLived = Jwt.issuer(ConfigProvider.getConfig().getValue("mp.jwt.verify.issuer", String.class))
                .subject("staff-short").groups(Set.of("staff")).expiresIn(Duration.ofSeconds(3)).sign();
        var warehouse = data.warehouse("Expiry warehouse", 51.0, 9.0);
        try (GraphQLWebSocket socket = new GraphQLWebSocket(vertx, endpoint, null, shortLived)) {
            socket.subscribe("1", ALERTS, Map.of("loc", warehouse.id()));
            // 1008: policy violation, the WebSocket code Quarkus closes with when the authentication expires.
            assertThat(socket.closeCode(15)).isEqualTo(1008);
        }
    }

    /** The messages of one subscription up to its end, as one text. */
    private static String untilComplete(GraphQLWebSocket socket, String id) throws InterruptedException {
        StringBuilder seen = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            JsonObject message = socket.next();
            if (id.equals(message.getString("id"))) {
                seen.append(message.encode());
                if (!"next".equals(message.getString("type"))) {
                    break;
                }
            }
        }
        return seen.toString();
    }

    private static void adjust(GraphQL staff, TestData.VariantRef variant, TestData.Ref location, int delta) {
        JsonPath r = staff.ok(ADJUST, "input", Map.of("variantId", variant.id(), "locationId", location.id(), "delta", delta,
                "reason", "test"));
        assertThat(r.getList("data.stockAdjust.userErrors")).isEmpty();
    }
}
