package com.omnichannel.gateway.catalog;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.ids.GlobalId;
import com.omnichannel.gateway.platform.ids.Node;
import com.omnichannel.gateway.platform.money.Money;

@Description("A sellable version of a product (e.g. size M in red) with its own SKU, barcode and price.")
public record ProductVariant(
        @NonNull @Id String id,
        @Description("Stock keeping unit, unique.") @NonNull String sku,
        @Description("EAN-13 / GTIN barcode, as scanned at a kiosk.") String barcode,
        @Description("The option values joined, e.g. 'M / Blue'; the product name is not included.") @NonNull String title,
        @Description("The options that make this variant, e.g. Size M, Colour Blue.") @NonNull List<@NonNull SelectedOption> selectedOptions,
        @Description("Today's price of one unit.") @NonNull Money price,
        @Description("The price before a reduction, shown struck through.") Money compareAtPrice,
        @Description("Whether it is sold; inactive variants cannot be added to carts.") boolean active,
        @Description("The key systems around the shop (POS, WMS, ERP) know it by, unique; null when none is set.") String externalRef,
        @Description("Whether this variant is a gift card: each unit bought issues a card worth the variant's price, whose code the buyer reads on the order (Order.giftCards).") boolean giftCard,
        @Ignore long key,
        @Ignore long productKey) implements Node {

    public static final String TYPE = "ProductVariant";

    public static String globalId(long key) {
        return GlobalId.encode(TYPE, key);
    }

    // Identity is the stored key. Batch loaders hash their source objects; hashing every component (lists,
    // money, nested records) of hundreds of objects per request was measurable.
    @Override
    public boolean equals(Object other) {
        return other instanceof ProductVariant that && key == that.key;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(key);
    }
}
