package com.omnichannel.gateway.catalog;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A new variant of a product.")
@Input("ProductVariantFieldsInput")
public record ProductVariantFields(
        @Description("Stock keeping unit, unique.") @NonNull String sku,
        @Description("Barcode (EAN-13, UPC-A or GTIN-14), unique.") String barcode,
        @Description("Defaults to the option values joined by ' / '.") String title,
        @Description("The options that make this variant, e.g. Size 42.") List<SelectedOptionInput> options,
        @NonNull @Description("Decimal price, e.g. \"19.99\"; at least 0.") String price,
        @Description("Former price shown struck through, decimal, e.g. 149.00.") String compareAtPrice,
        @Description("Whether it is sold; true by default.") Boolean active,
        @Description("Whether each unit bought issues a gift card worth the price; false by default.") Boolean giftCard) {
}
