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
    public Uni<Product> product(
            @Description("The product's id; give id or slug.") @Id String id,
            @Description("The product's slug; give id or slug.") String slug) {
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
    public Uni<ProductVariant> productVariant(
            @Description("The variant's id.") @Id String id,
            @Description("The variant's SKU.") String sku,
            @Description("The scanned barcode (EAN-13, UPC-A or GTIN-14).") String barcode) {
        return Lookups.nullWhenNotFound(() -> catalog.variant(id, sku, barcode));
    }

    @PublicRead
    @Query("products")
    @Description("Products, filtered and sorted; 'first' defaults to 20 and may be at most 100.")
    public Uni<@NonNull ProductConnection> products(
            @Description("How many items to return, at most 100 (default 20).") Integer first,
            @Description("The endCursor of the previous page; leave out for the first page.") String after,
            @Description("Narrow the list (category, search text, price, stock); leave out for all.") ProductFilter filter,
            @Description("Order of the list; RELEVANCE by default.") ProductSort sort) {
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
    public Uni<Category> category(
            @Description("The category's id; give id or slug.") @Id String id,
            @Description("The category's slug; give id or slug.") String slug) {
        return Lookups.nullWhenNotFound(() -> catalog.category(id, slug));
    }

    // ---- relationships, each resolved for a whole list at once

    @Name("variants")
    @Description("Active variants in display order.")
    @NonNull
    public Uni<List<@NonNull List<@NonNull ProductVariant>>> variants(@Source List<Product> products) {
        return catalog.variantsOf(products);
    }

    @Description("The category; null when uncategorised.")
    @Name("category")
    public Uni<List<Category>> productCategory(@Source List<Product> products) {
        return catalog.categoriesOf(products);
    }

    @Description("The product this variant belongs to.")
    @Name("product")
    public Uni<List<@NonNull Product>> variantProduct(@Source List<ProductVariant> variants) {
        return catalog.productsOf(variants);
    }

    @Description("The category directly above; null for a root category.")
    @Name("parent")
    public Uni<List<Category>> parent(@Source List<Category> categories) {
        return catalog.parentsOf(categories);
    }

    @Description("The categories directly below, by position.")
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
    public Uni<@NonNull ProductPayload> productCreate(
            @Description("What to do; see the input type's fields.") @NonNull ProductCreateInput input) {
        return catalog.createProduct(callers.current(), input);
    }

    @Mutation("productUpdate")
    @Description("Staff: change a product.")
    public Uni<@NonNull ProductPayload> productUpdate(
            @Description("What to do; see the input type's fields.") @NonNull ProductUpdateInput input) {
        return catalog.updateProduct(callers.current(), input);
    }

    @Mutation("productVariantCreate")
    @Description("Staff: add a variant to a product.")
    public Uni<@NonNull ProductVariantPayload> productVariantCreate(
            @Description("What to do; see the input type's fields.") @NonNull ProductVariantCreateInput input) {
        return catalog.createVariant(callers.current(), input);
    }

    @Mutation("productVariantUpdate")
    @Description("Staff: change a variant (price, barcode, SKU, options, active).")
    public Uni<@NonNull ProductVariantPayload> productVariantUpdate(
            @Description("What to do; see the input type's fields.") @NonNull ProductVariantUpdateInput input) {
        return catalog.updateVariant(callers.current(), input);
    }
}
