package com.omnichannel.gateway.order;

import static com.omnichannel.gateway.checkout.Checkouts.card;
import static com.omnichannel.gateway.checkout.Checkouts.customerCart;
import static com.omnichannel.gateway.checkout.Checkouts.guestCart;
import static com.omnichannel.gateway.checkout.Checkouts.line;
import static com.omnichannel.gateway.checkout.Checkouts.payInStore;
import static com.omnichannel.gateway.checkout.Checkouts.pickup;
import static com.omnichannel.gateway.checkout.Checkouts.placed;
import static com.omnichannel.gateway.checkout.Checkouts.ship;
import static org.assertj.core.api.Assertions.assertThat;

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

@QuarkusTest
class OrderLifecycleTest {

    static final String STATUS = """
            mutation($input: OrderStatusUpdateInput!) { orderStatusUpdate(input: $input) {
              order { status nextStatuses paymentStatus shipments { id status } timeline { kind fromStatus toStatus actor channel } }
              userErrors { code field message } } }""";
    static final String CANCEL = """
            mutation($input: OrderCancelInput!) { orderCancel(input: $input) {
              order { status paymentStatus shipments { status } } userErrors { code message } } }""";
    static final String SHIPMENT_STATUS = """
            mutation($input: ShipmentStatusUpdateInput!) { shipmentStatusUpdate(input: $input) {
              shipment { id status trackingNumber carrier } userErrors { code message } } }""";
    static final String SPLIT = """
            mutation($input: ShipmentSplitInput!) { shipmentSplit(input: $input) {
              shipment { id status location { id } lines { orderNumber quantity orderLine { id } } } userErrors { code message } } }""";
    static final String MERGE = """
            mutation($input: ShipmentsMergeInput!) { shipmentsMerge(input: $input) {
              shipment { id status lines { orderNumber quantity } } userErrors { code message } } }""";
    static final String ORDER = """
            query($id: ID, $number: String) { order(id: $id, number: $number) { id number status
              shipments { id status lines { orderNumber quantity orderLine { id sku } } } timeline { kind } } }""";

    @Inject
    TestData data;

    private final GraphQL staff = GraphQL.as(Tokens.staff());

    private JsonPath status(String orderId, String status) {
        return staff.ok(STATUS, "input", Map.of("orderId", orderId, "status", status)).setRootPath("data.orderStatusUpdate");
    }

    @Test
    void a_pickup_order_goes_placed_confirmed_ready_picked_up_and_its_stock_leaves_the_store() {
        var store = data.store("Lifecycle pickup store", 52.0, 13.0);
        var product = data.product("Lifecycle scarf", null, 2900);
        data.stock(product.variant(0), store, 6);
        JsonPath order = placed(guestCart(line(product.variant(0), 2)), pickup(store), payInStore());
        String id = order.getString("id");

        JsonPath confirmed = status(id, "CONFIRMED");
        assertThat(confirmed.getString("order.status")).isEqualTo("CONFIRMED");
        assertThat(confirmed.getList("order.nextStatuses")).containsExactlyInAnyOrder("READY_FOR_PICKUP", "CANCELLED");
        JsonPath ready = status(id, "READY_FOR_PICKUP");
        assertThat(ready.getList("order.shipments.status")).containsExactly("READY_FOR_PICKUP");
        assertThat(data.stockRow(product.variant(0), store).getInteger("reserved")).isEqualTo(2);
        JsonPath pickedUp = status(id, "PICKED_UP");
        assertThat(pickedUp.getString("order.status")).isEqualTo("PICKED_UP");
        assertThat(pickedUp.getList("order.nextStatuses")).isEmpty();
        assertThat(pickedUp.getString("order.paymentStatus")).isEqualTo("PAID");
        assertThat(pickedUp.getList("order.shipments.status")).containsExactly("PICKED_UP");
        assertThat(pickedUp.getList("order.timeline.toStatus")).containsSubsequence("PLACED", "CONFIRMED", "READY_FOR_PICKUP", "PICKED_UP");
        assertThat(pickedUp.getList("order.timeline.channel")).contains("STAFF");

        var row = data.stockRow(product.variant(0), store);
        assertThat(row.getInteger("on_hand")).isEqualTo(4);
        assertThat(row.getInteger("reserved")).isZero();
        assertThat(data.count("SELECT count(*) FROM stock_movement WHERE variant_id = $1 AND kind = 'FULFILMENT'", product.variant(0).key())).isEqualTo(1);
    }

    @Test
    void illegal_transitions_are_refused_and_change_nothing() {
        var warehouse = data.warehouse("Lifecycle illegal warehouse", 51.0, 9.0);
        var product = data.product("Lifecycle illegal bowl", null, 1900);
        data.stock(product.variant(0), warehouse, 6);
        JsonPath order = placed(guestCart(line(product.variant(0), 1)), ship(), card("4242424242424242"));
        String id = order.getString("id");

        for (String target : List.of("SHIPPED", "DELIVERED", "READY_FOR_PICKUP", "PICKED_UP")) {
            JsonPath refused = status(id, target);
            assertThat(refused.getString("userErrors[0].code")).isEqualTo("ILLEGAL_TRANSITION");
            assertThat(refused.getString("order")).isNull();
        }
        // A shipment cannot leave before its order is confirmed.
        JsonPath early = staff.ok(SHIPMENT_STATUS, "input", Map.of("shipmentId", order.getString("shipments[0].id"), "status", "SHIPPED"));
        assertThat(early.getString("data.shipmentStatusUpdate.userErrors[0].code")).isEqualTo("ORDER_NOT_CONFIRMED");

        JsonPath now = staff.ok(ORDER, "id", id);
        assertThat(now.getString("data.order.status")).isEqualTo("PLACED");
        assertThat(now.getList("data.order.timeline.kind")).containsExactly("PLACED");
        assertThat(data.stockRow(product.variant(0), warehouse).getInteger("on_hand")).isEqualTo(6);

        // Shipped with tracking, then delivered; a delivered order cannot be cancelled.
        status(id, "CONFIRMED");
        JsonPath shipped = staff.ok(SHIPMENT_STATUS, "input", Map.of("shipmentId", order.getString("shipments[0].id"), "status", "SHIPPED",
                "carrier", "DHL", "trackingNumber", "JD0146000012345"));
        assertThat(shipped.getString("data.shipmentStatusUpdate.shipment.trackingNumber")).isEqualTo("JD0146000012345");
        assertThat(staff.ok(ORDER, "id", id).getString("data.order.status")).isEqualTo("SHIPPED");
        assertThat(data.stockRow(product.variant(0), warehouse).getInteger("on_hand")).isEqualTo(5);
        assertThat(status(id, "DELIVERED").getString("order.status")).isEqualTo("DELIVERED");
        JsonPath cancel = staff.ok(CANCEL, "input", Map.of("orderId", id));
        assertThat(cancel.getString("data.orderCancel.userErrors[0].code")).isEqualTo("ILLEGAL_TRANSITION");
    }

    @Test
    void cancelling_releases_the_reserved_stock_and_voids_the_payment() {
        String customerId = "customer-" + UUID.randomUUID();
        GraphQL customer = GraphQL.as(Tokens.customer(customerId));
        var warehouse = data.warehouse("Lifecycle cancel warehouse", 51.0, 9.0);
        var product = data.product("Lifecycle cancel chair", null, 14900);
        data.stock(product.variant(0), warehouse, 2);
        JsonPath order = placed(customerCart(customer, line(product.variant(0), 2)), ship(), card("4242424242424242"));
        assertThat(availableToPromise(product.variant(0))).isZero();

        JsonPath cancelled = customer.ok(CANCEL, "input", Map.of("orderId", order.getString("id"), "reason", "Changed my mind"));
        assertThat(cancelled.getList("data.orderCancel.userErrors")).isEmpty();
        assertThat(cancelled.getString("data.orderCancel.order.status")).isEqualTo("CANCELLED");
        assertThat(cancelled.getString("data.orderCancel.order.paymentStatus")).isEqualTo("VOIDED");
        assertThat(cancelled.getList("data.orderCancel.order.shipments.status")).containsExactly("CANCELLED");
        assertThat(availableToPromise(product.variant(0))).isEqualTo(2);
        assertThat(data.stockRow(product.variant(0), warehouse).getInteger("reserved")).isZero();
        assertThat(data.count("SELECT count(*) FROM stock_movement WHERE variant_id = $1 AND kind = 'RELEASE'", product.variant(0).key())).isEqualTo(1);

        // Cancelling twice is an illegal transition.
        assertThat(customer.ok(CANCEL, "input", Map.of("orderId", order.getString("id")))
                .getString("data.orderCancel.userErrors[0].code")).isEqualTo("ILLEGAL_TRANSITION");
    }

    private int availableToPromise(TestData.VariantRef variant) {
        return GraphQL.anonymous().ok("query($id: ID) { productVariant(id: $id) { availableToPromise } }", "id", variant.id())
                .getInt("data.productVariant.availableToPromise");
    }

    @Test
    void a_shipment_is_split_to_collect_part_now_and_shipments_of_two_orders_are_merged_into_one_pickup() {
        String customerId = "customer-" + UUID.randomUUID();
        GraphQL web = GraphQL.as(Tokens.customer(customerId));
        GraphQL kiosk = GraphQL.as(Tokens.customer(customerId)).channel("MOBILE");
        var store = data.store("Lifecycle merge store", 52.0, 13.0);
        var product = data.product("Lifecycle merge glass", null, 500, 700);
        data.stock(product.variant(0), store, 20);
        data.stock(product.variant(1), store, 20);

        JsonPath first = placed(customerCart(web, line(product.variant(0), 3), line(product.variant(1), 1)), pickup(store), payInStore());
        JsonPath second = placed(customerCart(kiosk, line(product.variant(1), 2)), pickup(store), payInStore());

        // Split: collect 1 of variant 0 now.
        String lineId = first.getString("lines[0].id");
        JsonPath split = web.ok(SPLIT, "input", Map.of("shipmentId", first.getString("shipments[0].id"),
                "lines", List.of(Map.of("orderLineId", lineId, "quantity", 1))));
        assertThat(split.getList("data.shipmentSplit.userErrors")).isEmpty();
        assertThat(split.getInt("data.shipmentSplit.shipment.lines[0].quantity")).isEqualTo(1);
        JsonPath afterSplit = web.ok(ORDER, "id", first.getString("id"));
        assertThat(afterSplit.getList("data.order.shipments")).hasSize(2);
        // Moving everything is not a split.
        JsonPath all = web.ok(SPLIT, "input", Map.of("shipmentId", split.getString("data.shipmentSplit.shipment.id"),
                "lines", List.of(Map.of("orderLineId", lineId, "quantity", 1))));
        assertThat(all.getString("data.shipmentSplit.userErrors[0].code")).isEqualTo("INVALID_SPLIT");

        // Merge the web order's remaining shipment with the mobile order's: one pickup for both orders.
        String remaining = afterSplit.getList("data.order.shipments.id").stream()
                .filter(s -> !s.equals(split.getString("data.shipmentSplit.shipment.id"))).findFirst().orElseThrow().toString();
        JsonPath merged = web.ok(MERGE, "input", Map.of("shipmentIds", List.of(remaining, second.getString("shipments[0].id"))));
        assertThat(merged.getList("data.shipmentsMerge.userErrors")).isEmpty();
        assertThat(merged.getList("data.shipmentsMerge.shipment.lines.orderNumber"))
                .contains(first.getString("number"), second.getString("number"));
        assertThat(web.ok(ORDER, "id", second.getString("id")).getString("data.order.shipments[0].id"))
                .isEqualTo(merged.getString("data.shipmentsMerge.shipment.id"));
        assertThat(web.ok(ORDER, "id", second.getString("id")).getList("data.order.timeline.kind")).contains("SHIPMENTS_MERGED");
        // Stock is untouched by split and merge: still 3 + 1 + 2 reserved at the store.
        assertThat(data.stockRow(product.variant(0), store).getInteger("reserved")).isEqualTo(3);
        assertThat(data.stockRow(product.variant(1), store).getInteger("reserved")).isEqualTo(3);

        // Another customer's shipment cannot be merged in, and a guest order of someone else is not visible.
        String otherId = "customer-" + UUID.randomUUID();
        JsonPath other = placed(customerCart(GraphQL.as(Tokens.customer(otherId)), line(product.variant(0), 1)), pickup(store), payInStore());
        JsonPath foreign = staff.ok(MERGE, "input", Map.of("shipmentIds", List.of(merged.getString("data.shipmentsMerge.shipment.id"),
                other.getString("shipments[0].id"))));
        assertThat(foreign.getString("data.shipmentsMerge.userErrors[0].code")).isEqualTo("INVALID_MERGE");
        JsonPath notMine = web.execute(MERGE, "input", Map.of("shipmentIds", List.of(merged.getString("data.shipmentsMerge.shipment.id"),
                other.getString("shipments[0].id"))));
        assertThat(notMine.getString("errors[0].extensions.code")).isEqualTo("NOT_FOUND");
    }

    @Test
    void customers_see_only_their_own_orders_and_guests_need_the_right_email() {
        String aliceId = "customer-" + UUID.randomUUID();
        GraphQL alice = GraphQL.as(Tokens.customer(aliceId));
        GraphQL bob = GraphQL.as(Tokens.customer("customer-" + UUID.randomUUID()));
        var store = data.store("Lifecycle privacy store", 52.0, 13.0);
        var product = data.product("Lifecycle privacy book", null, 1200);
        data.stock(product.variant(0), store, 10);
        JsonPath aliceOrder = placed(customerCart(alice, line(product.variant(0), 1)), pickup(store), payInStore());
        JsonPath guestOrder = placed(guestCart(line(product.variant(0), 1)), pickup(store), payInStore());

        assertThat(bob.ok(ORDER, "number", aliceOrder.getString("number")).getString("data.order")).isNull();
        assertThat(bob.ok(ORDER, "id", aliceOrder.getString("id")).getString("data.order")).isNull();
        assertThat(bob.ok("{ myOrders { edges { node { id } } } }").getList("data.myOrders.edges")).isEmpty();
        assertThat(alice.ok(ORDER, "number", aliceOrder.getString("number")).getString("data.order.id")).isEqualTo(aliceOrder.getString("id"));
        JsonPath bobCancels = bob.execute(CANCEL, "input", Map.of("orderId", aliceOrder.getString("id")));
        assertThat(bobCancels.getString("errors[0].extensions.code")).isEqualTo("NOT_FOUND");
        JsonPath bobSplits = bob.execute(SPLIT, "input", Map.of("shipmentId", aliceOrder.getString("shipments[0].id"),
                "lines", List.of(Map.of("orderLineId", aliceOrder.getString("lines[0].id"), "quantity", 1))));
        assertThat(bobSplits.getString("errors[0].extensions.code")).isEqualTo("NOT_FOUND");
        assertThat(alice.ok(ORDER, "id", aliceOrder.getString("id")).getString("data.order.status")).isEqualTo("PLACED");
        // Status changes are staff-only.
        JsonPath aliceConfirms = alice.execute(STATUS, "input", Map.of("orderId", aliceOrder.getString("id"), "status", "CONFIRMED"));
        assertThat(aliceConfirms.getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");
        // Staff order search is staff-only.
        assertThat(alice.execute("{ orders { edges { node { id } } } }").getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");

        String lookup = "query($n: String!, $e: String!) { orderLookup(number: $n, email: $e) { number status lines { sku } } }";
        assertThat(GraphQL.anonymous().ok(lookup, "n", guestOrder.getString("number"), "e", "GUEST@example.com")
                .getString("data.orderLookup.number")).isEqualTo(guestOrder.getString("number"));
        assertThat(GraphQL.anonymous().ok(lookup, "n", guestOrder.getString("number"), "e", "someone@example.com")
                .getString("data.orderLookup")).isNull();
        assertThat(GraphQL.anonymous().execute(ORDER, "number", guestOrder.getString("number"))
                .getString("errors[0].extensions.code")).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void staff_find_orders_by_channel_status_store_and_customer() {
        String customerId = "customer-" + UUID.randomUUID();
        GraphQL kioskShopper = GraphQL.as(Tokens.customer(customerId)).channel("MOBILE");
        var store = data.store("Lifecycle search store", 52.0, 13.0);
        var product = data.product("Lifecycle search lamp", null, 2200);
        data.stock(product.variant(0), store, 10);
        JsonPath mobile = placed(customerCart(kioskShopper, line(product.variant(0), 1)), pickup(store), payInStore());
        placed(guestCart(line(product.variant(0), 1)), pickup(store), payInStore());

        String search = "query($f: OrderFilter) { orders(filter: $f, first: 10) { edges { node { number sourceChannel status } } pageInfo { hasNextPage } } }";
        JsonPath byCustomer = staff.ok(search, "f", Map.of("customerId", customerId));
        assertThat(byCustomer.getList("data.orders.edges.node.number")).containsExactly(mobile.getString("number"));
        assertThat(staff.ok(search, "f", Map.of("customerId", com.omnichannel.gateway.customer.Customer.globalId(customerId)))
                .getList("data.orders.edges.node.number")).containsExactly(mobile.getString("number"));
        JsonPath byStore = staff.ok(search, "f", Map.of("locationId", store.id()));
        assertThat(byStore.getList("data.orders.edges")).hasSize(2);
        JsonPath byChannel = staff.ok(search, "f", Map.of("locationId", store.id(), "channel", "MOBILE", "status", "PLACED"));
        assertThat(byChannel.getList("data.orders.edges.node.number")).containsExactly(mobile.getString("number"));
        JsonPath none = staff.ok(search, "f", Map.of("locationId", store.id(), "placedTo", "2000-01-01T00:00:00Z"));
        assertThat(none.getList("data.orders.edges")).isEmpty();
    }
}
