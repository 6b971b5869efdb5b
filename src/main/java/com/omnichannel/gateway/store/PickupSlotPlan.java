package com.omnichannel.gateway.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a store's pickup slots fall: back to back from each opening, each ending by the closing, none starting
 * before the earliest time an order could be ready.
 */
final class PickupSlotPlan {

    /** No interval is longer than a day (and an hour, when clocks go back). */
    private static final Duration LONGEST_INTERVAL = Duration.ofHours(25);

    private PickupSlotPlan() {
    }

    /** The starts of the slots in [from, to) that start at or after {@code earliest}, in order. */
    static List<Instant> starts(OpeningHours hours, int slotMinutes, Instant earliest, Instant from, Instant to) {
        Duration length = Duration.ofMinutes(slotMinutes);
        Instant lowest = earliest.isAfter(from) ? earliest : from;
        List<Instant> result = new ArrayList<>();
        if (!lowest.isBefore(to)) {
            return result;
        }
        for (OpeningHours.Period period : hours.intervalsStartingBetween(lowest.minus(LONGEST_INTERVAL), to)) {
            for (Instant start = period.start(); !start.plus(length).isAfter(period.end()) && start.isBefore(to);
                    start = start.plus(length)) {
                if (!start.isBefore(lowest) && (result.isEmpty() || start.isAfter(result.get(result.size() - 1)))) {
                    result.add(start);
                }
            }
        }
        return result;
    }

    /** Whether a slot of this length starting then is one the store offers, at or after {@code earliest}. */
    static boolean offers(OpeningHours hours, int slotMinutes, Instant earliest, Instant start) {
        return starts(hours, slotMinutes, earliest, start, start.plusSeconds(1)).contains(start);
    }
}
