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
    public record HoursSet(@NonNull @Id @Description("The store (Location.id).") String storeId,
            @NonNull @Description("IANA time zone of the store, e.g. Europe/Berlin.") String timeZone,
            @NonNull @Description("The regular week; days without an interval are closed.") List<@NonNull OpeningIntervalInput> weekly,
            @Description("Days that differ from the week; none when left out.") List<HoursExceptionInput> exceptions) {
    }

    @Description("One opening interval of the regular week.")
    @Input("OpeningIntervalInput")
    public record OpeningIntervalInput(@NonNull @Description("The day of the week it opens.") Weekday day,
            @NonNull @Description("Local time, HH:mm.") String opens,
            @NonNull @Description("Local time, HH:mm (24:00 for midnight); at or before 'opens' it is on the next day.") String closes) {
    }

    @Description("A day whose hours differ from the week, or that is closed.")
    @Input("HoursExceptionInput")
    public record HoursExceptionInput(@NonNull @Description("Local date, YYYY-MM-DD.") String date,
            @Description("Local time, HH:mm; leave out opens and closes for a day closed all day.") String opens,
            @Description("Local time, HH:mm; leave out with opens for a day closed all day.") String closes,
            @Description("Why the day differs, for people (e.g. Christmas).") String reason) {
    }

    @Input("StorePickupSetInput")
    @Description("How a store handles pickup orders.")
    public record PickupSet(@NonNull @Id @Description("The store (Location.id).") String storeId,
            @Description("Minutes an order needs before it can be collected; null for the default.") Integer preparationMinutes,
            @Description("Length of a bookable pickup slot in minutes; null offers no slots.") Integer slotMinutes,
            @Description("Orders each slot takes; required with slotMinutes.") Integer slotCapacity) {
    }

    @Input("LocationExternalRefSetInput")
    @Description("The key a POS, WMS or ERP knows a store or warehouse by.")
    public record ExternalRefSet(@NonNull @Id @Description("The store or warehouse (Location.id).") String locationId,
            @Description("The key (unique, 1 to 100 printable characters); null or an empty string removes it.") String externalRef) {
    }
}
