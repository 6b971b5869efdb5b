package com.omnichannel.gateway.store;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import com.omnichannel.gateway.platform.errors.Lookups;
import com.omnichannel.gateway.platform.graphql.PublicRead;
import com.omnichannel.gateway.platform.ids.GlobalId;
import com.omnichannel.gateway.platform.paging.PageRequest;
import com.omnichannel.gateway.platform.security.CallerResolver;

import io.smallrye.mutiny.Uni;

@GraphQLApi
public class StoreGraphQLApi {

    private final StoreService stores;
    private final PickupSlots pickupSlots;
    private final CallerResolver callers;

    public StoreGraphQLApi(StoreService stores, PickupSlots pickupSlots, CallerResolver callers) {
        this.stores = stores;
        this.pickupSlots = pickupSlots;
        this.callers = callers;
    }

    @PublicRead
    @Query("stores")
    @Description("Stores shoppers can visit, by name.")
    public Uni<@NonNull LocationConnection> stores(
            @Description("How many items to return, at most 100 (default 20).") Integer first,
            @Description("The endCursor of the previous page; leave out for the first page.") String after) {
        return stores.locations(LocationType.STORE, PageRequest.of(first, after, "stores"));
    }

    @PublicRead
    @Query("store")
    @Description("A store by id; null when there is none (also for a warehouse's id).")
    public Uni<Location> store(@Description("The store's id (Location.id).") @NonNull @Id String id) {
        long key = GlobalId.decode(Location.TYPE, id, "id");
        return Lookups.nullWhenNotFound(() -> stores.store(key));
    }

    @Query("locations")
    @Description("Staff only: every stock-holding location, stores and warehouses, optionally of one type.")
    public Uni<@NonNull LocationConnection> locations(
            @Description("Only stores or only warehouses; leave out for both.") LocationType type,
            @Description("How many items to return, at most 100 (default 20).") Integer first,
            @Description("The endCursor of the previous page; leave out for the first page.") String after) {
        callers.current().requireStaff();
        return stores.locations(type, PageRequest.of(first, after, "locations:" + type));
    }

    @PublicRead
    @Query("nearbyStores")
    @Description("Stores within radiusKm of a point, nearest first.")
    public Uni<@NonNull NearbyStoreConnection> nearbyStores(
            @Description("Latitude of the point, degrees north.") @NonNull Double lat,
            @Description("Longitude of the point, degrees east.") @NonNull Double lng,
            @Description("Search radius in kilometres.") @DefaultValue("50") double radiusKm,
            @Description("How many items to return, at most 100 (default 20).") Integer first,
            @Description("The endCursor of the previous page; leave out for the first page.") String after) {
        PageRequest page = PageRequest.of(first, after, "nearby:" + lat + "," + lng + "," + radiusKm);
        return stores.nearbyStores(lat, lng, radiusKm, page);
    }

    @Query("pickupSlots")
    @Description("The pickup slots of a store starting from 'from' until before 'to' (at most 7 days apart), with the "
            + "orders each still takes; empty when the store offers none. Only slots an order placed now can still make.")
    public Uni<@NonNull List<@NonNull PickupSlot>> pickupSlots(
            @NonNull @Id @Description("The store (Location.id).") String storeId, @NonNull OffsetDateTime from,
            @NonNull OffsetDateTime to) {
        return pickupSlots.between(GlobalId.decode(Location.TYPE, storeId, "storeId"), from, to);
    }

    @Mutation("storeHoursSet")
    @Description("Staff: replaces a store's time zone, weekly opening hours and exceptions.")
    public Uni<@NonNull StorePayload> storeHoursSet(
            @Description("What to do; see the input type's fields.") @NonNull StoreInputs.HoursSet input) {
        return stores.setHours(callers.current(), input);
    }

    @Mutation("storePickupSet")
    @Description("Staff: sets a store's pickup preparation time and bookable pickup slots.")
    public Uni<@NonNull StorePayload> storePickupSet(
            @Description("What to do; see the input type's fields.") @NonNull StoreInputs.PickupSet input) {
        return stores.setPickup(callers.current(), input);
    }

    @Mutation("locationExternalRefSet")
    @Description("Staff: sets or removes the key a POS, WMS or ERP knows a store or warehouse by (see inventorySetQuantities).")
    public Uni<@NonNull StorePayload> locationExternalRefSet(
            @Description("What to do; see the input type's fields.") @NonNull StoreInputs.ExternalRefSet input) {
        return stores.setExternalRef(callers.current(), input);
    }

    // ---- computed at the clock's instant, for whole lists at once

    @Name("openNow")
    @Description("Whether the store is open now; null when its hours are not set.")
    public List<Boolean> openNow(@Source List<Location> locations) {
        return stores.openNowOf(locations);
    }

    @Name("nextOpensAt")
    @Description("When the store next opens (after the current opening when open now), in its time zone; null when not within a year.")
    public List<OffsetDateTime> nextOpensAt(@Source List<Location> locations) {
        return stores.nextOpensAtOf(locations);
    }

    @Name("nextClosesAt")
    @Description("When the store next closes, in its time zone; null when not within a year (e.g. open around the clock).")
    public List<OffsetDateTime> nextClosesAt(@Source List<Location> locations) {
        return stores.nextClosesAtOf(locations);
    }
}
