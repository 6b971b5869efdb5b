package com.omnichannel.gateway.inventory;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Description("Change the on-hand quantity of a variant at a location: give exactly one of 'delta' or 'onHand'.")
@Input("StockAdjustInput")
public record StockAdjustInput(
        @Description("The variant (ProductVariant.id).") @NonNull @Id String variantId,
        @Description("The store or warehouse (Location.id).") @NonNull @Id String locationId,
        @Description("Units to add (positive) or remove (negative).") Integer delta,
        @Description("The counted on-hand quantity (absolute).") Integer onHand,
        @NonNull @Description("Why, e.g. 'goods received', 'stock count', 'damaged'.") String reason) {
}
