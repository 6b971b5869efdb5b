package com.omnichannel.gateway.store;

import java.time.LocalDate;
import java.time.LocalTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A day whose hours differ from the week (a holiday, a late opening): closed all day, or open from "
        + "'opens' to 'closes' (local times, HH:mm; a closing time at or before the opening time is on the next day).")
public record HoursException(@NonNull @Description("The local date, YYYY-MM-DD.") String date,
        @Description("Null when closed all day.") String opens,
        @Description("Null when closed all day; at or before opens means the next day.") String closes,
        @Description("True when the store is closed all day.") boolean closed, @Description("Why the hours differ, for people (e.g. a holiday's name); null when not entered.") String reason) {

    public static HoursException of(LocalDate date, LocalTime opens, LocalTime closes, String reason) {
        return new HoursException(date.toString(), opens == null ? null : LocalTimes.format(opens),
                closes == null ? null : LocalTimes.format(closes), opens == null, reason);
    }

    @Ignore
    LocalDate day() {
        return LocalDate.parse(date);
    }
}
