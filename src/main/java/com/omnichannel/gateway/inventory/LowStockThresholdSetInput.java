package com.omnichannel.gateway.inventory;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("LowStockThresholdSetInput")
public record LowStockThresholdSetInput(@NonNull @Id String variantId, @NonNull @Id String locationId,
        @Description("Available quantity at or below which the item is low; null returns to the default.") Integer threshold) {
}
