package com.omnichannel.gateway.catalog;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.ids.GlobalId;
import com.omnichannel.gateway.platform.ids.Node;

@Description("A product as sold on every channel; its variants carry SKU, barcode and price.")
public record Product(
        @NonNull @Id String id,
        @Description("URL-safe name, unique, for product page URLs (product(slug:)).") @NonNull String slug,
        @Description("Display name.") @NonNull String name,
        @Description("Plain-text description; empty when none.") @NonNull String description,
        @Description("Brand name; null when none.") String brand,
        @Description("ACTIVE products are sold; DRAFT and ARCHIVED ones are visible to staff only.") @NonNull ProductStatus status,
        @Description("Images in display order; the first is the main image.") @NonNull List<@NonNull Image> images,
        @Description("Lowest and highest price of the active variants; null when it has none.") PriceRange priceRange,
        @Description("Whether units of the product may be returned (returnRequest, returnExchange); staff set it with productUpdate.") boolean returnable,
        @NonNull OffsetDateTime createdAt,
        @NonNull OffsetDateTime updatedAt,
        @Ignore long key,
        @Ignore Long categoryKey,
        @Ignore String currency) implements Node {

    public static final String TYPE = "Product";

    public static String globalId(long key) {
        return GlobalId.encode(TYPE, key);
    }

    // Identity is the stored key. Batch loaders hash their source objects; hashing every component (lists,
    // money, nested records) of hundreds of objects per request was measurable.
    @Override
    public boolean equals(Object other) {
        return other instanceof Product that && key == that.key;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(key);
    }
}
