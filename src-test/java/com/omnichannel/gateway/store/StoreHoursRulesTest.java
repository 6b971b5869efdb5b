package com.omnichannel.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.platform.errors.UserError;

/** What staff may set as hours: every refusal names its code and field. */
class StoreHoursRulesTest {

    static StoreInputs.OpeningIntervalInput interval(Weekday day, String opens, String closes) {
        return new StoreInputs.OpeningIntervalInput(day, opens, closes);
    }

    static List<UserError> errors(String zone, List<StoreInputs.OpeningIntervalInput> weekly,
            List<StoreInputs.HoursExceptionInput> exceptions) {
        List<UserError> errors = new ArrayList<>();
        StoreHoursRules.validate(new StoreInputs.HoursSet("id", zone, weekly, exceptions), errors);
        return errors;
    }

    @Test
    void valid_hours_with_a_lunch_break_an_overnight_sunday_and_a_closed_holiday_pass() {
        List<UserError> errors = errors("America/New_York", List.of(
                interval(Weekday.MONDAY, "09:00", "12:00"), interval(Weekday.MONDAY, "13:00", "18:00"),
                interval(Weekday.SATURDAY, "10:00", "24:00"), interval(Weekday.SUNDAY, "20:00", "02:00")),
                List.of(new StoreInputs.HoursExceptionInput("2026-12-25", null, null, "Christmas")));
        assertThat(errors).isEmpty();
    }

    @Test
    void an_unknown_zone_is_refused() {
        assertThat(errors("Mars/Olympus", List.of(), List.of())).extracting(e -> e.code().name()).containsExactly("UNKNOWN_TIME_ZONE");
        assertThat(errors("+02:00", List.of(), List.of())).extracting(e -> e.code().name()).containsExactly("UNKNOWN_TIME_ZONE");
    }

    @Test
    void times_that_are_not_hh_mm_are_refused_with_their_index() {
        List<UserError> errors = errors("Europe/Berlin", List.of(interval(Weekday.MONDAY, "09:00", "18:00"),
                interval(Weekday.TUESDAY, "9am", "18:00"), interval(Weekday.WEDNESDAY, "25:00", "18:00"),
                interval(Weekday.THURSDAY, "24:00", "18:00")), null);
        assertThat(errors).extracting(e -> e.code().name()).containsOnly("INVALID_OPENING_HOURS");
        assertThat(errors).extracting(e -> e.field().get(2)).containsExactly("1", "2", "3");
    }

    @Test
    void overlapping_intervals_are_refused_also_when_an_overnight_one_runs_into_the_next_day() {
        assertThat(errors("Europe/Berlin", List.of(interval(Weekday.MONDAY, "09:00", "13:00"),
                interval(Weekday.MONDAY, "12:00", "18:00")), null))
                .extracting(e -> e.code().name()).containsExactly("OVERLAPPING_OPENING_HOURS");
        assertThat(errors("Europe/Berlin", List.of(interval(Weekday.FRIDAY, "20:00", "03:00"),
                interval(Weekday.SATURDAY, "02:00", "10:00")), null))
                .extracting(e -> e.code().name()).containsExactly("OVERLAPPING_OPENING_HOURS");
        // Sunday night into Monday morning wraps around the week.
        assertThat(errors("Europe/Berlin", List.of(interval(Weekday.MONDAY, "01:00", "09:00"),
                interval(Weekday.SUNDAY, "22:00", "02:00")), null))
                .extracting(e -> e.code().name()).containsExactly("OVERLAPPING_OPENING_HOURS");
        // Touching is not overlapping.
        assertThat(errors("Europe/Berlin", List.of(interval(Weekday.MONDAY, "09:00", "12:00"),
                interval(Weekday.MONDAY, "12:00", "18:00")), null)).isEmpty();
    }

    @Test
    void exceptions_need_a_real_date_once_and_both_times_or_neither() {
        List<UserError> errors = errors("Europe/Berlin", List.of(), List.of(
                new StoreInputs.HoursExceptionInput("2026-02-30", null, null, null),
                new StoreInputs.HoursExceptionInput("2026-12-24", "08:00", null, null),
                new StoreInputs.HoursExceptionInput("2026-12-31", "08:00", "14:00", null),
                new StoreInputs.HoursExceptionInput("2026-12-31", null, null, null)));
        assertThat(errors).extracting(e -> e.code().name())
                .containsExactly("INVALID_HOURS_EXCEPTION", "INVALID_OPENING_HOURS", "OVERLAPPING_OPENING_HOURS");
    }

    @Test
    void a_long_reason_and_too_many_exceptions_are_refused() {
        assertThat(errors("Europe/Berlin", List.of(), List.of(new StoreInputs.HoursExceptionInput("2026-12-24", null, null, "x".repeat(201)))))
                .extracting(e -> e.code().name()).containsExactly("INVALID_HOURS_EXCEPTION");
        List<StoreInputs.HoursExceptionInput> many = new ArrayList<>();
        for (int i = 0; i < 401; i++) {
            many.add(new StoreInputs.HoursExceptionInput(java.time.LocalDate.parse("2027-01-01").plusDays(i).toString(), null, null, null));
        }
        assertThat(errors("Europe/Berlin", List.of(), many)).extracting(e -> e.code().name()).containsExactly("INVALID_HOURS_EXCEPTION");
        assertThat(errors("Europe/Berlin", List.of(), many.subList(0, 400))).isEmpty();
    }

    @Test
    void pickup_settings_need_slot_length_and_capacity_together_within_bounds() {
        assertThat(pickupErrors(120, 30, 4)).isEmpty();
        assertThat(pickupErrors(null, null, null)).isEmpty();
        assertThat(pickupErrors(-1, null, null)).extracting(e -> e.code().name()).containsExactly("INVALID_PICKUP_SETTINGS");
        assertThat(pickupErrors(null, 30, null)).extracting(e -> e.code().name()).containsExactly("INVALID_PICKUP_SETTINGS");
        assertThat(pickupErrors(null, 2, 4)).extracting(e -> e.code().name()).containsExactly("INVALID_PICKUP_SETTINGS");
        assertThat(pickupErrors(null, 30, 0)).extracting(e -> e.code().name()).containsExactly("INVALID_PICKUP_SETTINGS");
    }

    private static List<UserError> pickupErrors(Integer preparation, Integer slotMinutes, Integer capacity) {
        List<UserError> errors = new ArrayList<>();
        StoreHoursRules.validate(new StoreInputs.PickupSet("id", preparation, slotMinutes, capacity), errors);
        return errors;
    }
}
