package com.omnichannel.gateway.store;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A store's hours as rules: the regular week and the days that differ, in the store's time zone. Every answer is
 * for an instant the caller gives (the service passes its clock's), so the rules are the same in tests and in
 * production.
 * <p>
 * Local times become instants in the store's zone on their own date: a time that does not exist (skipped when clocks
 * go forward) moves forward by the gap, a time that exists twice (when clocks go back) is the earlier one. An
 * interval closing at or before its opening time closes on the next day, so an overnight interval keeps its
 * length in local time; its real length changes by the hour the clocks change.
 */
public final class OpeningHours {

    /** How far ahead the next opening or closing is looked for; a store open (or closed) longer has none. */
    static final int HORIZON_DAYS = 400;

    private final ZoneId zone;
    private final Map<Weekday, List<OpeningInterval>> week;
    private final Map<LocalDate, HoursException> exceptions;

    /** A time the store is open, from start (inclusive) to end (exclusive). */
    public record Period(Instant start, Instant end) {
        boolean contains(Instant t) {
            return !t.isBefore(start) && t.isBefore(end);
        }
    }

    /**
     * Where an instant stands: open or not (null when the store has no hours at all), and the next opening and
     * closing (null when there is none within {@value #HORIZON_DAYS} days, e.g. for a store open around the clock).
     */
    public record Status(Boolean openNow, Instant nextOpensAt, Instant nextClosesAt) {
    }

    public OpeningHours(ZoneId zone, List<OpeningInterval> weekly, List<HoursException> exceptions) {
        this.zone = zone;
        this.week = new TreeMap<>();
        for (OpeningInterval interval : weekly) {
            this.week.computeIfAbsent(interval.day(), d -> new ArrayList<>()).add(interval);
        }
        this.exceptions = new TreeMap<>();
        for (HoursException exception : exceptions) {
            this.exceptions.put(exception.day(), exception);
        }
    }

    public ZoneId zone() {
        return zone;
    }

    /** True when no hours are set at all: nothing can be said about when the store is open. */
    public boolean unknown() {
        return week.isEmpty() && exceptions.isEmpty();
    }

    public Status statusAt(Instant now) {
        if (unknown()) {
            return new Status(null, null, null);
        }
        List<Period> ahead = new ArrayList<>(2);
        boolean[] openEnded = new boolean[1];
        mergedPeriodsFrom(now, 2, ahead, openEnded);
        if (ahead.isEmpty()) {
            return new Status(false, null, null);
        }
        Period first = ahead.get(0);
        boolean lastIsOpenEnded = openEnded[0];
        Instant firstEnd = lastIsOpenEnded && ahead.size() == 1 ? null : first.end();
        if (first.contains(now)) {
            Instant nextOpens = ahead.size() > 1 ? ahead.get(1).start() : null;
            return new Status(true, nextOpens, firstEnd);
        }
        return new Status(false, first.start(), firstEnd);
    }

    /** The first instant at or after {@code t} at which the store is open, or null when there is none ahead. */
    public Instant openAtOrAfter(Instant t) {
        if (unknown()) {
            return null;
        }
        List<Period> ahead = new ArrayList<>(1);
        mergedPeriodsFrom(t, 1, ahead, new boolean[1]);
        if (ahead.isEmpty()) {
            return null;
        }
        Instant start = ahead.get(0).start();
        return start.isAfter(t) ? start : t;
    }

    /**
     * The intervals the store is open that start in [from, to), as set (not merged with adjacent ones), in order:
     * what pickup slots are laid out in.
     */
    public List<Period> intervalsStartingBetween(Instant from, Instant to) {
        List<Period> result = new ArrayList<>();
        LocalDate last = to.atZone(zone).toLocalDate();
        for (LocalDate day = from.atZone(zone).toLocalDate().minusDays(1); !day.isAfter(last); day = day.plusDays(1)) {
            for (Period p : intervalsOn(day)) {
                if (!p.start().isBefore(from) && p.start().isBefore(to)
                        && (result.isEmpty() || p.start().isAfter(result.get(result.size() - 1).start()))) {
                    result.add(p);
                }
            }
        }
        return result;
    }

    /**
     * Collects up to {@code wanted} open periods (adjacent and overlapping intervals merged) that end after
     * {@code t}, in order. {@code openEnded[0]} tells whether the last one collected was still going on at the
     * horizon.
     */
    private void mergedPeriodsFrom(Instant t, int wanted, List<Period> out, boolean[] openEnded) {
        LocalDate first = t.atZone(zone).toLocalDate().minusDays(1);
        Period pending = null;
        for (int i = 0; i <= HORIZON_DAYS + 1; i++) {
            for (Period p : intervalsOn(first.plusDays(i))) {
                if (pending == null) {
                    pending = p;
                } else if (!p.start().isAfter(pending.end())) {
                    pending = new Period(pending.start(), p.end().isAfter(pending.end()) ? p.end() : pending.end());
                } else {
                    if (pending.end().isAfter(t)) {
                        out.add(pending);
                        if (out.size() == wanted) {
                            return;
                        }
                    }
                    pending = p;
                }
            }
        }
        if (pending != null && pending.end().isAfter(t)) {
            out.add(pending);
            // Still open when the days looked at end: it may go on beyond them.
            Instant horizon = first.plusDays(HORIZON_DAYS + 2L).atStartOfDay(zone).toInstant();
            openEnded[0] = !pending.end().isBefore(horizon);
        }
    }

    /** The intervals set for one local date (its exception, else its day of the week), as instants, in order. */
    List<Period> intervalsOn(LocalDate date) {
        HoursException exception = exceptions.get(date);
        List<Period> result = new ArrayList<>(2);
        if (exception != null) {
            if (!exception.closed()) {
                add(result, date, LocalTimes.parse(exception.opens()), LocalTimes.parse(exception.closes()));
            }
            return result;
        }
        for (OpeningInterval interval : week.getOrDefault(Weekday.of(date.getDayOfWeek()), List.of())) {
            add(result, date, interval.opensAt(), interval.closesAt());
        }
        result.sort(Comparator.comparing(Period::start));
        return result;
    }

    private void add(List<Period> result, LocalDate date, LocalTime opens, LocalTime closes) {
        Instant start = ZonedDateTime.of(date, opens, zone).toInstant();
        LocalDate closingDate = closes.isAfter(opens) ? date : date.plusDays(1);
        Instant end = ZonedDateTime.of(closingDate, closes, zone).toInstant();
        // Opening and closing inside the hour skipped when clocks go forward leaves nothing open.
        if (end.isAfter(start)) {
            result.add(new Period(start, end));
        }
    }

    /** Minutes from opening to closing in local time (overnight intervals wrap), 24 hours when they are equal. */
    static int localMinutes(LocalTime opens, LocalTime closes) {
        long minutes = Duration.between(opens, closes).toMinutes();
        return (int) (minutes > 0 ? minutes : minutes + 24 * 60);
    }
}
