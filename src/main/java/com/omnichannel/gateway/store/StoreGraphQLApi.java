package com.omnichannel.gateway.store;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import com.omnichannel.gateway.platform.errors.Lookups;
import com.omnichannel.gateway.platform.graphql.PublicRead;
import com.omnichannel.gateway.platform.ids.GlobalId;
import com.omnichannel.gateway.platform.paging.PageRequest;
import com.omnichannel.gateway.platform.security.CallerResolver;

import io.smallrye.mutiny.Uni;

@GraphQLApi
public class StoreGraphQLApi {

    private final StoreService stores;
    private final CallerResolver callers;

    public StoreGraphQLApi(StoreService stores, CallerResolver callers) {
        this.stores = stores;
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
}
