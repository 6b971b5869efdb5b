package com.omnichannel.gateway.store;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

@Description("When a store is open, in its own time zone.")
public record StoreHours(@NonNull @Description("IANA time zone the local times are in, e.g. Europe/Berlin.") String timeZone,
        @NonNull @Description("The regular week, by day and opening time.") List<@NonNull OpeningInterval> weekly,
        @NonNull @Description("Days that differ from the week, by date.") List<@NonNull HoursException> exceptions,
        @Ignore OpeningHours rules) {
}
