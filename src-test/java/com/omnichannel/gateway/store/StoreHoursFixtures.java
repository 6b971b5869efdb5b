package com.omnichannel.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.TestData;
import com.omnichannel.gateway.support.Tokens;

import io.restassured.path.json.JsonPath;

/** Setting a store's hours and pickup through the API, as staff do. */
final class StoreHoursFixtures {

    static final String STORE_FIELDS = """
            id openingHours openNow nextOpensAt nextClosesAt
            hours { timeZone weekly { day opens closes } exceptions { date opens closes closed reason } }
            pickup { preparationMinutes slotMinutes slotCapacity }""";

    static final String SET_HOURS = "mutation($input: StoreHoursSetInput!) { storeHoursSet(input: $input) { store { "
            + STORE_FIELDS + " } userErrors { code field message } } }";

    static final String SET_PICKUP = "mutation($input: StorePickupSetInput!) { storePickupSet(input: $input) { store { "
            + STORE_FIELDS + " } userErrors { code field message } } }";

    private StoreHoursFixtures() {
    }

    static Map<String, Object> interval(String day, String opens, String closes) {
        return Map.of("day", day, "opens", opens, "closes", closes);
    }

    /** The same interval every day. */
    static List<Map<String, Object>> everyDay(String opens, String closes) {
        List<Map<String, Object>> week = new ArrayList<>();
        for (Weekday day : Weekday.values()) {
            week.add(interval(day.name(), opens, closes));
        }
        return week;
    }

    static Map<String, Object> hours(TestData.Ref store, String zone, List<Map<String, Object>> weekly, List<Map<String, Object>> exceptions) {
        Map<String, Object> input = new HashMap<>();
        input.put("storeId", store.id());
        input.put("timeZone", zone);
        input.put("weekly", weekly);
        input.put("exceptions", exceptions);
        return input;
    }

    static JsonPath setHours(TestData.Ref store, String zone, List<Map<String, Object>> weekly, List<Map<String, Object>> exceptions) {
        JsonPath result = GraphQL.as(Tokens.staff()).ok(SET_HOURS, "input", hours(store, zone, weekly, exceptions));
        assertThat(result.getList("data.storeHoursSet.userErrors")).as(result.prettify()).isEmpty();
        return result.setRootPath("data.storeHoursSet.store");
    }

    static JsonPath setPickup(TestData.Ref store, Integer preparationMinutes, Integer slotMinutes, Integer slotCapacity) {
        Map<String, Object> input = new HashMap<>();
        input.put("storeId", store.id());
        input.put("preparationMinutes", preparationMinutes);
        input.put("slotMinutes", slotMinutes);
        input.put("slotCapacity", slotCapacity);
        JsonPath result = GraphQL.as(Tokens.staff()).ok(SET_PICKUP, "input", input);
        assertThat(result.getList("data.storePickupSet.userErrors")).as(result.prettify()).isEmpty();
        return result.setRootPath("data.storePickupSet.store");
    }

    /** A store open around the clock in Berlin that prepares orders at once and offers slots of 30 minutes. */
    static void openAroundTheClockWithSlots(TestData.Ref store, int capacity) {
        setHours(store, "Europe/Berlin", everyDay("00:00", "00:00"), List.of());
        setPickup(store, 0, 30, capacity);
    }
}
