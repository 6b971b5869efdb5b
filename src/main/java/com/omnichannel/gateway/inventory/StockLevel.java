package com.omnichannel.gateway.inventory;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.ids.GlobalId;
import com.omnichannel.gateway.store.Location;

@Description("Stock of one variant at one location. available = onHand - reserved.")
public record StockLevel(
        @NonNull @Id @Description("One id per variant and location, so client caches update a level in place after stockAdjust or a " + "stockChanged event.") String id,
        @Description("The store or warehouse.") @NonNull Location location,
        @Description("Units physically there.") int onHand,
        @Description("Units held for placed orders that have not left yet.") int reserved,
        @Description("Units that can be sold: on hand minus reserved, never below 0.") int available,
        @Description("At or below this available quantity the item counts as low stock.") int lowStockThreshold,
        @Description("Whether available is at or below lowStockThreshold.") boolean lowStock,
        @NonNull OffsetDateTime updatedAt,
        @Ignore long variantKey) {

    public static final String TYPE = "StockLevel";

    public static String globalId(long variantKey, long locationKey) {
        return GlobalId.encode(TYPE, variantKey + ":" + locationKey);
    }

    // Identity is the stored key. Batch loaders hash their source objects; hashing every component (lists,
    // money, nested records) of hundreds of objects per request was measurable.
    @Override
    public boolean equals(Object other) {
        return other instanceof StockLevel that && variantKey == that.variantKey && location.key() == that.location.key();
    }

    @Override
    public int hashCode() {
        return Long.hashCode(variantKey) * 31 + Long.hashCode(location.key());
    }
}
