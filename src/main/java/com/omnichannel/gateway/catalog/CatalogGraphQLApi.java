package com.omnichannel.gateway.catalog;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import com.omnichannel.gateway.platform.errors.Lookups;
import com.omnichannel.gateway.platform.graphql.PublicRead;
import com.omnichannel.gateway.platform.paging.PageRequest;
import com.omnichannel.gateway.platform.security.Caller;
import com.omnichannel.gateway.platform.security.CallerResolver;
import com.omnichannel.gateway.customer.CustomerActivity;
import com.omnichannel.gateway.customer.CustomerEventKind;

import io.smallrye.mutiny.Uni;

@GraphQLApi
public class CatalogGraphQLApi {

    private final CatalogService catalog;
    private final CallerResolver callers;
    private final CustomerActivity activity;

    public CatalogGraphQLApi(CatalogService catalog, CallerResolver callers, CustomerActivity activity) {
        this.catalog = catalog;
        this.callers = callers;
        this.activity = activity;
    }

    @PublicRead
    @Query("product")
    @Description("A product by id or by slug (exactly one); null when there is none.")
    public Uni<Product> product(@Id String id, String slug) {
        Caller caller = callers.current();
        return Lookups.nullWhenNotFound(() -> catalog.product(caller, id, slug))
                .invoke(product -> {
                    if (product != null) {
                        activity.recordFor(caller, CustomerEventKind.PRODUCT_VIEWED, product.id());
                    }
                });
    }

    @PublicRead
    @Query("productVariant")
    @Description("A sellable variant by id, SKU or barcode (exactly one); kiosks look up scanned barcodes here. Null when there "
            + "is none.")
    public Uni<ProductVariant> productVariant(@Id String id, String sku, String barcode) {
        return Lookups.nullWhenNotFound(() -> catalog.variant(id, sku, barcode));
    }

    @PublicRead
    @Query("products")
    @Description("Products, filtered and sorted; 'first' defaults to 20 and may be at most 100.")
    public Uni<@NonNull ProductConnection> products(Integer first, String after, ProductFilter filter, ProductSort sort) {
        String scope = "products:" + (sort == null ? ProductSort.RELEVANCE : sort);
        return catalog.products(callers.current(), filter, sort, PageRequest.of(first, after, scope));
    }

    @PublicRead
    @Query("categories")
    @Description("The category tree: its root categories; follow 'children' for the levels below.")
    public Uni<@NonNull List<@NonNull Category>> categories() {
        return catalog.rootCategories();
    }

    @PublicRead
    @Query("category")
    @Description("A category by id or slug (exactly one); null when there is none.")
    public Uni<Category> category(@Id String id, String slug) {
        return Lookups.nullWhenNotFound(() -> catalog.category(id, slug));
    }

    // ---- relationships, each resolved for a whole list at once

    @Name("variants")
    @Description("Active variants in display order.")
    @NonNull
    public Uni<List<@NonNull List<@NonNull ProductVariant>>> variants(@Source List<Product> products) {
        return catalog.variantsOf(products);
    }

    @Name("category")
    public Uni<List<Category>> productCategory(@Source List<Product> products) {
        return catalog.categoriesOf(products);
    }

    @Name("product")
    public Uni<List<@NonNull Product>> variantProduct(@Source List<ProductVariant> variants) {
        return catalog.productsOf(variants);
    }

    @Name("parent")
    public Uni<List<Category>> parent(@Source List<Category> categories) {
        return catalog.parentsOf(categories);
    }

    @Name("children")
    @NonNull
    public Uni<List<@NonNull List<@NonNull Category>>> children(@Source List<Category> categories) {
        return catalog.childrenOf(categories);
    }

    @Name("ancestors")
    @Description("The categories above this one, from the root down: a breadcrumb.")
    @NonNull
    public Uni<List<@NonNull List<@NonNull Category>>> ancestors(@Source List<Category> categories) {
        return catalog.ancestorsOf(categories);
    }

    // ---- staff

    @Mutation("productCreate")
    @Description("Staff: create a product, optionally with its variants.")
    public Uni<@NonNull ProductPayload> productCreate(@NonNull ProductCreateInput input) {
        return catalog.createProduct(callers.current(), input);
    }

    @Mutation("productUpdate")
    @Description("Staff: change a product.")
    public Uni<@NonNull ProductPayload> productUpdate(@NonNull ProductUpdateInput input) {
        return catalog.updateProduct(callers.current(), input);
    }

    @Mutation("productVariantCreate")
    @Description("Staff: add a variant to a product.")
    public Uni<@NonNull ProductVariantPayload> productVariantCreate(@NonNull ProductVariantCreateInput input) {
        return catalog.createVariant(callers.current(), input);
    }

    @Mutation("productVariantUpdate")
    @Description("Staff: change a variant (price, barcode, SKU, options, active).")
    public Uni<@NonNull ProductVariantPayload> productVariantUpdate(@NonNull ProductVariantUpdateInput input) {
        return catalog.updateVariant(callers.current(), input);
    }
}
