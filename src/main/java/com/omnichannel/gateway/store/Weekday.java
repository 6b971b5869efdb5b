package com.omnichannel.gateway.store;

import org.eclipse.microprofile.graphql.Description;

import java.time.DayOfWeek;

/** A day of the week, Monday first (ISO 8601). */
@Description("A day of the week, Monday first (ISO 8601).")
public enum Weekday {
    @Description("Monday.")
    MONDAY,
    @Description("Tuesday.")
    TUESDAY,
    @Description("Wednesday.")
    WEDNESDAY,
    @Description("Thursday.")
    THURSDAY,
    @Description("Friday.")
    FRIDAY,
    @Description("Saturday.")
    SATURDAY,
    @Description("Sunday.")
    SUNDAY;

    public DayOfWeek toDayOfWeek() {
        return DayOfWeek.of(ordinal() + 1);
    }

    public static Weekday of(DayOfWeek day) {
        return values()[day.getValue() - 1];
    }
}
