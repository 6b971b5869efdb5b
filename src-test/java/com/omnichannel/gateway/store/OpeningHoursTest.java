package com.omnichannel.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Open now, next opening and closing in the store's zone, across clock changes, overnight hours and exceptions. */
class OpeningHoursTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    /** The same interval every day of the week. */
    static List<OpeningInterval> everyDay(String opens, String closes) {
        List<OpeningInterval> week = new ArrayList<>();
        for (Weekday day : Weekday.values()) {
            week.add(new OpeningInterval(day, opens, closes));
        }
        return week;
    }

    static Instant at(ZoneId zone, String localDateTime) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), zone).toInstant();
    }

    @Test
    void a_day_store_is_open_between_opening_and_closing_in_its_own_zone() {
        OpeningHours hours = new OpeningHours(BERLIN, everyDay("10:00", "20:00"), List.of());

        // 09:30 UTC is 10:30 in Berlin in winter.
        OpeningHours.Status open = hours.statusAt(Instant.parse("2026-01-14T09:30:00Z"));
        assertThat(open.openNow()).isTrue();
        assertThat(open.nextClosesAt()).isEqualTo(at(BERLIN, "2026-01-14T20:00"));
        assertThat(open.nextOpensAt()).isEqualTo(at(BERLIN, "2026-01-15T10:00"));

        OpeningHours.Status early = hours.statusAt(at(BERLIN, "2026-01-14T09:59"));
        assertThat(early.openNow()).isFalse();
        assertThat(early.nextOpensAt()).isEqualTo(at(BERLIN, "2026-01-14T10:00"));
        assertThat(early.nextClosesAt()).isEqualTo(at(BERLIN, "2026-01-14T20:00"));

        // Closing time itself is closed.
        assertThat(hours.statusAt(at(BERLIN, "2026-01-14T20:00")).openNow()).isFalse();
    }

    @Test
    void on_the_day_clocks_go_forward_in_berlin_the_hours_stay_local() {
        // 29 March 2026: 02:00 becomes 03:00 (UTC+1 to UTC+2).
        OpeningHours hours = new OpeningHours(BERLIN, everyDay("10:00", "20:00"), List.of());
        OpeningHours.Status before = hours.statusAt(Instant.parse("2026-03-29T00:30:00Z"));
        assertThat(before.openNow()).isFalse();
        assertThat(before.nextOpensAt()).isEqualTo(Instant.parse("2026-03-29T08:00:00Z"));
        assertThat(before.nextClosesAt()).isEqualTo(Instant.parse("2026-03-29T18:00:00Z"));
        // The day before, the same local hours were an hour later in UTC.
        assertThat(hours.statusAt(Instant.parse("2026-03-28T12:00:00Z")).nextClosesAt())
                .isEqualTo(Instant.parse("2026-03-28T19:00:00Z"));
    }

    @Test
    void an_overnight_interval_over_the_skipped_hour_is_an_hour_shorter() {
        // Open 22:00 to 06:00; in the night of 28 to 29 March 2026 that is 7 real hours.
        OpeningHours hours = new OpeningHours(BERLIN, everyDay("22:00", "06:00"), List.of());
        OpeningHours.Status night = hours.statusAt(at(BERLIN, "2026-03-29T01:30"));
        assertThat(night.openNow()).isTrue();
        assertThat(night.nextClosesAt()).isEqualTo(at(BERLIN, "2026-03-29T06:00"));
        assertThat(night.nextClosesAt()).isEqualTo(Instant.parse("2026-03-29T04:00:00Z"));
        assertThat(java.time.Duration.between(at(BERLIN, "2026-03-28T22:00"), night.nextClosesAt())).hasHours(7);
        // 03:30 local exists only in summer time: still open.
        assertThat(hours.statusAt(Instant.parse("2026-03-29T01:30:00Z")).openNow()).isTrue();
        assertThat(night.nextOpensAt()).isEqualTo(at(BERLIN, "2026-03-29T22:00"));
    }

    @Test
    void an_overnight_interval_over_the_repeated_hour_is_an_hour_longer() {
        // 25 October 2026: 03:00 goes back to 02:00 in Berlin.
        OpeningHours hours = new OpeningHours(BERLIN, everyDay("22:00", "06:00"), List.of());
        OpeningHours.Status night = hours.statusAt(Instant.parse("2026-10-25T00:30:00Z")); // 02:30 summer time
        assertThat(night.openNow()).isTrue();
        assertThat(night.nextClosesAt()).isEqualTo(Instant.parse("2026-10-25T05:00:00Z")); // 06:00 winter time
        assertThat(java.time.Duration.between(at(BERLIN, "2026-10-24T22:00"), night.nextClosesAt())).hasHours(9);
        // Both 02:30s are open.
        assertThat(hours.statusAt(Instant.parse("2026-10-25T01:30:00Z")).openNow()).isTrue();
    }

    @Test
    void an_opening_inside_the_skipped_hour_moves_forward_by_the_gap_in_new_york() {
        // 8 March 2026 in New York: 02:00 becomes 03:00 (UTC-5 to UTC-4).
        OpeningHours hours = new OpeningHours(NEW_YORK, everyDay("02:30", "12:00"), List.of());
        OpeningHours.Status status = hours.statusAt(Instant.parse("2026-03-08T06:00:00Z")); // 01:00 EST
        assertThat(status.openNow()).isFalse();
        assertThat(status.nextOpensAt()).isEqualTo(Instant.parse("2026-03-08T07:30:00Z")); // 03:30 EDT
        assertThat(status.nextClosesAt()).isEqualTo(Instant.parse("2026-03-08T16:00:00Z")); // 12:00 EDT
    }

    @Test
    void on_the_day_clocks_go_back_in_new_york_the_hours_stay_local() {
        // 1 November 2026: 02:00 goes back to 01:00 (UTC-4 to UTC-5).
        OpeningHours hours = new OpeningHours(NEW_YORK, everyDay("09:00", "21:00"), List.of());
        OpeningHours.Status status = hours.statusAt(Instant.parse("2026-11-01T12:00:00Z")); // 07:00 EST
        assertThat(status.openNow()).isFalse();
        assertThat(status.nextOpensAt()).isEqualTo(Instant.parse("2026-11-01T14:00:00Z"));
        assertThat(status.nextClosesAt()).isEqualTo(Instant.parse("2026-11-02T02:00:00Z"));
        // A day earlier the same local times were an hour earlier in UTC.
        assertThat(hours.statusAt(Instant.parse("2026-10-31T12:00:00Z")).nextOpensAt())
                .isEqualTo(Instant.parse("2026-10-31T13:00:00Z"));
    }

    @Test
    void an_overnight_interval_on_sunday_runs_into_monday() {
        OpeningHours hours = new OpeningHours(BERLIN, List.of(new OpeningInterval(Weekday.SUNDAY, "20:00", "02:00")), List.of());
        // Monday 4 January 2027 01:00.
        OpeningHours.Status status = hours.statusAt(at(BERLIN, "2027-01-04T01:00"));
        assertThat(status.openNow()).isTrue();
        assertThat(status.nextClosesAt()).isEqualTo(at(BERLIN, "2027-01-04T02:00"));
        assertThat(status.nextOpensAt()).isEqualTo(at(BERLIN, "2027-01-10T20:00"));
    }

    @Test
    void a_closed_day_and_a_special_day_override_the_week() {
        List<HoursException> exceptions = List.of(
                HoursException.of(LocalDate.parse("2026-12-25"), null, null, "Christmas"),
                HoursException.of(LocalDate.parse("2026-12-24"), LocalTime.parse("08:00"), LocalTime.parse("14:00"), "Christmas Eve"));
        OpeningHours hours = new OpeningHours(BERLIN, everyDay("10:00", "20:00"), exceptions);

        OpeningHours.Status eve = hours.statusAt(at(BERLIN, "2026-12-24T09:00"));
        assertThat(eve.openNow()).isTrue();
        assertThat(eve.nextClosesAt()).isEqualTo(at(BERLIN, "2026-12-24T14:00"));
        // Closed on the 25th: the next opening is the 26th.
        assertThat(eve.nextOpensAt()).isEqualTo(at(BERLIN, "2026-12-26T10:00"));
        assertThat(hours.statusAt(at(BERLIN, "2026-12-25T12:00")).openNow()).isFalse();
    }

    @Test
    void adjacent_intervals_are_one_opening_and_a_store_open_around_the_clock_never_closes() {
        OpeningHours lateNight = new OpeningHours(BERLIN, List.of(new OpeningInterval(Weekday.FRIDAY, "10:00", "00:00"),
                new OpeningInterval(Weekday.SATURDAY, "00:00", "03:00")), List.of());
        // Friday 8 January 2027 23:00: open until Saturday 03:00, not midnight.
        assertThat(lateNight.statusAt(at(BERLIN, "2027-01-08T23:00")).nextClosesAt()).isEqualTo(at(BERLIN, "2027-01-09T03:00"));

        OpeningHours always = new OpeningHours(BERLIN, everyDay("00:00", "00:00"), List.of());
        OpeningHours.Status status = always.statusAt(Instant.parse("2026-10-25T01:30:00Z"));
        assertThat(status.openNow()).isTrue();
        assertThat(status.nextClosesAt()).isNull();
        assertThat(status.nextOpensAt()).isNull();
    }

    @Test
    void a_store_open_on_one_special_day_only_opens_and_closes_that_day() {
        OpeningHours hours = new OpeningHours(BERLIN, List.of(),
                List.of(HoursException.of(LocalDate.parse("2026-07-04"), LocalTime.parse("10:00"), LocalTime.parse("12:00"), "Pop-up")));
        OpeningHours.Status before = hours.statusAt(at(BERLIN, "2026-07-01T09:00"));
        assertThat(before.openNow()).isFalse();
        assertThat(before.nextOpensAt()).isEqualTo(at(BERLIN, "2026-07-04T10:00"));
        assertThat(before.nextClosesAt()).isEqualTo(at(BERLIN, "2026-07-04T12:00"));
        OpeningHours.Status during = hours.statusAt(at(BERLIN, "2026-07-04T11:00"));
        assertThat(during.openNow()).isTrue();
        assertThat(during.nextClosesAt()).isEqualTo(at(BERLIN, "2026-07-04T12:00"));
        assertThat(during.nextOpensAt()).isNull();
        assertThat(hours.statusAt(at(BERLIN, "2026-07-04T12:00"))).isEqualTo(new OpeningHours.Status(false, null, null));
    }

    @Test
    void a_store_without_hours_is_neither_open_nor_closed() {
        OpeningHours.Status status = new OpeningHours(BERLIN, List.of(), List.of()).statusAt(Instant.now());
        assertThat(status.openNow()).isNull();
        assertThat(status.nextOpensAt()).isNull();
        assertThat(status.nextClosesAt()).isNull();
    }

    @Test
    void the_first_open_instant_is_now_when_open_else_the_next_opening() {
        OpeningHours hours = new OpeningHours(BERLIN, everyDay("10:00", "20:00"), List.of());
        assertThat(hours.openAtOrAfter(at(BERLIN, "2026-06-10T16:30"))).isEqualTo(at(BERLIN, "2026-06-10T16:30"));
        assertThat(hours.openAtOrAfter(at(BERLIN, "2026-06-10T21:10"))).isEqualTo(at(BERLIN, "2026-06-11T10:00"));
    }
}
