package com.omnichannel.gateway.inventory;

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

import com.omnichannel.gateway.catalog.Product;
import com.omnichannel.gateway.catalog.ProductVariant;
import com.omnichannel.gateway.platform.paging.PageRequest;
import com.omnichannel.gateway.platform.security.CallerResolver;

import io.smallrye.graphql.api.Nullable;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

@GraphQLApi
public class InventoryGraphQLApi {

    private final InventoryService inventory;
    private final CallerResolver callers;

    public InventoryGraphQLApi(InventoryService inventory, CallerResolver callers) {
        this.inventory = inventory;
        this.callers = callers;
    }

    // ---- on variants and products, resolved for whole lists at once

    @Name("stockLevels")
    @Description("Stock at every location holding this variant.")
    @NonNull
    public Uni<List<@NonNull List<@NonNull StockLevel>>> stockLevels(@Source List<ProductVariant> variants) {
        return inventory.stockLevelsOf(variants);
    }

    @Name("availableToPromise")
    @Description("Units available across the whole network (all stores and warehouses).")
    public Uni<List<@NonNull Integer>> availableToPromise(@Source List<ProductVariant> variants) {
        return inventory.availableToPromiseOf(variants);
    }

    @Name("storeAvailability")
    @Description("Units available per store, nearest first from 'near', or from 'storeId', or (for kiosks) from the "
            + "kiosk's store; by store name when there is no reference point.")
    @NonNull
    public Uni<List<@NonNull List<@NonNull StoreAvailability>>> storeAvailability(
            @Source List<ProductVariant> variants,
            @Description("Nearest first from this point (e.g. the shopper's location).") GeoPointInput near,
            @Description("Nearest first from this store (Location.id), when 'near' is left out.") @Id String storeId,
            @Description("How many stores to list.") @DefaultValue("10") int first,
            @DefaultValue("false") @Description("Leave out the store distances are measured from ('storeId', or the kiosk's own "
                    + "store): a kiosk's list of other stores nearby.") boolean excludeHere) {
        return inventory.storeAvailabilityOf(callers.current(), variants, near, storeId, first, excludeHere);
    }

    @Name("availabilityHere")
    @Description("For kiosks: units available at the kiosk's own store. Null for other callers.")
    public Uni<List<StoreAvailability>> availabilityHere(@Source List<ProductVariant> variants) {
        return inventory.availabilityHereOf(callers.current(), variants);
    }

    @Name("pickupReadyBy")
    @Description("When an order placed now could be collected here (the store's preparation time and opening hours), "
            + "in the store's time zone; null when nothing is available here or the store's hours are not set.")
    public List<OffsetDateTime> pickupReadyBy(@Source List<StoreAvailability> availabilities) {
        return inventory.pickupReadyByOf(availabilities);
    }

    @Name("availability")
    @Description("Whether and how much of the product is available anywhere.")
    public Uni<List<@NonNull ProductAvailability>> availability(@Source List<Product> products) {
        return inventory.availabilityOf(products);
    }

    @Description("The variant; null when it was deleted from the catalog.")
    @Name("variant")
    public Uni<List<@NonNull ProductVariant>> stockLevelVariant(@Source List<StockLevel> levels) {
        return inventory.variantsOf(levels);
    }

    @Description("The variant; null when it was deleted from the catalog.")
    @Name("variant")
    public Uni<List<@NonNull ProductVariant>> movementVariant(@Source List<StockMovement> movements) {
        return inventory.movementVariantsOf(movements);
    }

    // ---- staff

    @Subscription("stockChanged")
    @Description("Stock levels at a location each time they change (an order, a delivery, a count), through any instance. "
            + "Kiosks may leave out the location to follow their own store; variantIds narrows it to some variants.")
    public Multi<StockLevel> stockChanged(
            @Description("The store or warehouse; kiosks may leave it out for their own store.") @Id String locationId,
            @Description("Only these variants (ProductVariant.id), at most 100; all of the location's when left out.") @Id @Nullable List<@NonNull String> variantIds) {
        return Multi.createFrom().deferred(() -> inventory.stockChanges(callers.current(), locationId, variantIds));
    }

    @Subscription("lowStockAlerts")
    @Description("Staff: each stock level at the location as it falls to or below its low-stock threshold.")
    public Multi<StockLevel> lowStockAlerts(
            @Description("The store or warehouse to watch (Location.id).") @NonNull @Id String locationId) {
        return Multi.createFrom().deferred(() -> inventory.lowStockAlerts(callers.current(), locationId));
    }

    @Query("lowStockItems")
    @Description("Staff: stock levels at a location at or below their low-stock threshold, lowest first.")
    public Uni<@NonNull StockLevelConnection> lowStockItems(
            @Description("The store or warehouse (Location.id).") @NonNull @Id String locationId,
            @Description("How many items to return, at most 100 (default 20).") Integer first,
            @Description("The endCursor of the previous page; leave out for the first page.") String after) {
        return inventory.lowStockItems(callers.current(), locationId,
                PageRequest.of(first, after, "lowStock:" + locationId));
    }

    @Query("stockMovements")
    @Description("Staff: the stock ledger, newest first, optionally for one variant and/or location.")
    public Uni<@NonNull StockMovementConnection> stockMovements(
            @Description("Only movements of this variant.") @Id String variantId,
            @Description("Only movements at this location.") @Id String locationId,
            @Description("How many items to return, at most 100 (default 20).") Integer first,
            @Description("The endCursor of the previous page; leave out for the first page.") String after) {
        return inventory.movements(callers.current(), variantId, locationId,
                PageRequest.of(first, after, "movements:" + variantId + ":" + locationId));
    }

    @Mutation("stockAdjust")
    @Description("Staff: change on-hand stock by a delta or to a counted quantity, with a reason; recorded in the ledger.")
    public Uni<@NonNull StockLevelPayload> stockAdjust(
            @Description("What to do; see the input type's fields.") @NonNull StockAdjustInput input) {
        return inventory.adjust(callers.current(), input);
    }

    @Mutation("lowStockThresholdSet")
    @Description("Staff: set the low-stock threshold of a variant at a location.")
    public Uni<@NonNull StockLevelPayload> lowStockThresholdSet(
            @Description("What to do; see the input type's fields.") @NonNull LowStockThresholdSetInput input) {
        return inventory.setLowStockThreshold(callers.current(), input);
    }
}
