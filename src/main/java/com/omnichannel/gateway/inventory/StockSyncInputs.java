package com.omnichannel.gateway.inventory;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** The inputs of the bulk stock mutations a POS or WMS sends (inventorySetQuantities, inventoryAdjustQuantities). */
public final class StockSyncInputs {

    private StockSyncInputs() {
    }

    @Input("InventoryVariantInput")
    @Description("A variant named by exactly one of its keys: our id, its SKU, its barcode or the external reference "
            + "another system knows it by.")
    public record VariantReference(@Id @Description("ProductVariant.id.") String id,
            @Description("The variant's SKU.") String sku,
            @Description("The variant's barcode (GTIN).") String barcode,
            @Description("The variant's external reference (ProductVariant.externalRef).") String externalRef) {
    }

    @Input("InventoryLocationInput")
    @Description("A store or warehouse named by exactly one of its keys: our id or the external reference another system "
            + "knows it by.")
    public record LocationReference(@Id @Description("Location.id.") String id,
            @Description("The location's external reference (Location.externalRef).") String externalRef) {
    }

    @Input("InventorySetQuantitiesInput")
    @Description("Counted on-hand quantities from a POS or WMS, at most 250 items.")
    public record SetQuantities(
            @NonNull @Description("Why, e.g. 'cycle count', 'WMS sync'; recorded on every ledger entry.") String reason,
            @Description("The document the counts come from (e.g. a WMS count sheet's URI), recorded on every ledger entry "
                    + "as its reference; at most 500 characters.") String referenceDocumentUri,
            @NonNull @Description("Client-chosen key: a retry with the same key and input gets the first answer and "
                    + "changes nothing again; 8 to 128 visible ASCII characters.") String idempotencyKey,
            @NonNull @Description("The counts, 1 to 250, each for a different stock level.") List<@NonNull SetQuantity> quantities) {
    }

    @Input("InventorySetQuantityInput")
    @Description("The counted on-hand quantity of a variant at a location.")
    public record SetQuantity(@NonNull @Description("Which variant.") VariantReference variant,
            @NonNull @Description("Which store or warehouse.") LocationReference location,
            @NonNull @Description("Units on hand (absolute), 0 to 1,000,000; never below what is reserved there.") Integer quantity,
            @Description("The on-hand quantity the sender last saw: when the level holds another, this item is refused "
                    + "with COMPARE_QUANTITY_MISMATCH and left as it is. Leave out to set the quantity whatever it is.")
            Integer compareQuantity) {
    }

    @Input("InventoryAdjustQuantitiesInput")
    @Description("On-hand changes by a delta (goods received, shrinkage) from a POS or WMS, at most 250 items.")
    public record AdjustQuantities(
            @NonNull @Description("Why, e.g. 'goods received', 'shrinkage'; recorded on every ledger entry.") String reason,
            @Description("The document the changes come from (e.g. a delivery note's URI), recorded on every ledger entry as "
                    + "its reference; at most 500 characters.") String referenceDocumentUri,
            @NonNull @Description("Client-chosen key: a retry with the same key and input gets the first answer and "
                    + "changes nothing again; 8 to 128 visible ASCII characters.") String idempotencyKey,
            @NonNull @Description("The changes, 1 to 250, each for a different stock level.") List<@NonNull AdjustQuantity> changes) {
    }

    @Input("InventoryAdjustQuantityInput")
    @Description("A change of the on-hand quantity of a variant at a location.")
    public record AdjustQuantity(@NonNull @Description("Which variant.") VariantReference variant,
            @NonNull @Description("Which store or warehouse.") LocationReference location,
            @NonNull @Description("Units to add (positive) or remove (negative), non-zero.") Integer delta) {
    }
}
