package com.omnichannel.gateway.store;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.omnichannel.gateway.platform.errors.UserError;

/** What staff may set as a store's hours and pickup settings; every failure is a user error naming its field. */
final class StoreHoursRules {

    static final int MAX_INTERVALS = 7 * 6;
    static final int MAX_EXCEPTIONS = 400;
    static final int MAX_REASON = 200;
    static final int MAX_PREPARATION_MINUTES = 7 * 24 * 60;
    static final int MIN_SLOT_MINUTES = 5;
    static final int MAX_SLOT_MINUTES = 480;
    static final int MAX_SLOT_CAPACITY = 1000;
    private static final int WEEK_MINUTES = 7 * 24 * 60;

    private StoreHoursRules() {
    }

    /** Hours that passed every rule. */
    record ValidHours(ZoneId zone, List<OpeningInterval> weekly, List<HoursException> exceptions) {
    }

    /** The valid hours, or the user errors (the list is filled and null returned). */
    static ValidHours validate(StoreInputs.HoursSet input, List<UserError> errors) {
        ZoneId zone = null;
        if (input.timeZone() == null || !ZoneId.getAvailableZoneIds().contains(input.timeZone())) {
            errors.add(UserError.of("UNKNOWN_TIME_ZONE", "Give an IANA time zone such as Europe/Berlin", "input", "timeZone"));
        } else {
            zone = ZoneId.of(input.timeZone());
        }
        List<OpeningInterval> weekly = new ArrayList<>();
        if (input.weekly().size() > MAX_INTERVALS) {
            errors.add(UserError.of("INVALID_OPENING_HOURS", "At most " + MAX_INTERVALS + " intervals a week", "input", "weekly"));
        } else {
            for (int i = 0; i < input.weekly().size(); i++) {
                StoreInputs.OpeningIntervalInput in = input.weekly().get(i);
                LocalTime opens = opening(in.opens());
                LocalTime closes = LocalTimes.parse(in.closes());
                if (opens == null || closes == null) {
                    errors.add(UserError.of("INVALID_OPENING_HOURS", "Opening and closing times are HH:mm, e.g. 09:30",
                            "input", "weekly", String.valueOf(i)));
                } else {
                    weekly.add(OpeningInterval.of(in.day(), opens, closes));
                }
            }
            if (weekly.size() == input.weekly().size()) {
                int[] pair = overlapping(weekly);
                if (pair != null) {
                    errors.add(UserError.of("OVERLAPPING_OPENING_HOURS",
                            "Intervals overlap: " + describe(weekly.get(pair[0])) + " and " + describe(weekly.get(pair[1])),
                            "input", "weekly", String.valueOf(pair[1])));
                }
            }
        }
        List<HoursException> exceptions = new ArrayList<>();
        List<StoreInputs.HoursExceptionInput> given = input.exceptions() == null ? List.of() : input.exceptions();
        if (given.size() > MAX_EXCEPTIONS) {
            errors.add(UserError.of("INVALID_HOURS_EXCEPTION", "At most " + MAX_EXCEPTIONS + " exceptions", "input", "exceptions"));
            given = List.of();
        }
        Set<LocalDate> dates = new HashSet<>();
        for (int i = 0; i < given.size(); i++) {
            StoreInputs.HoursExceptionInput in = given.get(i);
            String index = String.valueOf(i);
            if (in == null) {
                errors.add(UserError.of("INVALID_HOURS_EXCEPTION", "An exception cannot be null", "input", "exceptions", index));
                continue;
            }
            LocalDate date = date(in.date());
            boolean closedAllDay = in.opens() == null && in.closes() == null;
            LocalTime opens = opening(in.opens());
            LocalTime closes = LocalTimes.parse(in.closes());
            if (date == null) {
                errors.add(UserError.of("INVALID_HOURS_EXCEPTION", "A date is YYYY-MM-DD", "input", "exceptions", index, "date"));
            } else if (!dates.add(date)) {
                errors.add(UserError.of("OVERLAPPING_OPENING_HOURS", "Two exceptions for " + date, "input", "exceptions", index, "date"));
            } else if (!closedAllDay && (opens == null || closes == null)) {
                errors.add(UserError.of("INVALID_OPENING_HOURS",
                        "Give both opening and closing time as HH:mm, or neither for a day closed all day", "input", "exceptions", index));
            } else if (in.reason() != null && in.reason().length() > MAX_REASON) {
                errors.add(UserError.of("INVALID_HOURS_EXCEPTION", "A reason has at most " + MAX_REASON + " characters",
                        "input", "exceptions", index, "reason"));
            } else {
                String reason = in.reason() == null || in.reason().isBlank() ? null : in.reason().strip();
                exceptions.add(HoursException.of(date, closedAllDay ? null : opens, closedAllDay ? null : closes, reason));
            }
        }
        exceptions.sort((a, b) -> a.date().compareTo(b.date()));
        return errors.isEmpty() ? new ValidHours(zone, weekly, exceptions) : null;
    }

    static void validate(StoreInputs.PickupSet input, List<UserError> errors) {
        Integer preparation = input.preparationMinutes();
        if (preparation != null && (preparation < 0 || preparation > MAX_PREPARATION_MINUTES)) {
            errors.add(UserError.of("INVALID_PICKUP_SETTINGS", "Preparation takes 0 to " + MAX_PREPARATION_MINUTES + " minutes",
                    "input", "preparationMinutes"));
        }
        Integer minutes = input.slotMinutes();
        Integer capacity = input.slotCapacity();
        if ((minutes == null) != (capacity == null)) {
            errors.add(UserError.of("INVALID_PICKUP_SETTINGS", "Give slotMinutes and slotCapacity together, or neither",
                    "input", minutes == null ? "slotMinutes" : "slotCapacity"));
        } else if (minutes != null && (minutes < MIN_SLOT_MINUTES || minutes > MAX_SLOT_MINUTES)) {
            errors.add(UserError.of("INVALID_PICKUP_SETTINGS", "A slot lasts " + MIN_SLOT_MINUTES + " to " + MAX_SLOT_MINUTES + " minutes",
                    "input", "slotMinutes"));
        } else if (capacity != null && (capacity < 1 || capacity > MAX_SLOT_CAPACITY)) {
            errors.add(UserError.of("INVALID_PICKUP_SETTINGS", "A slot takes 1 to " + MAX_SLOT_CAPACITY + " orders",
                    "input", "slotCapacity"));
        }
    }

    /** An opening time: HH:mm, where 24:00 (an end, not a start) is refused. */
    private static LocalTime opening(String text) {
        return "24:00".equals(text) ? null : LocalTimes.parse(text);
    }

    private static LocalDate date(String text) {
        try {
            return text == null || text.length() != 10 ? null : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The indexes of the first two intervals that share a minute of the week, overnight ones wrapping into the next day. */
    static int[] overlapping(List<OpeningInterval> weekly) {
        for (int a = 0; a < weekly.size(); a++) {
            for (int b = a + 1; b < weekly.size(); b++) {
                if (overlap(weekMinutes(weekly.get(a)), weekMinutes(weekly.get(b)))) {
                    return new int[] {a, b};
                }
            }
        }
        return null;
    }

    /** The interval as [start, end) minutes from Monday 00:00; the end may pass Sunday midnight. */
    private static int[] weekMinutes(OpeningInterval interval) {
        LocalTime opens = interval.opensAt();
        int start = interval.day().ordinal() * 24 * 60 + opens.getHour() * 60 + opens.getMinute();
        return new int[] {start, start + OpeningHours.localMinutes(opens, interval.closesAt())};
    }

    private static boolean overlap(int[] a, int[] b) {
        for (int shift = -WEEK_MINUTES; shift <= WEEK_MINUTES; shift += WEEK_MINUTES) {
            if (a[0] < b[1] + shift && b[0] + shift < a[1]) {
                return true;
            }
        }
        return false;
    }

    private static String describe(OpeningInterval interval) {
        return interval.day() + " " + interval.opens() + "-" + interval.closes();
    }
}
