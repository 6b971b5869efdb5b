package com.omnichannel.gateway.catalog;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Description("Changes to a variant; omitted fields stay as they are.")
@Input("ProductVariantUpdateInput")
public record ProductVariantUpdateInput(@NonNull @Id String id, String sku, String barcode, String title,
        List<SelectedOptionInput> options, String price,
        @Description("Decimal amount; an empty string removes it.") String compareAtPrice, Boolean active) {
}
