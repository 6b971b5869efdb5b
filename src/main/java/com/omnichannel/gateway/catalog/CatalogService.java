package com.omnichannel.gateway.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;


import com.omnichannel.gateway.platform.db.Batch;
import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.platform.errors.ApiException;
import com.omnichannel.gateway.platform.errors.UserError;
import com.omnichannel.gateway.platform.graphql.PublicDataChanged;
import com.omnichannel.gateway.platform.ids.GlobalId;
import com.omnichannel.gateway.platform.money.Money;
import com.omnichannel.gateway.platform.paging.Page;
import com.omnichannel.gateway.platform.paging.PageRequest;
import com.omnichannel.gateway.platform.security.Caller;
import com.omnichannel.gateway.store.Location;
import com.omnichannel.gateway.store.StoreService;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

/** Products, variants and categories: the rules for reading and changing the catalog. */
@ApplicationScoped
public class CatalogService {

    static final int MAX_SEARCH_LENGTH = 200;

    private final CatalogRepository repository;
    private final StoreService stores;
    private final Db db;
    private final Event<PublicDataChanged> publicDataChanged;
    private final CatalogRowCache rowCache;
    private final String currency;

    public CatalogService(CatalogRepository repository, StoreService stores, Db db, Event<PublicDataChanged> publicDataChanged,
            CatalogRowCache rowCache, CatalogConfig config) {
        this.repository = repository;
        this.stores = stores;
        this.db = db;
        this.publicDataChanged = publicDataChanged;
        this.rowCache = rowCache;
        this.currency = config.currency();
    }

    /**
     * A transaction that changes the catalog: once it commits, no instance answers from a cached catalog read or
     * resolves a variant or a product from its row cache.
     */
    private <T> Uni<T> changeCatalog(Function<Db.Tx, Uni<T>> work) {
        return db.inTransaction(tx -> {
            tx.afterCommit(() -> {
                rowCache.catalogChanged();
                publicDataChanged.fire(PublicDataChanged.everywhere());
            });
            return work.apply(tx);
        });
    }

    // ---- reads

    public Uni<Product> product(Caller caller, String id, String slug) {
        if ((id == null) == (slug == null)) {
            throw ApiException.badUserInput("Give exactly one of 'id' or 'slug'");
        }
        Uni<Product> found = id != null
                ? repository.productByKey(GlobalId.decode(Product.TYPE, id, "id"), caller.isStaff())
                : repository.productBySlug(slug, caller.isStaff());
        return found.map(p -> require(p, "No product with this " + (id != null ? "id" : "slug")));
    }

    public Uni<ProductVariant> variant(String id, String sku, String barcode) {
        int given = (id == null ? 0 : 1) + (sku == null ? 0 : 1) + (barcode == null ? 0 : 1);
        if (given != 1) {
            throw ApiException.badUserInput("Give exactly one of 'id', 'sku' or 'barcode'");
        }
        Uni<ProductVariant> found;
        if (id != null) {
            found = repository.sellableVariant("id", GlobalId.decode(ProductVariant.TYPE, id, "id"));
        } else if (sku != null) {
            found = repository.sellableVariant("sku", sku);
        } else {
            found = repository.sellableVariant("barcode", barcode);
        }
        return found.map(v -> require(v, "No product variant with this " + (id != null ? "id" : sku != null ? "SKU" : "barcode")));
    }

    /** A variant as an order line freezes it: with its product's name and category. */
    public record OrderableVariant(ProductVariant variant, String productName, Long categoryKey) {
    }

    /** Variants by key with their product's name and category (one statement). */
    public Uni<Map<Long, OrderableVariant>> orderableVariants(Set<Long> keys) {
        return keys.isEmpty() ? Uni.createFrom().item(Map.of()) : repository.orderableVariants(keys);
    }

    /**
     * Variants by internal key, as stored (inactive ones too); for other domains resolving their references. Served
     * from the catalog row cache, which every catalog write empties.
     */
    public Uni<Map<Long, ProductVariant>> variantsByKeys(Set<Long> keys) {
        return keys.isEmpty() ? Uni.createFrom().item(Map.of()) : rowCache.variantsByKeys(keys);
    }

    /**
     * Keys of variants (inactive ones too) by SKU, barcode and external reference, for systems that name variants by
     * their own keys (stock sync, POS sales); one statement for all of them.
     */
    public Uni<VariantKeysByReference> variantKeysByReferences(Collection<String> skus,
            Collection<String> barcodes, Collection<String> externalRefs) {
        if (skus.isEmpty() && barcodes.isEmpty() && externalRefs.isEmpty()) {
            return Uni.createFrom().item(new VariantKeysByReference(Map.of(), Map.of(), Map.of()));
        }
        return repository.variantKeysByReferences(skus, barcodes, externalRefs);
    }

    /**
     * Products by internal key, as stored (hidden ones too), in the order of the keys; keys without a product are
     * left out. For other domains that rank products (recommendations).
     */
    public Uni<List<Product>> productsByKeys(List<Long> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return rowCache.productsByKeys(keys)
                .map(byKey -> keys.stream().map(byKey::get).filter(java.util.Objects::nonNull).toList());
    }

    public Uni<ProductConnection> products(Caller caller, ProductFilter filter, ProductSort sort, PageRequest page) {
        ProductFilter f = filter == null ? new ProductFilter(null, null, null, null, null, null) : filter;
        String search = cleanSearch(f.search());
        Long minPrice = null;
        Long maxPrice = null;
        if (f.price() != null) {
            minPrice = priceBound(f.price().min(), "min");
            maxPrice = priceBound(f.price().max(), "max");
            if (minPrice != null && maxPrice != null && minPrice > maxPrice) {
                throw ApiException.badUserInput("Price filter 'min' must not be greater than 'max'");
            }
        }
        Long categoryKey = f.categoryId() == null ? null : GlobalId.decode(Category.TYPE, f.categoryId(), "filter.categoryId");
        Long locationKey = f.inStockAt() == null ? null : GlobalId.decode(Location.TYPE, f.inStockAt(), "filter.inStockAt");
        ProductQuery query = new ProductQuery(categoryKey, f.categorySlug(), search, minPrice, maxPrice,
                Boolean.TRUE.equals(f.inStock()), locationKey, sort == null ? ProductSort.RELEVANCE : sort,
                caller.isStaff());
        Uni<Void> locationCheck = locationKey == null ? Uni.createFrom().voidItem()
                : stores.location(locationKey).replaceWithVoid();
        return locationCheck
                .chain(() -> repository.products(query, page.fetchSize(), page.offset()))
                .map(rows -> Page.connection(rows, page, ProductConnection.Edge::new, ProductConnection::new));
    }

    public Uni<List<Category>> rootCategories() {
        return repository.categories().map(all -> all.stream().filter(c -> c.parentKey() == null).toList());
    }

    public Uni<Category> category(String id, String slug) {
        if ((id == null) == (slug == null)) {
            throw ApiException.badUserInput("Give exactly one of 'id' or 'slug'");
        }
        Uni<Category> found = id != null
                ? repository.categoriesByKeys(List.of(GlobalId.decode(Category.TYPE, id, "id")))
                        .map(m -> m.values().stream().findFirst().orElse(null))
                : repository.categoryBySlug(slug);
        return found.map(c -> require(c, "No category with this " + (id != null ? "id" : "slug")));
    }

    // ---- batches for relationship fields: one statement for the whole list, results in input order

    public Uni<List<List<ProductVariant>>> variantsOf(List<Product> products) {
        Map<Long, String> currencies = new HashMap<>();
        for (Product product : products) {
            currencies.put(product.key(), product.currency());
        }
        return Batch.many(products, Product::key, keys -> repository.variantsOfProducts(keys, currencies::get), List.of());
    }

    public Uni<List<Product>> productsOf(List<ProductVariant> variants) {
        return Batch.one(variants, ProductVariant::productKey, rowCache::productsByKeys);
    }

    public Uni<List<Category>> categoriesOf(List<Product> products) {
        return Batch.one(products, Product::categoryKey, repository::categoriesByKeys);
    }

    public Uni<List<Category>> parentsOf(List<Category> categories) {
        return Batch.one(categories, Category::parentKey, repository::categoriesByKeys);
    }

    public Uni<List<List<Category>>> childrenOf(List<Category> categories) {
        return Batch.many(categories, Category::key, repository::childrenByParentKeys, List.of());
    }

    public Uni<List<List<Category>>> ancestorsOf(List<Category> categories) {
        return Batch.many(categories, Category::key, repository::ancestorsByKeys, List.of());
    }

    // ---- writes

    public Uni<ProductPayload> createProduct(Caller caller, ProductCreateInput input) {
        caller.requireStaff();
        CatalogValidation v = new CatalogValidation();
        String name = v.name(input.name(), "input", "name");
        String slug = input.slug() == null && name != null ? CatalogValidation.slugify(name) : v.slug(input.slug(), "input", "slug");
        v.text(input.description(), CatalogValidation.MAX_DESCRIPTION, "INVALID_DESCRIPTION", "input", "description");
        v.text(input.brand(), CatalogValidation.MAX_BRAND, "INVALID_BRAND", "input", "brand");
        v.imageUrls(input.imageUrls(), "input", "imageUrls");
        Long categoryKey = categoryKey(v, input.categoryId());
        List<ProductVariantFields> variantInputs = input.variants() == null ? List.of() : input.variants();
        if (variantInputs.size() > CatalogValidation.MAX_VARIANTS) {
            v.add("TOO_MANY_VARIANTS", "At most " + CatalogValidation.MAX_VARIANTS + " variants", "input", "variants");
        }
        List<CatalogRepository.NewVariant> variants = new ArrayList<>();
        Set<String> skus = new HashSet<>();
        Set<String> barcodes = new HashSet<>();
        for (int i = 0; i < variantInputs.size() && i < CatalogValidation.MAX_VARIANTS; i++) {
            if (variantInputs.get(i) == null) {
                v.add("INVALID_VARIANT", "Variants must not be null", "input", "variants", String.valueOf(i));
                continue;
            }
            CatalogRepository.NewVariant nv = newVariant(v, variantInputs.get(i), "input", "variants", String.valueOf(i));
            if (nv != null) {
                if (!skus.add(nv.sku())) {
                    v.add("DUPLICATE_SKU", "SKU " + nv.sku() + " is given twice", "input", "variants", String.valueOf(i), "sku");
                }
                if (nv.barcode() != null && !barcodes.add(nv.barcode())) {
                    v.add("DUPLICATE_BARCODE", "Barcode " + nv.barcode() + " is given twice", "input", "variants",
                            String.valueOf(i), "barcode");
                }
                variants.add(nv);
            }
        }
        if (!v.ok()) {
            return Uni.createFrom().item(ProductPayload.failed(v.errors()));
        }
        CatalogRepository.NewProduct product = new CatalogRepository.NewProduct(slug, name,
                input.description() == null ? "" : input.description(), input.brand(), categoryKey,
                input.status() == null ? ProductStatus.ACTIVE : input.status(),
                input.imageUrls() == null ? List.of() : input.imageUrls(), currency);
        return checkCategory(categoryKey)
                .chain(categoryError -> categoryError != null
                        ? Uni.createFrom().item(ProductPayload.failed(List.of(categoryError)))
                        : changeCatalog(tx -> repository.insertProduct(tx, product)
                                .call(key -> Multi.createFrom().iterable(variants)
                                        .onItem().transformToUniAndConcatenate(nv -> repository.insertVariant(tx, key, nv))
                                        .collect().asList()))
                                .chain(key -> repository.productByKey(key, true))
                                .map(p -> new ProductPayload(p, List.of()))
                                .onFailure(CatalogService::isUniqueViolation)
                                .recoverWithItem(e -> ProductPayload.failed(List.of(duplicate((PgException) e, "input")))));
    }

    public Uni<ProductPayload> updateProduct(Caller caller, ProductUpdateInput input) {
        caller.requireStaff();
        Long key = GlobalId.tryDecode(Product.TYPE, input.id());
        if (key == null) {
            return Uni.createFrom().item(ProductPayload.failed(List.of(UserError.of("NOT_FOUND", "No product with this id", "input", "id"))));
        }
        CatalogValidation v = new CatalogValidation();
        String name = v.name(input.name(), "input", "name");
        String slug = v.slug(input.slug(), "input", "slug");
        v.text(input.description(), CatalogValidation.MAX_DESCRIPTION, "INVALID_DESCRIPTION", "input", "description");
        v.text(input.brand(), CatalogValidation.MAX_BRAND, "INVALID_BRAND", "input", "brand");
        v.imageUrls(input.imageUrls(), "input", "imageUrls");
        Long categoryKey = categoryKey(v, input.categoryId());
        if (!v.ok()) {
            return Uni.createFrom().item(ProductPayload.failed(v.errors()));
        }
        var changes = new CatalogRepository.ProductChanges(slug, name, input.description(), input.brand(), categoryKey,
                input.status(), input.imageUrls(), input.returnable());
        return checkCategory(categoryKey)
                .chain(categoryError -> categoryError != null
                        ? Uni.createFrom().item(ProductPayload.failed(List.of(categoryError)))
                        : changeCatalog(tx -> repository.updateProduct(tx, key, changes))
                                .chain(updated -> !updated
                                        ? Uni.createFrom().item(ProductPayload.failed(List.of(
                                                UserError.of("NOT_FOUND", "No product with this id", "input", "id"))))
                                        : repository.productByKey(key, true).map(p -> new ProductPayload(p, List.of())))
                                .onFailure(CatalogService::isUniqueViolation)
                                .recoverWithItem(e -> ProductPayload.failed(List.of(duplicate((PgException) e, "input")))));
    }

    /** Of these variants, those whose product staff marked as not returnable. */
    public Uni<Set<Long>> nonReturnableVariants(Set<Long> variantKeys) {
        return variantKeys.isEmpty() ? Uni.createFrom().item(Set.of()) : repository.nonReturnableVariants(variantKeys);
    }

    public Uni<ProductVariantPayload> createVariant(Caller caller, ProductVariantCreateInput input) {
        caller.requireStaff();
        Long productKey = GlobalId.tryDecode(Product.TYPE, input.productId());
        if (productKey == null) {
            return Uni.createFrom().item(ProductVariantPayload.failed(List.of(
                    UserError.of("NOT_FOUND", "No product with this id", "input", "productId"))));
        }
        CatalogValidation v = new CatalogValidation();
        CatalogRepository.NewVariant nv = newVariant(v, input.variant(), "input", "variant");
        if (!v.ok()) {
            return Uni.createFrom().item(ProductVariantPayload.failed(v.errors()));
        }
        return repository.currencyOfProduct(productKey).chain(productCurrency -> {
            if (productCurrency == null) {
                return Uni.createFrom().item(ProductVariantPayload.failed(List.of(
                        UserError.of("NOT_FOUND", "No product with this id", "input", "productId"))));
            }
            return changeCatalog(tx -> repository.insertVariant(tx, productKey, nv))
                    .chain(variantKey -> repository.variantsByKeys(List.of(variantKey)))
                    .map(m -> new ProductVariantPayload(m.values().iterator().next(), List.of()))
                    .onFailure(CatalogService::isUniqueViolation)
                    .recoverWithItem(e -> ProductVariantPayload.failed(List.of(duplicate((PgException) e, "input", "variant"))));
        });
    }

    public Uni<ProductVariantPayload> updateVariant(Caller caller, ProductVariantUpdateInput input) {
        caller.requireStaff();
        Long key = GlobalId.tryDecode(ProductVariant.TYPE, input.id());
        UserError notFound = UserError.of("NOT_FOUND", "No product variant with this id", "input", "id");
        if (key == null) {
            return Uni.createFrom().item(ProductVariantPayload.failed(List.of(notFound)));
        }
        CatalogValidation v = new CatalogValidation();
        String sku = v.sku(input.sku(), "input", "sku");
        String barcode = v.barcode(input.barcode(), "input", "barcode");
        String title = input.title() == null ? null : v.name(input.title(), "input", "title");
        List<SelectedOption> options = v.options(input.options(), "input", "options");
        Long price = v.price(input.price(), currency, "input", "price");
        boolean clearCompareAt = input.compareAtPrice() != null && input.compareAtPrice().isEmpty();
        Long compareAt = clearCompareAt ? null : v.price(input.compareAtPrice(), currency, "input", "compareAtPrice");
        boolean clearExternalRef = input.externalRef() != null && input.externalRef().isBlank();
        String externalRef = clearExternalRef ? null : v.externalRef(input.externalRef(), "input", "externalRef");
        if (!v.ok()) {
            return Uni.createFrom().item(ProductVariantPayload.failed(v.errors()));
        }
        var changes = new CatalogRepository.VariantChanges(sku, barcode, title, options, price, compareAt,
                clearCompareAt, input.active(), externalRef, clearExternalRef, input.giftCard());
        return changeCatalog(tx -> repository.updateVariant(tx, key, changes))
                .chain(updated -> !updated
                        ? Uni.createFrom().item(ProductVariantPayload.failed(List.of(notFound)))
                        : repository.variantsByKeys(List.of(key))
                                .map(m -> new ProductVariantPayload(m.get(key), List.of())))
                .onFailure(CatalogService::isUniqueViolation)
                .recoverWithItem(e -> ProductVariantPayload.failed(List.of(duplicate((PgException) e, "input"))));
    }

    // ---- helpers

    private CatalogRepository.NewVariant newVariant(CatalogValidation v, ProductVariantFields in, String... path) {
        String sku = v.sku(in.sku(), append(path, "sku"));
        String barcode = v.barcode(in.barcode(), append(path, "barcode"));
        List<SelectedOption> options = v.options(in.options(), append(path, "options"));
        String title = in.title() == null ? null : v.name(in.title(), append(path, "title"));
        Long price = v.price(in.price(), currency, append(path, "price"));
        Long compareAt = v.price(in.compareAtPrice(), currency, append(path, "compareAtPrice"));
        if (price == null) {
            return null;
        }
        return new CatalogRepository.NewVariant(sku, barcode,
                title != null ? title : CatalogValidation.titleFrom(options, sku),
                options == null ? List.of() : options, price, compareAt, in.active() == null || in.active(),
                Boolean.TRUE.equals(in.giftCard()));
    }

    private static String[] append(String[] path, String last) {
        String[] result = java.util.Arrays.copyOf(path, path.length + 1);
        result[path.length] = last;
        return result;
    }

    private static Long categoryKey(CatalogValidation v, String categoryId) {
        if (categoryId == null) {
            return null;
        }
        Long key = GlobalId.tryDecode(Category.TYPE, categoryId);
        if (key == null) {
            v.add("UNKNOWN_CATEGORY", "No category with this id", "input", "categoryId");
        }
        return key;
    }

    private Uni<UserError> checkCategory(Long categoryKey) {
        if (categoryKey == null) {
            return Uni.createFrom().nullItem();
        }
        return repository.categoryExists(categoryKey)
                .map(exists -> exists ? null : UserError.of("UNKNOWN_CATEGORY", "No category with this id", "input", "categoryId"));
    }

    private static boolean isUniqueViolation(Throwable t) {
        return t instanceof PgException pg && "23505".equals(pg.getSqlState());
    }

    private static UserError duplicate(PgException e, String... path) {
        String constraint = e.getConstraint() == null ? "" : e.getConstraint();
        if (constraint.contains("slug")) {
            return UserError.of("DUPLICATE_SLUG", "Another product already uses this slug", append(path, "slug"));
        }
        if (constraint.contains("external_ref")) {
            return UserError.of("DUPLICATE_EXTERNAL_REF", "Another variant already uses this external reference", append(path, "externalRef"));
        }
        if (constraint.contains("barcode")) {
            return UserError.of("DUPLICATE_BARCODE", "Another variant already uses this barcode", append(path, "barcode"));
        }
        return UserError.of("DUPLICATE_SKU", "Another variant already uses this SKU", append(path, "sku"));
    }

    private static <T> T require(T value, String message) {
        if (value == null) {
            throw ApiException.notFound(message);
        }
        return value;
    }

    private static String cleanSearch(String search) {
        if (search == null) {
            return null;
        }
        // NUL cannot be stored in PostgreSQL text; everything else is safe for websearch_to_tsquery.
        String cleaned = search.replace("\u0000", " ").strip();
        if (cleaned.length() > MAX_SEARCH_LENGTH) {
            throw ApiException.badUserInput("Search text must be at most " + MAX_SEARCH_LENGTH + " characters");
        }
        return cleaned.isEmpty() ? null : cleaned;
    }

    private Long priceBound(String amount, String name) {
        if (amount == null) {
            return null;
        }
        try {
            long minor = Money.toMinor(amount, currency);
            if (minor < 0) {
                throw ApiException.badUserInput("Price filter '" + name + "' must be at least 0");
            }
            return minor;
        } catch (IllegalArgumentException e) {
            throw ApiException.badUserInput("Price filter '" + name + "': " + e.getMessage());
        }
    }
}
