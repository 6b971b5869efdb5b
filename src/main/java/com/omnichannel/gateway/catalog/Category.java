package com.omnichannel.gateway.catalog;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.ids.GlobalId;
import com.omnichannel.gateway.platform.ids.Node;

@Description("A node of the category tree; products belong to one category.")
public record Category(
        @NonNull @Id String id,
        @Description("URL-safe name, unique, for category page URLs (category(slug:)).") @NonNull String slug,
        @Description("Display name.") @NonNull String name,
        @Description("Sort position among its siblings (ascending).") int position,
        @Ignore long key,
        @Ignore Long parentKey) implements Node {

    public static final String TYPE = "Category";

    public static String globalId(long key) {
        return GlobalId.encode(TYPE, key);
    }

    // Identity is the stored key. Batch loaders hash their source objects; hashing every component (lists,
    // money, nested records) of hundreds of objects per request was measurable.
    @Override
    public boolean equals(Object other) {
        return other instanceof Category that && key == that.key;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(key);
    }
}
