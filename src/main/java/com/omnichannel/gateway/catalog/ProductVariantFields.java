package com.omnichannel.gateway.catalog;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A new variant of a product.")
@Input("ProductVariantFieldsInput")
public record ProductVariantFields(@NonNull String sku, String barcode,
        @Description("Defaults to the option values joined by ' / '.") String title,
        List<SelectedOptionInput> options,
        @NonNull @Description("Decimal price, e.g. \"19.99\"; at least 0.") String price,
        String compareAtPrice, Boolean active) {
}
