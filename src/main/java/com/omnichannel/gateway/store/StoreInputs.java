package com.omnichannel.gateway.store;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** The inputs of the store mutations. */
public final class StoreInputs {

    private StoreInputs() {
    }

    @Input("StoreHoursSetInput")
    @Description("Replaces a store's time zone, weekly hours and exceptions.")
    public record HoursSet(@NonNull @Id @Description("The store to change.") String storeId,
            @NonNull @Description("IANA time zone of the store, e.g. Europe/Berlin.") String timeZone,
            @NonNull @Description("The regular week; days without an interval are closed.") List<@NonNull OpeningIntervalInput> weekly,
            @Description("Days that differ from the week; none when left out.") List<HoursExceptionInput> exceptions) {
    }

    @Input("OpeningIntervalInput")
    @Description("Opening hours on one day of the week.")
    public record OpeningIntervalInput(@NonNull @Description("The day of the week.") Weekday day,
            @NonNull @Description("Local time, HH:mm.") String opens,
            @NonNull @Description("Local time, HH:mm (24:00 for midnight); at or before 'opens' it is on the next day.") String closes) {
    }

    @Input("HoursExceptionInput")
    @Description("A day whose hours differ from the week (a holiday, a late opening).")
    public record HoursExceptionInput(@NonNull @Description("Local date, YYYY-MM-DD.") String date,
            @Description("Local time, HH:mm; leave out opens and closes for a day closed all day.") String opens,
            @Description("Local time, HH:mm (24:00 for midnight); leave out for a day closed all day.") String closes,
            @Description("Why the hours differ, for people (e.g. a holiday's name).") String reason) {
    }

    @Input("StorePickupSetInput")
    @Description("How a store handles pickup orders.")
    public record PickupSet(@NonNull @Id @Description("The store to change.") String storeId,
            @Description("Minutes an order needs before it can be collected; null for the default.") Integer preparationMinutes,
            @Description("Length of a bookable pickup slot in minutes; null offers no slots.") Integer slotMinutes,
            @Description("Orders each slot takes; required with slotMinutes.") Integer slotCapacity) {
    }
}
