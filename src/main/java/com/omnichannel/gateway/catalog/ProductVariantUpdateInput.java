package com.omnichannel.gateway.catalog;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Description("Changes to a variant; omitted fields stay as they are.")
@Input("ProductVariantUpdateInput")
public record ProductVariantUpdateInput(
        @Description("The variant (ProductVariant.id).") @NonNull @Id String id,
        @Description("New SKU; leave out to keep.") String sku,
        @Description("New barcode; leave out to keep.") String barcode,
        @Description("New title; leave out to keep.") String title,
        @Description("New options, replacing all; leave out to keep.") List<SelectedOptionInput> options,
        @Description("New price, decimal, e.g. 45.50; leave out to keep.") String price,
        @Description("Decimal amount; an empty string removes it.") String compareAtPrice,
        @Description("Whether it is sold; leave out to keep.") Boolean active,
        @Description("The key a POS, WMS or ERP knows the variant by (unique, at most 100 characters); leave out to keep, "
                + "an empty string removes it.") String externalRef,
        @Description("Whether each unit bought issues a gift card worth the price; leave out to keep.") Boolean giftCard) {
}
