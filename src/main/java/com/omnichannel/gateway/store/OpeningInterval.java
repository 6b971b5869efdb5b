package com.omnichannel.gateway.store;

import java.time.LocalTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A store is open from 'opens' to 'closes' (local times, HH:mm) on this day of the week. A closing time at "
        + "or before the opening time is on the next day (overnight hours; 00:00-00:00 is the whole day).")
public record OpeningInterval(@NonNull @Description("The day of the week.") Weekday day,
        @NonNull @Description("Local opening time, HH:mm.") String opens,
        @NonNull @Description("Local closing time, HH:mm; at or before opens means the next day.") String closes) {

    public static OpeningInterval of(Weekday day, LocalTime opens, LocalTime closes) {
        return new OpeningInterval(day, LocalTimes.format(opens), LocalTimes.format(closes));
    }

    @Ignore
    LocalTime opensAt() {
        return LocalTime.parse(opens);
    }

    @Ignore
    LocalTime closesAt() {
        return LocalTime.parse(closes);
    }
}
