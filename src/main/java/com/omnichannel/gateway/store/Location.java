package com.omnichannel.gateway.store;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.ids.GlobalId;
import com.omnichannel.gateway.platform.ids.Node;

@Description("A place that holds stock: a store shoppers can visit or a warehouse that ships.")
public record Location(
        @NonNull @Id String id,
        @Description("Short unique code staff use (e.g. BER-01).") @NonNull String code,
        @Description("Display name.") @NonNull String name,
        @Description("STORE (shoppers can visit) or WAREHOUSE.") @NonNull LocationType type,
        @Description("Postal address.") @NonNull Address address,
        @Description("Where it is, for distances.") @NonNull GeoPoint coordinates,
        @Description("Phone number; null when not entered.") String phone,
        @Deprecated @Description("Deprecated: use hours (structured, in the store's time zone), openNow, nextOpensAt and "
                + "nextClosesAt. Free text for people, e.g. \"Mon-Sat 10:00-20:00\"; null for warehouses and when not "
                + "entered.") String openingHours,
        @Description("Structured opening hours and exceptions in the store's time zone.") @NonNull StoreHours hours,
        @Description("How the store prepares pickups: preparation time and bookable slots.") @NonNull PickupSettings pickup,
        @Description("The key systems around the shop (POS, WMS, ERP) know it by, unique; null when none is set.") String externalRef,
        @Ignore long key,
        @Ignore int priority) implements Node {

    public static final String TYPE = "Location";

    public static String globalId(long key) {
        return GlobalId.encode(TYPE, key);
    }

    @Ignore
    public boolean isStore() {
        return type == LocationType.STORE;
    }

    // Identity is the stored key. Batch loaders hash their source objects; hashing every component (lists,
    // money, nested records) of hundreds of objects per request was measurable.
    @Override
    public boolean equals(Object other) {
        return other instanceof Location that && key == that.key;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(key);
    }
}
