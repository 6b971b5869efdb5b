package com.omnichannel.gateway.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.customer.CustomerAuthService;
import com.omnichannel.gateway.support.Accounts;
import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.TestData;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A shopper's way from a kiosk to a pickup, end to end through GraphQL with the tokens each device really gets (a
 * registered kiosk, a signed-in customer's phone, a signed-in clerk): scan at the kiosk, a cart picked up here,
 * handed to the phone, checked out there, ready with a collection code, handed over at the counter with it, points
 * on the phone, and the order counted as a kiosk-to-mobile journey.
 */
@QuarkusTest
class KioskToPickupJourneyTest {

    static final String SCAN = """
            query($barcode: String!) { productVariant(barcode: $barcode) { id sku price { amount } availabilityHere { available } } }""";
    static final String CART_CREATE = """
            mutation($input: CartCreateInput) { cartCreate(input: $input) {
              cartToken cart { id channels fulfilment { type store { id } } lines { quantity addedFrom } } userErrors { code } } }""";
    static final String SET_HOURS = """
            mutation($input: StoreHoursSetInput!) { storeHoursSet(input: $input) { userErrors { code field message } } }""";
    static final String SET_PICKUP = """
            mutation($input: StorePickupSetInput!) { storePickupSet(input: $input) { userErrors { code field message } } }""";
    static final String SLOTS = """
            query($storeId: ID!, $from: DateTime!, $to: DateTime!) {
              pickupSlots(storeId: $storeId, from: $from, to: $to) { id startsAt remaining } }""";
    static final String HANDOFF = """
            mutation($input: CartHandoffCreateInput!) { cartHandoffCreate(input: $input) { handoff { code qrPayload } userErrors { code } } }""";
    static final String FULFILMENT_WITH_SLOT = """
            mutation($input: CartFulfilmentSetInput!) { cartFulfilmentSet(input: $input) {
              cart { id fulfilment { type store { id } pickupSlot { slotId } } } userErrors { code field message } } }""";
    static final String CLAIM = """
            mutation($input: CartHandoffClaimInput!) { cartHandoffClaim(input: $input) {
              cart { id channels lastChannel fulfilment { type store { id } } lines { quantity } } userErrors { code } } }""";
    static final String CHECKOUT = """
            mutation($input: CheckoutCompleteInput!) { checkoutComplete(input: $input) {
              order { id number status email sourceChannel cartChannels fulfilmentType pickupStore { id } pickupSlot { slotId } total { amount } }
              userErrors { code field message } } }""";
    static final String STATUS = """
            mutation($input: OrderStatusUpdateInput!) { orderStatusUpdate(input: $input) { order { status } userErrors { code } } }""";
    static final String PICKUP_CODE = """
            query($id: ID!) { order(id: $id) { status amountDueAtPickup { amount } pickup { collectionCode qrPayload collectBy amountDue { amount } } } }""";
    static final String HAND_OVER = """
            mutation($input: PickupHandOverInput!) { pickupHandOver(input: $input) { shipment { status } userErrors { code } } }""";
    static final String POINTS = "{ me { loyalty { balance pending ledger(first: 5) { edges { node { kind points orderNumber channel actorChannel } } } } } }";
    static final String INSIGHTS = """
            query($from: DateTime!, $to: DateTime!) { channelInsights(from: $from, to: $to) {
              orders crossChannelOrders channelPairs { from to orders } } }""";
    static final String STAFF_SIGN_IN = """
            mutation($input: StaffSignInInput!) { staffSignIn(input: $input) { tokens { accessToken } userErrors { code } } }""";
    static final String REGISTER_KIOSK = """
            mutation($input: KioskDeviceRegisterInput!) { kioskDeviceRegister(input: $input) { token userErrors { code } } }""";

    @Inject
    TestData data;

    @Inject
    CustomerAuthService accounts;

    @Inject
    RedisDataSource redis;

    /** Anonymous hand-off claims count per client address, and every test calls from this machine's. */
    @BeforeEach
    void forget_earlier_handoff_attempts_from_this_machine() {
        redis.key().del("cart-handoff-attempts:{ip:127.0.0.1}", "cart-handoff-attempts:{ip:0:0:0:0:0:0:0:1}");
        // The test database starts afresh at every run and gives its stores the same ids again; Redis keeps counting.
        List<String> counted = redis.key().keys("pickup-code-store:*");
        if (!counted.isEmpty()) {
            redis.key().del(counted.toArray(String[]::new));
        }
    }

    private GraphQL signedInStaff(String role) {
        String email = TestData.unique(role).toLowerCase() + "@staff.example.com";
        accounts.createStaffAccount(email, "Store-" + role + "-2026", role, List.of(role)).await().atMost(Duration.ofSeconds(10));
        JsonPath r = GraphQL.anonymous().ok(STAFF_SIGN_IN, "input", Map.of("email", email, "password", "Store-" + role + "-2026"));
        assertThat(r.getList("data.staffSignIn.userErrors")).isEmpty();
        return GraphQL.as(r.getString("data.staffSignIn.tokens.accessToken"));
    }

    @Test
    void kiosk_scan_to_phone_checkout_to_pickup_with_the_code_to_points_on_the_phone_counted_as_kiosk_to_mobile() {
        var store = data.store("Journey store", 52.52, 13.40);
        var product = data.product("Journey rain jacket", null, 8900);
        var variant = product.variant(0);
        data.stock(variant, store, 4);

        GraphQL admin = signedInStaff("admin");
        GraphQL clerk = signedInStaff("staff");
        JsonPath device = admin.ok(REGISTER_KIOSK, "input", Map.of("name", "Journey entrance kiosk", "storeId", store.id()));
        assertThat(device.getList("data.kioskDeviceRegister.userErrors")).isEmpty();
        GraphQL kiosk = GraphQL.as(device.getString("data.kioskDeviceRegister.token"));
        Accounts.Account shopper = Accounts.register();
        GraphQL phone = shopper.client().channel("MOBILE");

        // The store opens every day in Berlin, prepares orders at once and offers pickup slots of 30 minutes for 2.
        List<Map<String, Object>> week = new java.util.ArrayList<>();
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")) {
            week.add(Map.of("day", day, "opens", "00:00", "closes", "00:00"));
        }
        assertThat(clerk.ok(SET_HOURS, "input", Map.of("storeId", store.id(), "timeZone", "Europe/Berlin", "weekly", week,
                "exceptions", List.of())).getList("data.storeHoursSet.userErrors")).isEmpty();
        assertThat(clerk.ok(SET_PICKUP, "input", Map.of("storeId", store.id(), "preparationMinutes", 0, "slotMinutes", 30, "slotCapacity", 2))
                .getList("data.storePickupSet.userErrors")).isEmpty();

        // 1. The shopper scans the jacket at the kiosk: price and stock here.
        JsonPath scanned = kiosk.ok(SCAN, "barcode", variant.barcode()).setRootPath("data.productVariant");
        assertThat(scanned.getString("id")).isEqualTo(variant.id());
        assertThat(scanned.getString("price.amount")).isEqualTo("89.00");
        assertThat(scanned.getInt("availabilityHere.available")).isEqualTo(4);

        // 2. A kiosk cart starts as a pickup here.
        JsonPath created = kiosk.ok(CART_CREATE, "input", Map.of("lines", List.of(Map.of("variantId", variant.id(), "quantity", 1))));
        assertThat(created.getList("data.cartCreate.userErrors")).isEmpty();
        String cartId = created.getString("data.cartCreate.cart.id");
        assertThat(created.getString("data.cartCreate.cart.fulfilment.type")).isEqualTo("PICKUP");
        assertThat(created.getString("data.cartCreate.cart.fulfilment.store.id")).isEqualTo(store.id());
        assertThat(created.getList("data.cartCreate.cart.lines.addedFrom")).containsExactly("KIOSK");
        GraphQL kioskCart = kiosk.header("X-Cart-Token", created.getString("data.cartCreate.cartToken"));

        // 3. Handed to the phone: the QR code is a link with the short code; the signed-in phone claims it.
        JsonPath handoff = kioskCart.ok(HANDOFF, "input", Map.of("cartId", cartId));
        assertThat(handoff.getList("data.cartHandoffCreate.userErrors")).isEmpty();
        String handoffCode = handoff.getString("data.cartHandoffCreate.handoff.code");
        assertThat(handoffCode).isNotBlank();
        assertThat(handoff.getString("data.cartHandoffCreate.handoff.qrPayload")).startsWith("https://").contains(handoffCode.replace("-", ""));
        JsonPath claimed = phone.ok(CLAIM, "input", Map.of("code", handoffCode)).setRootPath("data.cartHandoffClaim");
        assertThat(claimed.getList("userErrors")).isEmpty();
        assertThat(claimed.getString("cart.id")).isEqualTo(cartId);
        assertThat(claimed.getString("cart.fulfilment.type")).isEqualTo("PICKUP");
        assertThat(claimed.getList("cart.channels")).containsExactly("KIOSK", "MOBILE");
        assertThat(claimed.getString("cart.lastChannel")).isEqualTo("MOBILE");

        // 4. The phone books a pickup slot and checks out: pickup at the kiosk's store, paid at the counter.
        OffsetDateTime soon = OffsetDateTime.now(ZoneOffset.UTC).plusHours(1);
        List<Map<String, Object>> slots = phone.ok(SLOTS, "storeId", store.id(), "from", soon.toString(), "to", soon.plusHours(2).toString())
                .getList("data.pickupSlots");
        assertThat(slots).isNotEmpty();
        String slotId = (String) slots.get(0).get("id");
        JsonPath booked = phone.ok(FULFILMENT_WITH_SLOT, "input", Map.of("cartId", cartId, "type", "PICKUP", "storeId", store.id(), "slotId", slotId));
        assertThat(booked.getList("data.cartFulfilmentSet.userErrors")).as(booked.prettify()).isEmpty();
        assertThat(booked.getString("data.cartFulfilmentSet.cart.fulfilment.pickupSlot.slotId")).isEqualTo(slotId);
        JsonPath placed = phone.ok(CHECKOUT, "input", Map.of("cartId", cartId, "idempotencyKey", UUID.randomUUID().toString(),
                "fulfilment", Map.of("type", "PICKUP", "storeId", store.id()), "payment", Map.of("method", "PAY_IN_STORE")))
                .setRootPath("data.checkoutComplete");
        assertThat(placed.getList("userErrors")).as(placed.prettify()).isEmpty();
        String orderId = placed.getString("order.id");
        assertThat(placed.getString("order.sourceChannel")).isEqualTo("MOBILE");
        assertThat(placed.getList("order.cartChannels")).containsExactly("KIOSK", "MOBILE");
        assertThat(placed.getString("order.email")).isEqualTo(shopper.email());
        assertThat(placed.getString("order.pickupSlot.slotId")).isEqualTo(slotId);
        assertThat(phone.ok(SLOTS, "storeId", store.id(), "from", soon.toString(), "to", soon.plusHours(2).toString())
                .getInt("data.pickupSlots[0].remaining")).isEqualTo(1);

        // 5. The store gets it ready: the phone shows the collection code, until when and what is due at the counter.
        for (String status : List.of("CONFIRMED", "READY_FOR_PICKUP")) {
            assertThat(clerk.ok(STATUS, "input", Map.of("orderId", orderId, "status", status)).getList("data.orderStatusUpdate.userErrors")).isEmpty();
        }
        JsonPath ready = phone.ok(PICKUP_CODE, "id", orderId).setRootPath("data.order");
        String collectionCode = ready.getString("pickup.collectionCode");
        assertThat(collectionCode).isNotBlank();
        assertThat(ready.getString("pickup.amountDue.amount")).isEqualTo("89.00");
        assertThat(ready.getString("amountDueAtPickup.amount")).isEqualTo("89.00");
        assertThat(clerk.ok(PICKUP_CODE, "id", orderId).getString("data.order.pickup.collectionCode")).isNull();

        // 6. At the counter the clerk scans the code from the phone: handed over, paid.
        JsonPath handed = clerk.ok(HAND_OVER, "input", Map.of("storeId", store.id(), "code", ready.getString("pickup.qrPayload")));
        assertThat(handed.getList("data.pickupHandOver.userErrors")).isEmpty();
        assertThat(handed.getString("data.pickupHandOver.shipment.status")).isEqualTo("PICKED_UP");
        assertThat(phone.ok(PICKUP_CODE, "id", orderId).getString("data.order.status")).isEqualTo("PICKED_UP");
        assertThat(data.stockRow(variant, store).getInteger("on_hand")).isEqualTo(3);

        // 7. The points are on the phone.
        JsonPath points = phone.ok(POINTS).setRootPath("data.me.loyalty");
        assertThat(points.getInt("balance")).isEqualTo(89);
        assertThat(points.getInt("pending")).isZero();
        assertThat(points.getList("ledger.edges.node.orderNumber")).contains(placed.getString("order.number"));
        // Earned by the order placed on the phone; recorded by the clerk at the counter.
        assertThat(points.getString("ledger.edges[0].node.channel")).isEqualTo("MOBILE");
        assertThat(points.getString("ledger.edges[0].node.actorChannel")).isEqualTo("STAFF");

        // 8. Counted as one order that went from the kiosk to the phone. The order is moved to a day of its own, far
        // ahead, so orders other tests placed just before this one are not in the window.
        OffsetDateTime from = OffsetDateTime.of(2050, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).plusDays((long) (Math.random() * 20_000));
        OffsetDateTime to = from.plusDays(1);
        data.execute("UPDATE customer_order SET placed_at = '" + from.plusHours(1) + "' WHERE number = '"
                + placed.getString("order.number") + "'");
        JsonPath insights = clerk.ok(INSIGHTS, "from", from.toString(), "to", to.toString()).setRootPath("data.channelInsights");
        assertThat(insights.getInt("orders")).isEqualTo(1);
        assertThat(insights.getInt("crossChannelOrders")).isEqualTo(1);
        assertThat(insights.getList("channelPairs")).containsExactly(Map.of("from", "KIOSK", "to", "MOBILE", "orders", 1));
    }
}
