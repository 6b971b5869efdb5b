package com.omnichannel.gateway.inventory;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.store.Location;

@Description("Stock of one variant at one location. available = onHand - reserved.")
public record StockLevel(@NonNull Location location, int onHand, int reserved, int available,
        @Description("At or below this available quantity the item counts as low stock.") int lowStockThreshold,
        boolean lowStock, @NonNull OffsetDateTime updatedAt, @Ignore long variantKey) {
}
