package com.omnichannel.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.checkout.Checkouts;
import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.Race;
import com.omnichannel.gateway.support.TestData;
import com.omnichannel.gateway.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Bookable pickup slots: listing, choosing on the cart, booking at checkout (exactly the capacity), freeing on cancel. */
@QuarkusTest
class PickupSlotTest {

    static final String SLOTS = """
            query($storeId: ID!, $from: DateTime!, $to: DateTime!) {
              pickupSlots(storeId: $storeId, from: $from, to: $to) { id startsAt endsAt capacity remaining } }""";

    static final String SET_FULFILMENT = """
            mutation($input: CartFulfilmentSetInput!) { cartFulfilmentSet(input: $input) {
              cart { id fulfilment { type store { id } pickupReadyBy pickupSlot { slotId startsAt endsAt } } }
              userErrors { code field message } } }""";

    static final String CHECKOUT_WITH_SLOT = "mutation($input: CheckoutCompleteInput!) { checkoutComplete(input: $input) { "
            + "order { id number pickupSlot { slotId startsAt endsAt } } userErrors { code field message } } }";

    @Inject
    TestData data;

    @Inject
    com.omnichannel.gateway.platform.db.Db db;

    record Setup(TestData.Ref store, TestData.VariantRef variant) {
    }

    Setup store(int capacity, int units) {
        TestData.Ref store = data.store(TestData.unique("Slots"), 52.52, 13.40);
        StoreHoursFixtures.openAroundTheClockWithSlots(store, capacity);
        TestData.ProductRef product = data.product(TestData.unique("Slot product"), data.category(TestData.unique("Slot cat"), null), 1999);
        data.stock(product.variant(0), store, units);
        return new Setup(store, product.variant(0));
    }

    static List<Map<String, Object>> slots(TestData.Ref store, OffsetDateTime from, OffsetDateTime to) {
        return GraphQL.anonymous().ok(SLOTS, "storeId", store.id(), "from", from.toString(), "to", to.toString())
                .getList("data.pickupSlots");
    }

    /** A slot an hour or more ahead (a whole number of half hours from local midnight). */
    static String slotAhead(TestData.Ref store) {
        OffsetDateTime from = OffsetDateTime.now().plusHours(1);
        return (String) slots(store, from, from.plusHours(2)).get(0).get("id");
    }

    static JsonPath choose(Checkouts.CartRef cart, TestData.Ref store, String slotId) {
        Map<String, Object> input = new HashMap<>();
        input.put("cartId", cart.id());
        input.put("type", "PICKUP");
        input.put("storeId", store.id());
        input.put("slotId", slotId);
        return cart.client().ok(SET_FULFILMENT, "input", input);
    }

    static JsonPath checkout(Checkouts.CartRef cart, TestData.Ref store) {
        return cart.client().ok(CHECKOUT_WITH_SLOT, "input", Checkouts.input(cart, java.util.UUID.randomUUID().toString(),
                Checkouts.pickup(store), Checkouts.payInStore()));
    }

    @Test
    void slots_are_listed_within_the_range_with_their_remaining_capacity_on_the_stores_half_hours() {
        Setup s = store(3, 10);
        OffsetDateTime from = OffsetDateTime.now().plusHours(1);
        List<Map<String, Object>> slots = slots(s.store(), from, from.plusHours(3));

        assertThat(slots).hasSizeBetween(5, 6);
        for (Map<String, Object> slot : slots) {
            OffsetDateTime starts = OffsetDateTime.parse((String) slot.get("startsAt"));
            assertThat(starts.toInstant()).isAfterOrEqualTo(from.toInstant().truncatedTo(ChronoUnit.SECONDS));
            // Answered in UTC like every timestamp; the slots start on the store's half hours.
            assertThat(starts.getOffset()).isEqualTo(java.time.ZoneOffset.UTC);
            assertThat(starts.atZoneSameInstant(ZoneId.of("Europe/Berlin")).getMinute() % 30).isZero();
            assertThat(OffsetDateTime.parse((String) slot.get("endsAt"))).isEqualTo(starts.plusMinutes(30));
            assertThat(slot.get("capacity")).isEqualTo(3);
            assertThat(slot.get("remaining")).isEqualTo(3);
        }
    }

    @Test
    void a_store_without_slots_lists_none_and_a_range_over_seven_days_is_refused() {
        TestData.Ref plain = data.store(TestData.unique("No slots"), 52.5, 13.4);
        OffsetDateTime from = OffsetDateTime.now();
        assertThat(slots(plain, from, from.plusDays(1))).isEmpty();

        JsonPath tooLong = GraphQL.anonymous().execute(SLOTS, "storeId", plain.id(), "from", from.toString(),
                "to", from.plusDays(8).toString());
        assertThat(tooLong.getString("errors[0].extensions.code")).isEqualTo("BAD_USER_INPUT");
    }

    @Test
    void the_cart_keeps_a_valid_slot_and_refuses_another_stores_a_passed_or_a_made_up_one() {
        Setup s = store(2, 10);
        Setup other = store(2, 10);
        Checkouts.CartRef cart = Checkouts.guestCart(Checkouts.line(s.variant(), 1));
        String slotId = slotAhead(s.store());

        JsonPath chosen = choose(cart, s.store(), slotId);
        assertThat(chosen.getList("data.cartFulfilmentSet.userErrors")).isEmpty();
        assertThat(chosen.getString("data.cartFulfilmentSet.cart.fulfilment.pickupSlot.slotId")).isEqualTo(slotId);
        assertThat(chosen.getString("data.cartFulfilmentSet.cart.fulfilment.pickupReadyBy")).isNotNull();

        assertThat(choose(cart, s.store(), slotAhead(other.store())).getString("data.cartFulfilmentSet.userErrors[0].code"))
                .isEqualTo("INVALID_PICKUP_SLOT");
        assertThat(choose(cart, s.store(), "bm90LWEtc2xvdA").getString("data.cartFulfilmentSet.userErrors[0].code"))
                .isEqualTo("INVALID_PICKUP_SLOT");
        // Yesterday's midnight was one of the store's slots, but it has passed.
        Instant yesterday = OffsetDateTime.now(ZoneId.of("Europe/Berlin")).minusDays(1).toLocalDate()
                .atStartOfDay(ZoneId.of("Europe/Berlin")).toInstant();
        String passed = new PickupSlotId(s.store().key(), yesterday, 30).encode();
        JsonPath refused = choose(cart, s.store(), passed);
        assertThat(refused.getString("data.cartFulfilmentSet.userErrors[0].code")).isEqualTo("PICKUP_SLOT_UNAVAILABLE");
        assertThat(refused.getList("data.cartFulfilmentSet.userErrors[0].field")).containsExactly("input", "slotId");
        // A slot of another length is not one the store offers.
        String odd = new PickupSlotId(s.store().key(), yesterday.plus(java.time.Duration.ofDays(2)), 45).encode();
        assertThat(choose(cart, s.store(), odd).getString("data.cartFulfilmentSet.userErrors[0].code")).isEqualTo("INVALID_PICKUP_SLOT");

        // Beyond the booking horizon (30 days), or with shipping.
        Instant farAhead = OffsetDateTime.now(ZoneId.of("Europe/Berlin")).plusDays(40).toLocalDate()
                .atStartOfDay(ZoneId.of("Europe/Berlin")).toInstant();
        assertThat(choose(cart, s.store(), new PickupSlotId(s.store().key(), farAhead, 30).encode())
                .getString("data.cartFulfilmentSet.userErrors[0].code")).isEqualTo("INVALID_PICKUP_SLOT");
        JsonPath shipped = cart.client().ok(SET_FULFILMENT, "input", Map.of("cartId", cart.id(), "type", "SHIP", "slotId", slotId));
        assertThat(shipped.getString("data.cartFulfilmentSet.userErrors[0].code")).isEqualTo("INVALID_PICKUP_SLOT");

        // The refusals left the chosen slot in place.
        JsonPath read = cart.client().ok("query($id: ID!) { cart(id: $id) { fulfilment { pickupSlot { slotId } } } }", "id", cart.id());
        assertThat(read.getString("data.cart.fulfilment.pickupSlot.slotId")).isEqualTo(slotId);

        // Choosing the store again without a slot drops it.
        JsonPath without = cart.client().ok(SET_FULFILMENT, "input", Map.of("cartId", cart.id(), "type", "PICKUP", "storeId", s.store().id()));
        assertThat(without.getString("data.cartFulfilmentSet.cart.fulfilment.pickupSlot")).isNull();
    }

    @Test
    void checkout_books_the_slot_and_the_order_shows_it() {
        Setup s = store(2, 10);
        Checkouts.CartRef cart = Checkouts.guestCart(Checkouts.line(s.variant(), 1));
        String slotId = slotAhead(s.store());
        choose(cart, s.store(), slotId);

        JsonPath placed = checkout(cart, s.store());
        assertThat(placed.getList("data.checkoutComplete.userErrors")).isEmpty();
        assertThat(placed.getString("data.checkoutComplete.order.pickupSlot.slotId")).isEqualTo(slotId);

        PickupSlotId slot = PickupSlotId.tryDecode(slotId);
        assertThat(data.count("SELECT count(*) FROM pickup_slot_booking WHERE location_id = $1", s.store().key())).isEqualTo(1);
        Map<String, Object> listed = slots(s.store(), slot.startsAt().atOffset(java.time.ZoneOffset.UTC),
                slot.endsAt().atOffset(java.time.ZoneOffset.UTC)).get(0);
        assertThat(listed.get("remaining")).isEqualTo(1);
    }

    @Test
    void concurrent_checkouts_for_a_slot_book_exactly_its_capacity_and_the_others_place_nothing() throws Exception {
        int capacity = 3;
        int shoppers = 8;
        Setup s = store(capacity, 50);
        String slotId = slotAhead(s.store());
        List<Checkouts.CartRef> carts = new ArrayList<>();
        for (int i = 0; i < shoppers; i++) {
            Checkouts.CartRef cart = Checkouts.guestCart(Checkouts.line(s.variant(), 2));
            assertThat(choose(cart, s.store(), slotId).getList("data.cartFulfilmentSet.userErrors")).isEmpty();
            carts.add(cart);
        }

        List<Callable<JsonPath>> calls = new ArrayList<>();
        carts.forEach(cart -> calls.add(() -> checkout(cart, s.store())));
        List<JsonPath> results = Race.run(calls);

        long placed = results.stream().filter(r -> r.getString("data.checkoutComplete.order.id") != null).count();
        List<String> refusals = results.stream().filter(r -> r.getString("data.checkoutComplete.order.id") == null)
                .map(r -> r.getString("data.checkoutComplete.userErrors[0].code")).toList();
        assertThat(placed).isEqualTo(capacity);
        assertThat(refusals).hasSize(shoppers - capacity).containsOnly("PICKUP_SLOT_FULL");

        PickupSlotId slot = PickupSlotId.tryDecode(slotId);
        assertThat(data.count("SELECT count(*) FROM pickup_slot_booking WHERE location_id = $1", s.store().key())).isEqualTo(capacity);
        assertThat(data.count("SELECT booked FROM pickup_slot WHERE location_id = $1", s.store().key())).isEqualTo(capacity);
        assertThat(data.count("SELECT count(*) FROM customer_order WHERE pickup_location_id = $1", s.store().key())).isEqualTo(capacity);
        // Only the placed orders hold stock: 2 units each.
        assertThat(data.stockRow(s.variant(), s.store()).getInteger("reserved")).isEqualTo(capacity * 2);
        assertThat(slots(s.store(), slot.startsAt().atOffset(java.time.ZoneOffset.UTC), slot.endsAt().atOffset(java.time.ZoneOffset.UTC))
                .get(0).get("remaining")).isEqualTo(0);
    }

    @Test
    void a_full_slot_cannot_be_chosen_and_cancelling_the_order_frees_it() {
        Setup s = store(1, 10);
        String slotId = slotAhead(s.store());
        Checkouts.CartRef first = Checkouts.guestCart(Checkouts.line(s.variant(), 1));
        choose(first, s.store(), slotId);
        String orderId = checkout(first, s.store()).getString("data.checkoutComplete.order.id");
        assertThat(orderId).isNotNull();

        Checkouts.CartRef second = Checkouts.guestCart(Checkouts.line(s.variant(), 1));
        assertThat(choose(second, s.store(), slotId).getString("data.cartFulfilmentSet.userErrors[0].code")).isEqualTo("PICKUP_SLOT_FULL");

        JsonPath cancelled = GraphQL.as(Tokens.staff()).ok("""
                mutation($input: OrderCancelInput!) { orderCancel(input: $input) {
                  order { status pickupSlot { slotId } } userErrors { code } } }""",
                "input", Map.of("orderId", orderId, "reason", "Shopper changed their mind"));
        assertThat(cancelled.getList("data.orderCancel.userErrors")).isEmpty();
        assertThat(cancelled.getString("data.orderCancel.order.status")).isEqualTo("CANCELLED");
        assertThat(cancelled.getString("data.orderCancel.order.pickupSlot")).isNull();
        assertThat(data.count("SELECT count(*) FROM pickup_slot_booking WHERE location_id = $1", s.store().key())).isZero();
        assertThat(data.count("SELECT booked FROM pickup_slot WHERE location_id = $1", s.store().key())).isZero();

        assertThat(choose(second, s.store(), slotId).getList("data.cartFulfilmentSet.userErrors")).isEmpty();
        assertThat(checkout(second, s.store()).getString("data.checkoutComplete.order.pickupSlot.slotId")).isEqualTo(slotId);
    }

    @Test
    void the_booked_slots_of_a_list_of_orders_are_read_in_one_statement() {
        Setup s = store(10, 20);
        for (int i = 0; i < 4; i++) {
            Checkouts.CartRef cart = Checkouts.guestCart(Checkouts.line(s.variant(), 1));
            choose(cart, s.store(), slotAhead(s.store()));
            assertThat(checkout(cart, s.store()).getList("data.checkoutComplete.userErrors")).isEmpty();
        }
        String withSlots = "query($filter: OrderFilter, $first: Int) { orders(filter: $filter, first: $first) { edges { node { id pickupSlot { startsAt } } } } }";
        String withoutSlots = "query($filter: OrderFilter, $first: Int) { orders(filter: $filter, first: $first) { edges { node { id } } } }";
        GraphQL staff = GraphQL.as(Tokens.staff());
        Map<String, Object> filter = Map.of("locationId", s.store().id());

        JsonPath four = staff.ok(withSlots, "filter", filter, "first", 4);
        assertThat(four.getList("data.orders.edges.node.pickupSlot.startsAt")).hasSize(4).doesNotContainNull();
        long forTwo = statements(staff, withSlots, filter, 2) - statements(staff, withoutSlots, filter, 2);
        long forFour = statements(staff, withSlots, filter, 4) - statements(staff, withoutSlots, filter, 4);
        assertThat(forTwo).isEqualTo(1);
        assertThat(forFour).isEqualTo(1);
    }

    private long statements(GraphQL client, String query, Map<String, Object> filter, int first) {
        client.ok(query, "filter", filter, "first", first);
        com.omnichannel.gateway.support.BackgroundWrites.settle();
        long before = db.statementCount();
        client.ok(query, "filter", filter, "first", first);
        return db.statementCount() - before;
    }

    @Test
    void checkout_at_another_store_than_the_slots_is_refused() {
        Setup s = store(2, 10);
        Setup other = store(2, 10);
        Checkouts.CartRef cart = Checkouts.guestCart(Checkouts.line(s.variant(), 1));
        choose(cart, s.store(), slotAhead(s.store()));
        data.stock(s.variant(), other.store(), 5);

        JsonPath refused = checkout(cart, other.store());
        assertThat(refused.getString("data.checkoutComplete.order")).isNull();
        assertThat(refused.getString("data.checkoutComplete.userErrors[0].code")).isEqualTo("INVALID_PICKUP_SLOT");
        assertThat(data.count("SELECT count(*) FROM pickup_slot_booking WHERE location_id = $1", s.store().key())).isZero();
    }
}
