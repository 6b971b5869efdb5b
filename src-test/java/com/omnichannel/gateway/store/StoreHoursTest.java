package com.omnichannel.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.checkout.Checkouts;
import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.TestData;
import com.omnichannel.gateway.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Staff set a store's hours and pickup; shoppers read open now, the next opening and closing and when a pickup
 * would be ready, all in the store's zone. The instants asserted do not depend on when the test runs.
 */
@QuarkusTest
class StoreHoursTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static final String STORE = "query($id: ID!) { store(id: $id) { " + StoreHoursFixtures.STORE_FIELDS + " } }";

    @Inject
    TestData data;

    /** A date some days ahead in Berlin, and its 10:00 local as the service writes it. */
    static LocalDate daysAhead(int days) {
        return LocalDate.now(BERLIN).plusDays(days);
    }

    static OffsetDateTime berlin(LocalDate date, int hour) {
        return date.atTime(hour, 0).atZone(BERLIN).toOffsetDateTime();
    }

    @Test
    void staff_set_weekly_hours_and_exceptions_and_every_client_reads_them() {
        TestData.Ref store = data.store(TestData.unique("Hours"), 52.5, 13.4);
        LocalDate holiday = daysAhead(20);
        JsonPath set = StoreHoursFixtures.setHours(store, "Europe/Berlin", List.of(
                StoreHoursFixtures.interval("MONDAY", "09:00", "13:00"), StoreHoursFixtures.interval("MONDAY", "14:00", "18:00"),
                StoreHoursFixtures.interval("FRIDAY", "18:00", "02:00")),
                List.of(Map.of("date", holiday.toString(), "reason", "Holiday")));
        assertThat(set.getString("hours.timeZone")).isEqualTo("Europe/Berlin");

        JsonPath read = GraphQL.anonymous().ok(STORE, "id", store.id()).setRootPath("data.store");
        assertThat(read.getList("hours.weekly.day")).containsExactly("MONDAY", "MONDAY", "FRIDAY");
        assertThat(read.getList("hours.weekly.opens")).containsExactly("09:00", "14:00", "18:00");
        assertThat(read.getList("hours.weekly.closes")).containsExactly("13:00", "18:00", "02:00");
        assertThat(read.getString("hours.exceptions[0].date")).isEqualTo(holiday.toString());
        assertThat(read.getBoolean("hours.exceptions[0].closed")).isTrue();
        assertThat(read.getString("hours.exceptions[0].reason")).isEqualTo("Holiday");
        assertThat(read.getInt("pickup.preparationMinutes")).isEqualTo(120);
        assertThat(read.getString("pickup.slotMinutes")).isNull();
    }

    @Test
    void a_store_open_only_on_a_special_day_ahead_is_closed_now_and_opens_then() {
        TestData.Ref store = data.store(TestData.unique("Special day"), 52.5, 13.4);
        LocalDate day = daysAhead(3);
        StoreHoursFixtures.setHours(store, "Europe/Berlin", List.of(),
                List.of(Map.of("date", day.toString(), "opens", "10:00", "closes", "12:00", "reason", "Pop-up")));

        JsonPath read = GraphQL.anonymous().ok(STORE, "id", store.id()).setRootPath("data.store");
        assertThat(read.getBoolean("openNow")).isFalse();
        assertThat(OffsetDateTime.parse(read.getString("nextOpensAt"))).isEqualTo(berlin(day, 10));
        assertThat(read.getString("nextOpensAt")).endsWith("Z");
        assertThat(OffsetDateTime.parse(read.getString("nextClosesAt"))).isEqualTo(berlin(day, 12));
    }

    @Test
    void a_store_open_around_the_clock_is_open_now_and_never_closes_and_one_without_hours_is_unknown() {
        TestData.Ref always = data.store(TestData.unique("Always"), 52.5, 13.4);
        StoreHoursFixtures.setHours(always, "America/New_York", StoreHoursFixtures.everyDay("00:00", "24:00"), List.of());
        JsonPath open = GraphQL.anonymous().ok(STORE, "id", always.id()).setRootPath("data.store");
        assertThat(open.getBoolean("openNow")).isTrue();
        assertThat(open.getString("nextClosesAt")).isNull();
        assertThat(open.getString("nextOpensAt")).isNull();

        TestData.Ref unknown = data.store(TestData.unique("No hours"), 52.5, 13.4);
        JsonPath none = GraphQL.anonymous().ok(STORE, "id", unknown.id()).setRootPath("data.store");
        assertThat(none.getString("openNow")).isNull();
        assertThat(none.getString("hours.timeZone")).isEqualTo("UTC");
        assertThat(none.getList("hours.weekly")).isEmpty();
    }

    @Test
    void invalid_hours_are_refused_with_user_errors_and_change_nothing() {
        TestData.Ref store = data.store(TestData.unique("Refused"), 52.5, 13.4);
        StoreHoursFixtures.setHours(store, "Europe/Berlin", StoreHoursFixtures.everyDay("10:00", "20:00"), List.of());

        JsonPath refused = GraphQL.as(Tokens.staff()).ok(StoreHoursFixtures.SET_HOURS, "input", StoreHoursFixtures.hours(store,
                "Europe/Atlantis", List.of(StoreHoursFixtures.interval("MONDAY", "09:00", "13:00"),
                        StoreHoursFixtures.interval("MONDAY", "12:00", "18:00"), StoreHoursFixtures.interval("TUESDAY", "9:00", "18:00")),
                List.of(Map.of("date", "2026-13-01"))));
        assertThat(refused.getString("data.storeHoursSet.store")).isNull();
        assertThat(refused.getList("data.storeHoursSet.userErrors.code")).containsExactlyInAnyOrder(
                "UNKNOWN_TIME_ZONE", "INVALID_OPENING_HOURS", "INVALID_HOURS_EXCEPTION");
        JsonPath overlap = GraphQL.as(Tokens.staff()).ok(StoreHoursFixtures.SET_HOURS, "input", StoreHoursFixtures.hours(store,
                "Europe/Berlin", List.of(StoreHoursFixtures.interval("SUNDAY", "22:00", "03:00"),
                        StoreHoursFixtures.interval("MONDAY", "02:00", "10:00")), List.of()));
        assertThat(overlap.getString("data.storeHoursSet.userErrors[0].code")).isEqualTo("OVERLAPPING_OPENING_HOURS");
        assertThat(overlap.getList("data.storeHoursSet.userErrors[0].field")).containsExactly("input", "weekly", "1");

        Map<String, Object> withoutExceptions = new HashMap<>(StoreHoursFixtures.hours(
                new TestData.Ref(0, "bm9wZQ"), "Europe/Berlin", List.of(), List.of()));
        withoutExceptions.remove("exceptions");
        JsonPath unknownStore = GraphQL.as(Tokens.staff()).ok(StoreHoursFixtures.SET_HOURS, "input", withoutExceptions);
        assertThat(unknownStore.getString("data.storeHoursSet.userErrors[0].code")).isEqualTo("UNKNOWN_STORE");

        JsonPath read = GraphQL.anonymous().ok(STORE, "id", store.id()).setRootPath("data.store");
        assertThat(read.getString("hours.timeZone")).isEqualTo("Europe/Berlin");
        assertThat(read.getList("hours.weekly")).hasSize(7);
    }

    @Test
    void only_staff_set_hours_and_pickup() {
        TestData.Ref store = data.store(TestData.unique("Staff only"), 52.5, 13.4);
        Map<String, Object> input = StoreHoursFixtures.hours(store, "Europe/Berlin", List.of(), List.of());
        assertThat(GraphQL.anonymous().execute(StoreHoursFixtures.SET_HOURS, "input", input).getString("errors[0].extensions.code"))
                .isEqualTo("UNAUTHENTICATED");
        assertThat(GraphQL.as(Tokens.customer("c-" + TestData.unique("x"))).execute(StoreHoursFixtures.SET_HOURS, "input", input)
                .getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");
        Map<String, Object> pickup = new HashMap<>();
        pickup.put("storeId", store.id());
        pickup.put("slotMinutes", 30);
        assertThat(GraphQL.as(Tokens.kiosk(store.id())).execute(StoreHoursFixtures.SET_PICKUP, "input", pickup)
                .getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");
        JsonPath refused = GraphQL.as(Tokens.staff()).ok(StoreHoursFixtures.SET_PICKUP, "input", pickup);
        assertThat(refused.getString("data.storePickupSet.userErrors[0].code")).isEqualTo("INVALID_PICKUP_SETTINGS");
    }

    @Test
    void pickup_is_ready_at_the_first_opening_after_the_preparation_time_on_availability_and_on_the_cart() {
        TestData.Ref store = data.store(TestData.unique("Promise"), 52.5, 13.4);
        TestData.Ref empty = data.store(TestData.unique("Promise empty"), 52.5, 13.4);
        LocalDate day = daysAhead(2);
        for (TestData.Ref s : List.of(store, empty)) {
            StoreHoursFixtures.setHours(s, "Europe/Berlin", List.of(),
                    List.of(Map.of("date", day.toString(), "opens", "10:00", "closes", "18:00")));
            StoreHoursFixtures.setPickup(s, 90, null, null);
        }
        TestData.ProductRef product = data.product(TestData.unique("Promised"), data.category(TestData.unique("Promise cat"), null), 2500);
        data.stock(product.variant(0), store, 4);

        JsonPath availability = GraphQL.anonymous().ok("""
                query($sku: String!, $store: ID!) { productVariant(sku: $sku) {
                  storeAvailability(storeId: $store, first: 50) { store { id } available pickupReadyBy } } }""",
                "sku", product.variant(0).sku(), "store", store.id());
        List<Map<String, Object>> rows = availability.getList("data.productVariant.storeAvailability");
        Map<String, Object> here = rows.stream().filter(r -> ((Map<?, ?>) r.get("store")).get("id").equals(store.id())).findFirst().orElseThrow();
        Map<String, Object> none = rows.stream().filter(r -> ((Map<?, ?>) r.get("store")).get("id").equals(empty.id())).findFirst().orElseThrow();
        // Closed until that day, so ready when it opens, not 90 minutes from now.
        assertThat(OffsetDateTime.parse((String) here.get("pickupReadyBy"))).isEqualTo(berlin(day, 10));
        assertThat(none.get("pickupReadyBy")).isNull();

        Checkouts.CartRef cart = Checkouts.guestCart(Checkouts.line(product.variant(0), 1));
        JsonPath chosen = cart.client().ok("""
                mutation($input: CartFulfilmentSetInput!) { cartFulfilmentSet(input: $input) {
                  cart { fulfilment { type pickupReadyBy pickupSlot { slotId } } } userErrors { code } } }""",
                "input", Map.of("cartId", cart.id(), "type", "PICKUP", "storeId", store.id()));
        assertThat(OffsetDateTime.parse(chosen.getString("data.cartFulfilmentSet.cart.fulfilment.pickupReadyBy"))).isEqualTo(berlin(day, 10));
        assertThat(chosen.getString("data.cartFulfilmentSet.cart.fulfilment.pickupSlot")).isNull();
    }

    @Test
    void a_store_open_now_promises_pickup_after_its_preparation_time() {
        TestData.Ref store = data.store(TestData.unique("Open now"), 52.5, 13.4);
        StoreHoursFixtures.setHours(store, "Europe/Berlin", StoreHoursFixtures.everyDay("00:00", "00:00"), List.of());
        StoreHoursFixtures.setPickup(store, 45, null, null);
        TestData.ProductRef product = data.product(TestData.unique("Soon"), data.category(TestData.unique("Soon cat"), null), 1000);
        data.stock(product.variant(0), store, 1);

        OffsetDateTime before = OffsetDateTime.now();
        Checkouts.CartRef cart = Checkouts.guestCart(Checkouts.line(product.variant(0), 1));
        JsonPath chosen = cart.client().ok("""
                mutation($input: CartFulfilmentSetInput!) { cartFulfilmentSet(input: $input) { cart { fulfilment { pickupReadyBy } } } }""",
                "input", Map.of("cartId", cart.id(), "type", "PICKUP", "storeId", store.id()));
        OffsetDateTime after = OffsetDateTime.now();
        OffsetDateTime readyBy = OffsetDateTime.parse(chosen.getString("data.cartFulfilmentSet.cart.fulfilment.pickupReadyBy"));
        assertThat(readyBy).isBetween(before.plus(Duration.ofMinutes(45)).minusSeconds(1), after.plus(Duration.ofMinutes(45)).plusSeconds(1));
    }
}
