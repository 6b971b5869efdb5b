package com.omnichannel.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Pickup slots fall within opening hours, after the preparation time, back to back from each opening. */
class PickupSlotPlanTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void slots_start_at_the_opening_and_end_by_the_closing() {
        OpeningHours hours = new OpeningHours(BERLIN, OpeningHoursTest.everyDay("10:00", "11:45"), List.of());
        List<Instant> starts = PickupSlotPlan.starts(hours, 30, Instant.MIN,
                OpeningHoursTest.at(BERLIN, "2026-06-10T00:00"), OpeningHoursTest.at(BERLIN, "2026-06-11T00:00"));
        // 11:30 would end after 11:45.
        assertThat(starts).containsExactly(OpeningHoursTest.at(BERLIN, "2026-06-10T10:00"),
                OpeningHoursTest.at(BERLIN, "2026-06-10T10:30"), OpeningHoursTest.at(BERLIN, "2026-06-10T11:00"));
    }

    @Test
    void no_slot_starts_before_the_order_could_be_prepared() {
        OpeningHours hours = new OpeningHours(BERLIN, OpeningHoursTest.everyDay("10:00", "20:00"), List.of());
        // Ready at 17:10 at the earliest: the first slot is 17:30, and the day after starts at the opening.
        List<Instant> starts = PickupSlotPlan.starts(hours, 30, OpeningHoursTest.at(BERLIN, "2026-06-10T17:10"),
                OpeningHoursTest.at(BERLIN, "2026-06-10T00:00"), OpeningHoursTest.at(BERLIN, "2026-06-11T11:00"));
        assertThat(starts).containsExactly(OpeningHoursTest.at(BERLIN, "2026-06-10T17:30"),
                OpeningHoursTest.at(BERLIN, "2026-06-10T18:00"), OpeningHoursTest.at(BERLIN, "2026-06-10T18:30"),
                OpeningHoursTest.at(BERLIN, "2026-06-10T19:00"), OpeningHoursTest.at(BERLIN, "2026-06-10T19:30"),
                OpeningHoursTest.at(BERLIN, "2026-06-11T10:00"), OpeningHoursTest.at(BERLIN, "2026-06-11T10:30"));
        assertThat(PickupSlotPlan.offers(hours, 30, OpeningHoursTest.at(BERLIN, "2026-06-10T17:10"),
                OpeningHoursTest.at(BERLIN, "2026-06-10T17:00"))).isFalse();
        assertThat(PickupSlotPlan.offers(hours, 30, Instant.MIN, OpeningHoursTest.at(BERLIN, "2026-06-10T17:15"))).isFalse();
        assertThat(PickupSlotPlan.offers(hours, 30, Instant.MIN, OpeningHoursTest.at(BERLIN, "2026-06-10T17:30"))).isTrue();
    }

    @Test
    void the_night_clocks_go_back_has_an_hour_more_of_slots() {
        OpeningHours hours = new OpeningHours(BERLIN, OpeningHoursTest.everyDay("22:00", "06:00"), List.of());
        List<Instant> longNight = PickupSlotPlan.starts(hours, 60, Instant.MIN,
                OpeningHoursTest.at(BERLIN, "2026-10-24T12:00"), OpeningHoursTest.at(BERLIN, "2026-10-25T12:00"));
        List<Instant> shortNight = PickupSlotPlan.starts(hours, 60, Instant.MIN,
                OpeningHoursTest.at(BERLIN, "2026-03-28T12:00"), OpeningHoursTest.at(BERLIN, "2026-03-29T12:00"));
        assertThat(longNight).hasSize(9);
        assertThat(shortNight).hasSize(7);
    }
}
