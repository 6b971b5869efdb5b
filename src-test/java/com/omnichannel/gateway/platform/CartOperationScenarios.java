package com.omnichannel.gateway.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.omnichannel.gateway.platform.ClientOperationsTest.Fixture;
import com.omnichannel.gateway.platform.ClientOperationsTest.Scenario;
import com.omnichannel.gateway.support.Accounts;
import com.omnichannel.gateway.support.Accounts.Account;
import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.GraphQLWebSocket;
import com.omnichannel.gateway.support.TestData;
import com.omnichannel.gateway.support.Tokens;

import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * The scenarios of the cart operations (web, kiosk) and of the mobile app, for {@link ClientOperationsTest}: each
 * builds its cart through the committed operations themselves, as the client does, and checks the answer.
 */
final class CartOperationScenarios {

    private final Fixture f;
    private final Vertx vertx;
    private final URI endpoint;
    private final Runnable forgetSignInAttempts;

    private CartOperationScenarios(Fixture f, Vertx vertx, URI endpoint, Runnable forgetSignInAttempts) {
        this.f = f;
        this.vertx = vertx;
        this.endpoint = endpoint;
        this.forgetSignInAttempts = forgetSignInAttempts;
    }

    static Map<String, Scenario> scenarios(Fixture f, Vertx vertx, URI endpoint, Runnable forgetSignInAttempts) {
        return new CartOperationScenarios(f, vertx, endpoint, forgetSignInAttempts).all();
    }

    /** A cart started through an operation file, with the client that holds it (the cart token, or the owner's token). */
    record StartedCart(String id, long version, GraphQL holder) {
    }

    private Map<String, Scenario> all() {
        Map<String, Scenario> s = new LinkedHashMap<>();

        // ---- web

        s.put("web/CreateCart.graphql", (client, op) -> {
            JsonPath r = run(client, op, "input", Map.of("lines", List.of(line(f.socks().variant(0).id(), 2))));
            assertThat(r.getList("data.cartCreate.userErrors")).isEmpty();
            assertThat(r.getInt("data.cartCreate.cart.itemCount")).isEqualTo(2);
            assertThat(r.getString("data.cartCreate.cart.subtotal.amount")).isEqualTo("39.98");
            assertThat(r.getString("data.cartCreate.cartToken")).isNotBlank();
        });

        s.put("web/AddToCart.graphql", (client, op) -> {
            StartedCart cart = startCart("web/CreateCart.graphql", GraphQL.anonymous().channel("WEB"), f.socks().variant(0).id(), 1);
            JsonPath r = run(cart.holder(), op, "cartId", cart.id(), "expectedVersion", cart.version(),
                    "lines", List.of(line(f.jacket().variant(0).id(), 1), line(f.socks().variant(0).id(), 1)));
            assertThat(r.getList("data.cartLinesAdd.userErrors")).isEmpty();
            assertThat(r.getList("data.cartLinesAdd.cart.lines.variant.id", String.class))
                    .containsExactly(f.socks().variant(0).id(), f.jacket().variant(0).id());
            assertThat(r.getList("data.cartLinesAdd.cart.lines.quantity", Integer.class)).containsExactly(2, 1);
            assertThat(r.getString("data.cartLinesAdd.cart.subtotal.amount")).isEqualTo("129.97");
            JsonPath stale = run(cart.holder(), op, "cartId", cart.id(), "expectedVersion", cart.version(),
                    "lines", List.of(line(f.socks().variant(0).id(), 1)));
            assertThat(stale.getString("data.cartLinesAdd.userErrors[0].code")).isEqualTo("CART_VERSION_CONFLICT");
        });

        s.put("web/CartPage.graphql", (client, op) -> {
            StartedCart cart = startCart("web/CreateCart.graphql", GraphQL.anonymous().channel("WEB"), f.jacket().variant(1).id(), 3);
            run(cart.holder(), read("web/ChooseFulfilment.graphql"), "cartId", cart.id(), "type", "PICKUP", "storeId", f.here().id(),
                    "expectedVersion", null);
            JsonPath r = run(cart.holder(), op, "id", cart.id());
            assertThat(r.getString("data.cart.fulfilment.store.id")).isEqualTo(f.here().id());
            assertThat(r.getList("data.cart.channels")).containsExactly("WEB");
            assertThat(r.getInt("data.cart.lines[0].available")).isEqualTo(2);
            assertThat(r.getString("data.cart.lines[0].channel")).isEqualTo("WEB");
            assertThat(r.getString("data.cart.lines[0].unitPrice.amount")).isEqualTo("99.99");
            assertThat(r.getString("data.cart.lines[0].subtotal.amount")).isEqualTo("299.97");
            assertThat(r.getString("data.cart.lines[0].discount.amount")).isEqualTo("0.00");
            assertThat(r.getString("data.cart.lines[0].total.amount")).isEqualTo("299.97");
            assertThat(r.getString("data.cart.lines[0].variant.product.id")).isEqualTo(f.jacket().id());
            assertThat(r.getList("data.cart.lines[0].warnings.code")).containsExactly("NOT_ENOUGH_STOCK");
            assertThat(r.getInt("data.cart.loyaltyPointsToEarn")).isEqualTo(299);
        });

        s.put("web/UpdateCartLine.graphql", (client, op) -> {
            StartedCart cart = startCart("web/CreateCart.graphql", GraphQL.anonymous().channel("WEB"), f.socks().variant(0).id(), 1);
            String lineId = lineIds(cart).get(0);
            JsonPath r = run(cart.holder(), op, "cartId", cart.id(), "expectedVersion", cart.version(),
                    "lines", List.of(Map.of("lineId", lineId, "quantity", 4)));
            assertThat(r.getList("data.cartLinesUpdate.userErrors")).isEmpty();
            assertThat(r.getInt("data.cartLinesUpdate.cart.lines[0].quantity")).isEqualTo(4);
            assertThat(r.getString("data.cartLinesUpdate.cart.lines[0].total.amount")).isEqualTo("79.96");
            JsonPath removed = run(cart.holder(), op, "cartId", cart.id(), "expectedVersion", null,
                    "lines", List.of(Map.of("lineId", lineId, "quantity", 0)));
            assertThat(removed.getList("data.cartLinesUpdate.cart.lines")).isEmpty();
            assertThat(removed.getInt("data.cartLinesUpdate.cart.itemCount")).isZero();
        });

        s.put("web/RemoveCartLine.graphql", (client, op) -> {
            StartedCart cart = startCart("web/CreateCart.graphql", GraphQL.anonymous().channel("WEB"), f.socks().variant(0).id(), 1);
            JsonPath r = run(cart.holder(), op, "cartId", cart.id(), "lineIds", lineIds(cart), "expectedVersion", cart.version());
            assertThat(r.getList("data.cartLinesRemove.userErrors")).isEmpty();
            assertThat(r.getList("data.cartLinesRemove.cart.lines")).isEmpty();
            assertThat(r.getString("data.cartLinesRemove.cart.subtotal.amount")).isEqualTo("0.00");
        });

        s.put("web/ChooseFulfilment.graphql", (client, op) -> {
            StartedCart cart = startCart("web/CreateCart.graphql", GraphQL.anonymous().channel("WEB"), f.jacket().variant(0).id(), 1);
            JsonPath r = run(cart.holder(), op, "cartId", cart.id(), "type", "PICKUP", "storeId", f.nearby().id(),
                    "expectedVersion", cart.version());
            assertThat(r.getList("data.cartFulfilmentSet.userErrors")).isEmpty();
            assertThat(r.getString("data.cartFulfilmentSet.cart.fulfilment.type")).isEqualTo("PICKUP");
            assertThat(r.getString("data.cartFulfilmentSet.cart.fulfilment.store.id")).isEqualTo(f.nearby().id());
            assertThat(r.getInt("data.cartFulfilmentSet.cart.lines[0].available")).isEqualTo(4);
            JsonPath noStore = run(cart.holder(), op, "cartId", cart.id(), "type", "PICKUP", "storeId", null, "expectedVersion", null);
            assertThat(noStore.getString("data.cartFulfilmentSet.userErrors[0].field")).contains("storeId");
        });

        s.put("web/AttachCartAfterSignIn.graphql", (client, op) -> {
            JsonPath created = run(GraphQL.anonymous().channel("WEB"), read("web/CreateCart.graphql"),
                    "input", Map.of("lines", List.of(line(f.socks().variant(0).id(), 2))));
            Account account = Accounts.register();
            GraphQL signedIn = account.client().channel("WEB").header("X-Cart-Token", created.getString("data.cartCreate.cartToken"));
            JsonPath r = run(signedIn, op, "cartId", created.getString("data.cartCreate.cart.id"), "mode", "MERGE");
            assertThat(r.getList("data.cartAttachToCustomer.userErrors")).isEmpty();
            assertThat(r.getInt("data.cartAttachToCustomer.cart.itemCount")).isEqualTo(2);
            JsonPath mine = run(account.client().channel("MOBILE"), read("mobile/MyCart.graphql"));
            assertThat(mine.getString("data.myCart.id")).isEqualTo(r.getString("data.cartAttachToCustomer.cart.id"));
        });

        // ---- kiosk (token bound to f.here(); the kiosk holds its cart by the cart token)

        s.put("kiosk/StartCart.graphql", (client, op) -> {
            JsonPath r = run(client, op, "input", Map.of("lines", List.of(line(f.jacket().variant(0).id(), 1))));
            assertThat(r.getList("data.cartCreate.userErrors")).isEmpty();
            assertThat(r.getString("data.cartCreate.cart.lines[0].channel")).isEqualTo("KIOSK");
            assertThat(r.getString("data.cartCreate.cart.subtotal.amount")).isEqualTo("89.99");
            assertThat(r.getString("data.cartCreate.cartToken")).isNotBlank();
        });

        s.put("kiosk/AddToCart.graphql", (client, op) -> {
            StartedCart cart = startCart("kiosk/StartCart.graphql", kiosk(), f.jacket().variant(0).id(), 1);
            JsonPath r = run(cart.holder(), op, "cartId", cart.id(), "expectedVersion", cart.version(),
                    "lines", List.of(line(f.jacket().variant(0).id(), 1)));
            assertThat(r.getList("data.cartLinesAdd.userErrors")).isEmpty();
            assertThat(r.getInt("data.cartLinesAdd.cart.lines[0].quantity")).isEqualTo(2);
            assertThat(r.getString("data.cartLinesAdd.cart.lines[0].total.amount")).isEqualTo("179.98");
        });

        s.put("kiosk/UpdateCartLine.graphql", (client, op) -> {
            StartedCart cart = startCart("kiosk/StartCart.graphql", kiosk(), f.socks().variant(0).id(), 1);
            JsonPath r = run(cart.holder(), op, "cartId", cart.id(), "expectedVersion", cart.version(),
                    "lines", List.of(Map.of("lineId", lineIds(cart).get(0), "quantity", 3)));
            assertThat(r.getList("data.cartLinesUpdate.userErrors")).isEmpty();
            assertThat(r.getString("data.cartLinesUpdate.cart.subtotal.amount")).isEqualTo("59.97");
            JsonPath tooMany = run(cart.holder(), op, "cartId", cart.id(), "expectedVersion", null,
                    "lines", List.of(Map.of("lineId", lineIds(cart).get(0), "quantity", 1000)));
            assertThat(tooMany.getList("data.cartLinesUpdate.userErrors")).isNotEmpty();
        });

        s.put("kiosk/RemoveCartLine.graphql", (client, op) -> {
            StartedCart cart = startCart("kiosk/StartCart.graphql", kiosk(), f.socks().variant(0).id(), 1);
            JsonPath r = run(cart.holder(), op, "cartId", cart.id(), "lineIds", lineIds(cart), "expectedVersion", null);
            assertThat(r.getList("data.cartLinesRemove.userErrors")).isEmpty();
            assertThat(r.getInt("data.cartLinesRemove.cart.itemCount")).isZero();
        });

        s.put("kiosk/KioskCart.graphql", (client, op) -> {
            StartedCart cart = startCart("kiosk/StartCart.graphql", kiosk(), f.jacket().variant(1).id(), 1);
            run(cart.holder(), read("kiosk/PickUpHere.graphql"), "cartId", cart.id(), "storeId", f.here().id(), "expectedVersion", null);
            JsonPath r = run(cart.holder(), op, "id", cart.id());
            assertThat(r.getString("data.cart.fulfilment.store.id")).isEqualTo(f.here().id());
            assertThat(r.getInt("data.cart.lines[0].available")).isEqualTo(2);
            assertThat(r.getList("data.cart.lines[0].warnings")).isEmpty();
            assertThat(r.getString("data.cart.lines[0].variant.product.name")).isEqualTo("Rain jacket " + f.searchWord());
            // without the cart token the kiosk is just another caller
            JsonPath other = kiosk().execute(op, "id", cart.id());
            assertThat(other.getString("data.cart")).isNull();
            if (other.get("errors") != null) {
                assertThat(other.getString("errors[0].extensions.code")).isIn("FORBIDDEN", "NOT_FOUND");
            }
        });

        s.put("kiosk/ApplyCoupon.graphql", (client, op) -> {
            String code = "KI" + TestData.unique("X").substring(2).toUpperCase();
            createPromotion(Map.of("name", "Kiosk tenner", "kind", "FIXED_AMOUNT", "amountOff", "10.00", "code", code,
                    "channels", List.of("KIOSK")));
            StartedCart cart = startCart("kiosk/StartCart.graphql", kiosk(), f.jacket().variant(0).id(), 1);
            JsonPath r = run(cart.holder(), op, "cartId", cart.id(), "code", code, "expectedVersion", cart.version());
            assertThat(r.getList("data.cartCouponApply.userErrors")).isEmpty();
            assertThat(r.getString("data.cartCouponApply.cart.couponCode")).isEqualTo(code);
            assertThat(r.getString("data.cartCouponApply.cart.discounts.total.amount")).isEqualTo("10.00");
            assertThat(r.getString("data.cartCouponApply.cart.discounts.subtotalAfterDiscounts.amount")).isEqualTo("79.99");
            // the same coupon from the web is refused: it is for kiosks only
            StartedCart web = startCart("web/CreateCart.graphql", GraphQL.anonymous().channel("WEB"), f.jacket().variant(0).id(), 1);
            JsonPath wrongChannel = run(web.holder(), read("web/ApplyCoupon.graphql"), "cartId", web.id(), "code", code,
                    "expectedVersion", null);
            assertThat(wrongChannel.getString("data.cartCouponApply.userErrors[0].code")).isEqualTo("COUPON_WRONG_CHANNEL");
        });

        s.put("kiosk/PickUpHere.graphql", (client, op) -> {
            StartedCart cart = startCart("kiosk/StartCart.graphql", kiosk(), f.jacket().variant(0).id(), 1);
            JsonPath r = run(cart.holder(), op, "cartId", cart.id(), "storeId", f.here().id(), "expectedVersion", cart.version());
            assertThat(r.getList("data.cartFulfilmentSet.userErrors")).isEmpty();
            assertThat(r.getString("data.cartFulfilmentSet.cart.fulfilment.type")).isEqualTo("PICKUP");
            assertThat(r.getInt("data.cartFulfilmentSet.cart.lines[0].available")).isEqualTo(7);
        });

        s.put("kiosk/HandOffCart.graphql", (client, op) -> {
            StartedCart cart = startCart("kiosk/StartCart.graphql", kiosk(), f.socks().variant(0).id(), 1);
            JsonPath r = run(cart.holder(), op, "cartId", cart.id());
            assertThat(r.getList("data.cartHandoffCreate.userErrors")).isEmpty();
            assertThat(r.getString("data.cartHandoffCreate.handoff.code")).matches("[A-Z0-9]{4}-[A-Z0-9]{4}");
            assertThat(r.getString("data.cartHandoffCreate.handoff.qrPayload"))
                    .isEqualTo("https://shop.example/handoff/" + r.getString("data.cartHandoffCreate.handoff.code").replace("-", ""));
        });

        // ---- mobile (the app sends X-Channel: MOBILE and, once signed in, the customer's access token)

        s.put("mobile/SignIn.graphql", (client, op) -> {
            forgetSignInAttempts.run();
            Account account = Accounts.register();
            JsonPath r = run(client, op, "email", account.email(), "password", account.password());
            assertThat(r.getList("data.customerSignIn.userErrors")).isEmpty();
            assertThat(r.getString("data.customerSignIn.customer.firstName")).isEqualTo("Erika");
            assertThat(r.getString("data.customerSignIn.tokens.refreshToken")).isNotBlank();
        });

        s.put("mobile/RefreshSession.graphql", (client, op) -> {
            Account account = Accounts.register();
            JsonPath r = run(client, op, "refreshToken", account.refreshToken());
            assertThat(r.getList("data.tokenRefresh.userErrors")).isEmpty();
            assertThat(r.getString("data.tokenRefresh.tokens.refreshToken")).isNotEqualTo(account.refreshToken());
        });

        s.put("mobile/MyCart.graphql", (client, op) -> {
            Account account = Accounts.register();
            assertThat(run(app(account), op).getString("data.myCart")).isNull();
            StartedCart cart = startCart("web/CreateCart.graphql", account.client().channel("WEB"), f.socks().variant(0).id(), 2);
            JsonPath r = run(app(account), op);
            assertThat(r.getString("data.myCart.id")).isEqualTo(cart.id());
            assertThat(r.getList("data.myCart.channels")).containsExactly("WEB");
            assertThat(r.getString("data.myCart.lines[0].channel")).isEqualTo("WEB");
            assertThat(r.getString("data.myCart.subtotal.amount")).isEqualTo("39.98");
        });

        s.put("mobile/CartUpdated.graphql", (client, op) -> {
            Account account = Accounts.register();
            StartedCart cart = startCart("web/CreateCart.graphql", account.client().channel("WEB"), f.socks().variant(0).id(), 1);
            try (GraphQLWebSocket app = new GraphQLWebSocket(vertx, endpoint, null, account.accessToken(), "MOBILE")) {
                app.subscribe("cart", op, Map.of("cartId", cart.id()));
                Thread.sleep(300);
                run(account.client().channel("WEB"), read("web/AddToCart.graphql"), "cartId", cart.id(),
                        "expectedVersion", cart.version(), "lines", List.of(line(f.jacket().variant(0).id(), 1)));
                JsonObject message = app.next();
                assertThat(message.getString("type")).as(message.encode()).isEqualTo("next");
                JsonObject updated = message.getJsonObject("payload").getJsonObject("data").getJsonObject("cartUpdated");
                assertThat(updated.getInteger("itemCount")).isEqualTo(2);
                assertThat(updated.getLong("version")).isGreaterThan(cart.version());
                assertThat(updated.getString("lastChannel")).isEqualTo("WEB");
                assertThat(updated.getJsonObject("subtotal").getString("amount")).isEqualTo("109.98");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });

        s.put("mobile/ClaimHandoff.graphql", (client, op) -> {
            StartedCart kioskCart = startCart("kiosk/StartCart.graphql", kiosk(), f.jacket().variant(0).id(), 1);
            String code = run(kioskCart.holder(), read("kiosk/HandOffCart.graphql"), "cartId", kioskCart.id())
                    .getString("data.cartHandoffCreate.handoff.code");
            Account account = Accounts.register();
            JsonPath r = run(app(account), op, "code", code.toLowerCase().replace("-", " "));
            assertThat(r.getList("data.cartHandoffClaim.userErrors")).isEmpty();
            assertThat(r.getList("data.cartHandoffClaim.cart.lines.variant.id")).containsExactly(f.jacket().variant(0).id());
            assertThat(r.getList("data.cartHandoffClaim.cart.lines.channel")).containsExactly("KIOSK");
            assertThat(run(app(account), read("mobile/MyCart.graphql")).getString("data.myCart.id"))
                    .isEqualTo(r.getString("data.cartHandoffClaim.cart.id"));
            JsonPath again = run(app(Accounts.register()), op, "code", code);
            assertThat(again.getList("data.cartHandoffClaim.userErrors")).isNotEmpty();
        });

        s.put("mobile/UpdateCartLine.graphql", (client, op) -> {
            Account account = Accounts.register();
            StartedCart cart = startCart("web/CreateCart.graphql", account.client().channel("WEB"), f.socks().variant(0).id(), 1);
            JsonPath r = run(app(account), op, "cartId", cart.id(), "expectedVersion", cart.version(),
                    "lines", List.of(Map.of("lineId", lineIds(cart).get(0), "quantity", 2)));
            assertThat(r.getList("data.cartLinesUpdate.userErrors")).isEmpty();
            assertThat(r.getString("data.cartLinesUpdate.cart.subtotal.amount")).isEqualTo("39.98");
        });

        s.put("mobile/ChoosePickupStore.graphql", (client, op) -> {
            Account account = Accounts.register();
            StartedCart cart = startCart("web/CreateCart.graphql", account.client().channel("WEB"), f.jacket().variant(0).id(), 1);
            JsonPath r = run(app(account), op, "cartId", cart.id(), "storeId", f.nearby().id(), "expectedVersion", cart.version());
            assertThat(r.getList("data.cartFulfilmentSet.userErrors")).isEmpty();
            assertThat(r.getString("data.cartFulfilmentSet.cart.fulfilment.store.id")).isEqualTo(f.nearby().id());
            assertThat(r.getInt("data.cartFulfilmentSet.cart.lines[0].available")).isEqualTo(4);
        });

        s.put("mobile/Checkout.graphql", (client, op) -> {
            Account account = Accounts.register();
            JsonPath order = placeMobileOrder(account, op);
            assertThat(order.getString("status")).isEqualTo("PLACED");
            assertThat(order.getString("fulfilment.type")).isEqualTo("PICKUP");
            assertThat(order.getString("fulfilment.store.id")).isEqualTo(f.here().id());
            assertThat(order.getString("total.amount")).isEqualTo("19.99");
            assertThat(order.getString("paymentMethod")).isEqualTo("PAY_IN_STORE");
        });

        s.put("mobile/OrderTracking.graphql", (client, op) -> {
            Account account = Accounts.register();
            JsonPath order = placeMobileOrder(account, read("mobile/Checkout.graphql"));
            JsonPath r = run(app(account), op, "id", order.getString("id"));
            assertThat(r.getString("data.order.number")).isEqualTo(order.getString("number"));
            assertThat(r.getString("data.order.fulfilment.store.id")).isEqualTo(f.here().id());
            assertThat(r.getList("data.order.shipments.status")).containsExactly("PENDING");
            assertThat(r.getList("data.order.timeline.toStatus")).contains("PLACED");
            // another customer's order is not theirs to track
            assertThat(run(app(Accounts.register()), op, "id", order.getString("id")).getString("data.order")).isNull();
        });

        s.put("mobile/OrderStatusChanged.graphql", (client, op) -> {
            Account account = Accounts.register();
            JsonPath order = placeMobileOrder(account, read("mobile/Checkout.graphql"));
            try (GraphQLWebSocket app = new GraphQLWebSocket(vertx, endpoint, null, account.accessToken(), "MOBILE")) {
                app.subscribe("order", op, Map.of("orderId", order.getString("id")));
                Thread.sleep(300);
                JsonPath confirmed = run(GraphQL.as(Tokens.staff()).channel("STAFF"), read("staff/OrderStatusUpdate.graphql"),
                        "orderId", order.getString("id"), "status", "CONFIRMED", "note", null);
                assertThat(confirmed.getList("data.orderStatusUpdate.userErrors")).isEmpty();
                JsonObject message = app.next();
                assertThat(message.getString("type")).as(message.encode()).isEqualTo("next");
                JsonObject changed = message.getJsonObject("payload").getJsonObject("data").getJsonObject("orderStatusChanged");
                assertThat(changed.getString("number")).isEqualTo(order.getString("number"));
                assertThat(changed.getString("status")).isEqualTo("CONFIRMED");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });

        s.put("mobile/MyLoyalty.graphql", (client, op) -> {
            Account account = Accounts.register();
            run(GraphQL.as(Tokens.staff()), read("staff/AdjustLoyaltyPoints.graphql"),
                    "customerId", account.id(), "points", 80, "reason", "App launch");
            JsonPath r = run(app(account), op, "first", 5, "after", null);
            assertThat(r.getInt("data.me.loyalty.balance")).isEqualTo(80);
            assertThat(r.getString("data.me.loyalty.tier")).isEqualTo("BRONZE");
            assertThat(r.getList("data.me.loyalty.ledger.edges.node.points", Integer.class)).containsExactly(80);
        });

        return s;
    }

    // ---- helpers

    private GraphQL kiosk() {
        return GraphQL.as(Tokens.kiosk(f.here().id())).channel("KIOSK");
    }

    private static GraphQL app(Account account) {
        return account.client().channel("MOBILE");
    }

    /** A guest-free order: the customer's cart from the web, picked up and paid at the fixture's kiosk store. */
    private JsonPath placeMobileOrder(Account account, String checkout) {
        StartedCart cart = startCart("web/CreateCart.graphql", account.client().channel("WEB"), f.socks().variant(0).id(), 1);
        run(app(account), read("mobile/ChoosePickupStore.graphql"), "cartId", cart.id(), "storeId", f.here().id(), "expectedVersion", null);
        JsonPath r = run(app(account), checkout, "input", Map.of("cartId", cart.id(), "idempotencyKey", UUID.randomUUID().toString(),
                "fulfilment", Map.of("type", "PICKUP", "storeId", f.here().id()), "payment", Map.of("method", "PAY_IN_STORE")));
        assertThat(r.getList("data.checkoutComplete.userErrors")).as(r.prettify()).isEmpty();
        return r.setRootPath("data.checkoutComplete.order");
    }

    /**
     * Starts a cart with one line through a cart-creating operation file; the returned holder is the creating client,
     * carrying the cart token when one came back.
     */
    private static StartedCart startCart(String file, GraphQL creator, String variantId, int quantity) {
        JsonPath r = run(creator, read(file), "input", Map.of("lines", List.of(line(variantId, quantity))));
        assertThat(r.getList("data.cartCreate.userErrors")).as(r.prettify()).isEmpty();
        String token = r.getString("data.cartCreate.cartToken");
        GraphQL holder = token == null ? creator : creator.header("X-Cart-Token", token);
        return new StartedCart(r.getString("data.cartCreate.cart.id"), r.getLong("data.cartCreate.cart.version"), holder);
    }

    private static List<String> lineIds(StartedCart cart) {
        return cart.holder().ok("query($id: ID!) { cart(id: $id) { lines { id } } }", "id", cart.id())
                .getList("data.cart.lines.id", String.class);
    }

    private static Map<String, Object> line(String variantId, int quantity) {
        return Map.of("variantId", variantId, "quantity", quantity);
    }

    private static String createPromotion(Map<String, Object> input) {
        JsonPath r = GraphQL.as(Tokens.staff()).ok(read("staff/CreatePromotion.graphql"), "input", input);
        assertThat(r.getList("data.promotionCreate.userErrors")).as(r.prettify()).isEmpty();
        return r.getString("data.promotionCreate.promotion.id");
    }

    /** Sends an operation with variables in pairs; null values go as JSON null, as clients send them. */
    static JsonPath run(GraphQL client, String operation, Object... variables) {
        return client.ok(operation, variables);
    }

    static String read(String file) {
        try {
            return Files.readString(ClientOperationsTest.OPERATIONS.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
