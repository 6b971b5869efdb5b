package com.omnichannel.gateway.platform;

import static com.omnichannel.gateway.platform.CartOperationScenarios.read;
import static com.omnichannel.gateway.platform.CartOperationScenarios.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.support.Accounts;
import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.GraphQLWebSocket;
import com.omnichannel.gateway.support.TestData;
import com.omnichannel.gateway.support.TestData.ProductRef;
import com.omnichannel.gateway.support.TestData.Ref;
import com.omnichannel.gateway.support.Tokens;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Trusted operations only, on every channel at once (the strictest production setting): the kiosk journey
 * (scan, cart, coupon, pickup here, hand-off) and the app journey (sign in, claim the hand-off, check out for
 * pickup, follow the order) run from start to end with nothing but the committed operations of
 * {@code graphql-schema/operations/}; staff set up the coupon and move the order with theirs.
 */
@QuarkusTest
@TestProfile(TrustedOperationsJourneyTest.TrustedOnlyEverywhere.class)
class TrustedOperationsJourneyTest {

    public static class TrustedOnlyEverywhere implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("app.graphql.trusted-operations-only.web", "true",
                    "app.graphql.trusted-operations-only.mobile", "true",
                    "app.graphql.trusted-operations-only.kiosk", "true",
                    "app.graphql.trusted-operations-only.staff", "true",
                    "app.graphql.schema-endpoint-enabled", "false",
                    "app.graphql.introspection-enabled", "false");
        }
    }

    @Inject
    TestData data;

    @Inject
    RedisDataSource redis;

    @Inject
    Vertx vertx;

    @TestHTTPResource("/graphql")
    URI endpoint;

    @Test
    void a_kiosk_cart_goes_to_the_phone_and_is_collected_in_store_with_committed_operations_only() throws Exception {
        Ref store = data.store(TestData.unique("Journey store"), 48.14, 11.58);
        ProductRef boots = data.product(TestData.unique("Journey boots"), null, 7999);
        ProductRef laces = data.product(TestData.unique("Journey laces"), null, 499);
        data.stock(boots.variant(0), store, 5);
        data.stock(laces.variant(0), store, 40);
        String coupon = "JY" + TestData.unique("X").substring(2).toUpperCase();
        GraphQL staff = GraphQL.as(Tokens.staff());
        JsonPath promotion = run(staff, read("staff/CreatePromotion.graphql"), "input", Map.of("name", "Journey fiver",
                "kind", "FIXED_AMOUNT", "amountOff", "5.00", "code", coupon, "channels", List.of("KIOSK", "MOBILE")));
        assertThat(promotion.getList("data.promotionCreate.userErrors")).isEmpty();

        // ---- at the kiosk: scan, cart, coupon, pickup here, hand-off
        GraphQL kiosk = GraphQL.as(Tokens.kiosk(store.id()));
        JsonPath viewer = run(kiosk, read("kiosk/KioskViewer.graphql"));
        assertThat(viewer.getString("data.viewer.store.id")).isEqualTo(store.id());

        JsonPath scanned = run(kiosk, read("kiosk/ScanBarcode.graphql"), "barcode", boots.variant(0).barcode(), "nearbyStoreCount", 3);
        assertThat(scanned.getInt("data.productVariant.availabilityHere.available")).isEqualTo(5);
        String bootsId = scanned.getString("data.productVariant.id");

        JsonPath started = run(kiosk, read("kiosk/StartCart.graphql"), "input", Map.of("lines", List.of(line(bootsId, 1))));
        String cartId = started.getString("data.cartCreate.cart.id");
        kiosk.header("X-Cart-Token", started.getString("data.cartCreate.cartToken"));

        JsonPath added = run(kiosk, read("kiosk/AddToCart.graphql"), "cartId", cartId, "expectedVersion",
                started.getLong("data.cartCreate.cart.version"), "lines", List.of(line(laces.variant(0).id(), 3)));
        assertThat(added.getList("data.cartLinesAdd.userErrors")).isEmpty();
        String lacesLine = added.getString("data.cartLinesAdd.cart.lines.find { it.variant.id == '" + laces.variant(0).id() + "' }.id");
        JsonPath fewer = run(kiosk, read("kiosk/UpdateCartLine.graphql"), "cartId", cartId, "expectedVersion", null,
                "lines", List.of(Map.of("lineId", lacesLine, "quantity", 2)));
        assertThat(fewer.getString("data.cartLinesUpdate.cart.subtotal.amount")).isEqualTo("89.97");

        JsonPath discounted = run(kiosk, read("kiosk/ApplyCoupon.graphql"), "cartId", cartId, "code", coupon, "expectedVersion", null);
        assertThat(discounted.getList("data.cartCouponApply.userErrors")).isEmpty();
        assertThat(discounted.getString("data.cartCouponApply.cart.discounts.subtotalAfterDiscounts.amount")).isEqualTo("84.97");

        JsonPath pickup = run(kiosk, read("kiosk/PickUpHere.graphql"), "cartId", cartId, "storeId", store.id(), "expectedVersion", null);
        assertThat(pickup.getString("data.cartFulfilmentSet.cart.fulfilment.store.id")).isEqualTo(store.id());
        assertThat(run(kiosk, read("kiosk/KioskCart.graphql"), "id", cartId).getInt("data.cart.itemCount")).isEqualTo(3);

        String code = run(kiosk, read("kiosk/HandOffCart.graphql"), "cartId", cartId).getString("data.cartHandoffCreate.handoff.code");
        assertThat(code).matches("[A-Z0-9]{4}-[A-Z0-9]{4}");

        // ---- on the phone: register on the web once, sign in in the app, claim, check out for pickup, follow the order
        String email = Accounts.uniqueEmail();
        JsonPath registered = run(GraphQL.anonymous().channel("WEB"), read("web/Register.graphql"),
                "input", Accounts.registration(email));
        assertThat(registered.getList("data.customerRegister.userErrors")).isEmpty();
        redis.key().del(Accounts.addressAttemptKeys().toArray(String[]::new));
        JsonPath signedIn = run(GraphQL.anonymous().channel("MOBILE"), read("mobile/SignIn.graphql"),
                "email", email, "password", Accounts.PASSWORD);
        String accessToken = signedIn.getString("data.customerSignIn.tokens.accessToken");
        GraphQL app = GraphQL.as(accessToken).channel("MOBILE");

        JsonPath claimed = run(app, read("mobile/ClaimHandoff.graphql"), "code", code);
        assertThat(claimed.getList("data.cartHandoffClaim.userErrors")).isEmpty();
        assertThat(claimed.getString("data.cartHandoffClaim.cart.couponCode")).isEqualTo(coupon);
        String appCartId = claimed.getString("data.cartHandoffClaim.cart.id");

        JsonPath mine = run(app, read("mobile/MyCart.graphql"));
        assertThat(mine.getString("data.myCart.id")).isEqualTo(appCartId);
        assertThat(mine.getList("data.myCart.lines.channel")).containsOnly("KIOSK");

        run(app, read("mobile/ChoosePickupStore.graphql"), "cartId", appCartId, "storeId", store.id(), "expectedVersion", null);
        JsonPath placed = run(app, read("mobile/Checkout.graphql"), "input", Map.of("cartId", appCartId,
                "idempotencyKey", UUID.randomUUID().toString(), "fulfilment", Map.of("type", "PICKUP", "storeId", store.id()),
                "payment", Map.of("method", "PAY_IN_STORE")));
        assertThat(placed.getList("data.checkoutComplete.userErrors")).isEmpty();
        assertThat(placed.getString("data.checkoutComplete.order.total.amount")).isEqualTo("84.97");
        assertThat(placed.getString("data.checkoutComplete.order.fulfilment.store.id")).isEqualTo(store.id());
        String orderId = placed.getString("data.checkoutComplete.order.id");

        try (GraphQLWebSocket follow = new GraphQLWebSocket(vertx, endpoint, null, accessToken, "MOBILE")) {
            follow.subscribe("order", read("mobile/OrderStatusChanged.graphql"), Map.of("orderId", orderId));
            Thread.sleep(300);
            JsonPath confirmed = run(GraphQL.as(Tokens.staff()), read("staff/OrderStatusUpdate.graphql"),
                    "orderId", orderId, "status", "CONFIRMED", "note", null);
            assertThat(confirmed.getList("data.orderStatusUpdate.userErrors")).isEmpty();
            JsonObject message = follow.next();
            assertThat(message.getString("type")).as(message.encode()).isEqualTo("next");
            assertThat(message.getJsonObject("payload").getJsonObject("data").getJsonObject("orderStatusChanged").getString("status"))
                    .isEqualTo("CONFIRMED");
        }
        JsonPath tracked = run(app, read("mobile/OrderTracking.graphql"), "id", orderId);
        assertThat(tracked.getString("data.order.status")).isEqualTo("CONFIRMED");
        assertThat(tracked.getList("data.order.timeline.toStatus")).contains("PLACED", "CONFIRMED");

        JsonPath points = run(app, read("mobile/MyLoyalty.graphql"), "first", 5, "after", null);
        assertThat(points.getString("data.me.loyalty.tier")).isEqualTo("BRONZE");
    }

    @Test
    void every_channel_refuses_what_its_app_did_not_commit() {
        String other = "query { viewer { channel } }";
        for (GraphQL client : List.of(GraphQL.anonymous().channel("WEB"), GraphQL.anonymous().channel("MOBILE"),
                GraphQL.as(Tokens.staff()), GraphQL.as(Tokens.kiosk(data.store(TestData.unique("Refusing store"), 48.1, 11.5).id())))) {
            var response = client.post(other);
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.jsonPath().getString("errors[0].extensions.code")).isEqualTo("OPERATION_NOT_ALLOWED");
        }
        // an operation of another client is refused too: the web's sign-in is not the app's
        var appSendsWebDocument = GraphQL.anonymous().channel("MOBILE").post(read("web/SignIn.graphql"),
                "email", "nobody@example.com", "password", "Wrong-password-1");
        assertThat(appSendsWebDocument.statusCode()).isEqualTo(403);
    }

    private static Map<String, Object> line(String variantId, int quantity) {
        return Map.of("variantId", variantId, "quantity", quantity);
    }
}
