package com.omnichannel.gateway.inventory;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A new low-stock threshold.")
@Input("LowStockThresholdSetInput")
public record LowStockThresholdSetInput(
        @Description("The variant (ProductVariant.id).") @NonNull @Id String variantId,
        @Description("The store or warehouse (Location.id).") @NonNull @Id String locationId,
        @Description("Available quantity at or below which the item is low; null returns to the default.") Integer threshold) {
}
