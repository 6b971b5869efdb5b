package com.omnichannel.gateway.catalog;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.platform.db.Columns;
import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.platform.money.Money;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/** SQL for products, variants and categories. Every list read is one statement, whatever its size. */
@ApplicationScoped
public class CatalogRepository {

    static final String PRODUCT_COLUMNS = """
            p.id, p.slug, p.name, p.description, p.brand, p.status, p.image_urls, p.currency, p.min_price_minor,
            p.max_price_minor, p.created_at, p.updated_at, p.category_id, p.returnable""";

    /** A variant's own columns; its options as the text kept beside them (StoredOptions). */
    private static final String VARIANT_OWN_COLUMNS = """
            v.id, v.product_id, v.sku, v.barcode, v.title, v.options_text AS options, v.price_minor, v.compare_at_price_minor,
            v.active, v.external_ref, v.gift_card""";

    static final String VARIANT_COLUMNS = VARIANT_OWN_COLUMNS + ", p.currency";

    private final Db db;

    public CatalogRepository(Db db) {
        this.db = db;
    }

    // ---- products

    public Uni<Product> productByKey(long key, boolean includeHidden) {
        return db.query("SELECT " + PRODUCT_COLUMNS + " FROM product p WHERE p.id = $1"
                + (includeHidden ? "" : " AND p.status = 'ACTIVE'"), Tuple.of(key))
                .map(rows -> first(rows, row -> product(row, Columns.of(rows))));
    }

    public Uni<Product> productBySlug(String slug, boolean includeHidden) {
        return db.query("SELECT " + PRODUCT_COLUMNS + " FROM product p WHERE p.slug = $1"
                + (includeHidden ? "" : " AND p.status = 'ACTIVE'"), Tuple.of(slug))
                .map(rows -> first(rows, row -> product(row, Columns.of(rows))));
    }

    public Uni<Map<Long, Product>> productsByKeys(Collection<Long> keys) {
        return db.query("SELECT " + PRODUCT_COLUMNS + " FROM product p WHERE p.id = ANY($1)",
                Tuple.of(keys.toArray(Long[]::new)))
                .map(rows -> {
                    Map<Long, Product> result = new HashMap<>();
                    Columns columns = Columns.of(rows);
                    for (Row row : rows) {
                        Product product = product(row, columns);
                        result.put(product.key(), product);
                    }
                    return result;
                });
    }

    /** One page of products ({@code limit} rows from {@code offset}) matching the query, in its order. */
    public Uni<List<Product>> products(ProductQuery query, int limit, int offset) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT ").append(PRODUCT_COLUMNS).append(" FROM product p WHERE TRUE");
        if (!query.includeHidden()) {
            sql.append(" AND p.status = 'ACTIVE'");
        }
        if (query.categoryKey() != null || query.categorySlug() != null) {
            String root = query.categoryKey() != null
                    ? "SELECT id FROM category WHERE id = " + param(params, query.categoryKey())
                    : "SELECT id FROM category WHERE slug = " + param(params, query.categorySlug());
            sql.append(" AND p.category_id IN (WITH RECURSIVE sub(id) AS (").append(root)
                    .append(" UNION ALL SELECT c.id FROM category c JOIN sub ON c.parent_id = sub.id) SELECT id FROM sub)");
        }
        String searchParam = null;
        if (query.search() != null) {
            searchParam = param(params, query.search());
            sql.append(" AND p.search_vector @@ websearch_to_tsquery('english', ").append(searchParam).append(")");
        }
        if (query.minPriceMinor() != null) {
            sql.append(" AND p.max_price_minor >= ").append(param(params, query.minPriceMinor()));
        }
        if (query.maxPriceMinor() != null) {
            sql.append(" AND p.min_price_minor <= ").append(param(params, query.maxPriceMinor()));
        }
        if (query.inStock() || query.inStockAtKey() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM product_variant v JOIN stock_level s ON s.variant_id = v.id")
                    .append(" WHERE v.product_id = p.id AND v.active AND s.on_hand > s.reserved");
            if (query.inStockAtKey() != null) {
                sql.append(" AND s.location_id = ").append(param(params, query.inStockAtKey()));
            }
            sql.append(")");
        }
        sql.append(" ORDER BY ").append(switch (query.sort()) {
            case RELEVANCE -> searchParam != null
                    ? "ts_rank_cd(p.search_vector, websearch_to_tsquery('english', " + searchParam + ")) DESC, p.id"
                    : "p.created_at DESC, p.id DESC";
            case PRICE_ASC -> "p.min_price_minor ASC NULLS LAST, p.id";
            case PRICE_DESC -> "p.max_price_minor DESC NULLS LAST, p.id";
            case NEWEST -> "p.created_at DESC, p.id DESC";
            case NAME -> "p.name, p.id";
        });
        sql.append(" LIMIT ").append(param(params, limit)).append(" OFFSET ").append(param(params, offset));
        return db.query(sql.toString(), Tuple.from(params)).map(rows -> {
            List<Product> result = new ArrayList<>();
            Columns columns = Columns.of(rows);
            for (Row row : rows) {
                result.add(product(row, columns));
            }
            return result;
        });
    }

    // ---- variants

    /**
     * Active variants of each product, in display order, priced in the product's currency (the caller has the
     * products: joining them for it was a third of PostgreSQL's work for this statement).
     */
    public Uni<Map<Long, List<ProductVariant>>> variantsOfProducts(Collection<Long> productKeys, Function<Long, String> currencyOf) {
        return db.query("SELECT " + VARIANT_OWN_COLUMNS
                + " FROM product_variant v WHERE v.product_id = ANY($1) AND v.active ORDER BY v.product_id, v.position, v.id",
                Tuple.of(productKeys.toArray(Long[]::new)))
                .map(rows -> {
                    Map<Long, List<ProductVariant>> result = new HashMap<>();
                    Columns columns = Columns.of(rows);
                    for (Row row : rows) {
                        long productKey = row.getLong(columns.at("product_id"));
                        ProductVariant variant = variant(row, columns, currencyOf.apply(productKey));
                        result.computeIfAbsent(productKey, k -> new ArrayList<>()).add(variant);
                    }
                    return result;
                });
    }

    /** Variants with their product's name and category, for freezing order lines. */
    /** For checkout (batch_keys, V8: PostgreSQL keeps one plan for it instead of planning every checkout). */
    public Uni<Map<Long, CatalogService.OrderableVariant>> orderableVariants(Collection<Long> keys) {
        return db.query("SELECT " + VARIANT_COLUMNS + ", p.name AS product_name, p.category_id " + """
                 FROM product_variant v JOIN product p ON p.id = v.product_id WHERE v.id IN (SELECT batch_keys($1))""",
                Tuple.of(keys.toArray(Long[]::new)))
                .map(rows -> {
                    Map<Long, CatalogService.OrderableVariant> result = new LinkedHashMap<>();
                    Columns columns = Columns.of(rows);
                    for (Row row : rows) {
                        ProductVariant variant = variant(row, columns);
                        result.put(variant.key(), new CatalogService.OrderableVariant(variant, row.getString("product_name"),
                                row.getLong("category_id")));
                    }
                    return result;
                });
    }

    public Uni<Map<Long, ProductVariant>> variantsByKeys(Collection<Long> keys) {
        return db.query("SELECT " + VARIANT_COLUMNS + " " + """
                 FROM product_variant v JOIN product p ON p.id = v.product_id WHERE v.id = ANY($1)""",
                Tuple.of(keys.toArray(Long[]::new)))
                .map(rows -> {
                    Map<Long, ProductVariant> result = new LinkedHashMap<>();
                    Columns columns = Columns.of(rows);
                    for (Row row : rows) {
                        ProductVariant variant = variant(row, columns);
                        result.put(variant.key(), variant);
                    }
                    return result;
                });
    }

    /** An active variant of an active product by id, SKU or barcode (exactly one of them given). */
    public Uni<ProductVariant> sellableVariant(String column, Object value) {
        if (!List.of("id", "sku", "barcode").contains(column)) {
            throw new IllegalArgumentException("Unknown variant lookup column " + column);
        }
        return db.query("SELECT " + VARIANT_COLUMNS + " FROM product_variant v JOIN product p ON p.id = v.product_id"
                + " WHERE v." + column + " = $1 AND v.active AND p.status = 'ACTIVE'", Tuple.of(value))
                .map(rows -> first(rows, row -> variant(row, Columns.of(rows))));
    }

    /**
     * Keys of the variants with these SKUs, barcodes and external references (inactive ones too: stock of a variant
     * no longer sold is still counted), in one statement; each map holds the values found.
     */
    public Uni<VariantKeysByReference> variantKeysByReferences(Collection<String> skus, Collection<String> barcodes,
            Collection<String> externalRefs) {
        return db.query("""
                SELECT id, sku, barcode, external_ref, sku = ANY($1) AS by_sku, barcode = ANY($2) AS by_barcode,
                       external_ref = ANY($3) AS by_external_ref
                  FROM product_variant WHERE sku = ANY($1) OR barcode = ANY($2) OR external_ref = ANY($3)""",
                Tuple.of(skus.toArray(String[]::new), barcodes.toArray(String[]::new), externalRefs.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, Long> bySku = new HashMap<>();
                    Map<String, Long> byBarcode = new HashMap<>();
                    Map<String, Long> byExternalRef = new HashMap<>();
                    for (Row row : rows) {
                        long id = row.getLong("id");
                        if (Boolean.TRUE.equals(row.getBoolean("by_sku"))) {
                            bySku.put(row.getString("sku"), id);
                        }
                        if (Boolean.TRUE.equals(row.getBoolean("by_barcode"))) {
                            byBarcode.put(row.getString("barcode"), id);
                        }
                        if (Boolean.TRUE.equals(row.getBoolean("by_external_ref"))) {
                            byExternalRef.put(row.getString("external_ref"), id);
                        }
                    }
                    return new VariantKeysByReference(bySku, byBarcode, byExternalRef);
                });
    }

    // ---- categories

    public Uni<List<Category>> categories() {
        return db.query("SELECT id, parent_id, slug, name, position FROM category ORDER BY position, name, id")
                .map(rows -> {
                    List<Category> result = new ArrayList<>();
                    for (Row row : rows) {
                        result.add(category(row));
                    }
                    return result;
                });
    }

    public Uni<Category> categoryBySlug(String slug) {
        return db.query("SELECT id, parent_id, slug, name, position FROM category WHERE slug = $1", Tuple.of(slug))
                .map(rows -> first(rows, CatalogRepository::category));
    }

    public Uni<Map<Long, Category>> categoriesByKeys(Collection<Long> keys) {
        return db.query("SELECT id, parent_id, slug, name, position FROM category WHERE id = ANY($1)",
                Tuple.of(keys.toArray(Long[]::new)))
                .map(rows -> {
                    Map<Long, Category> result = new HashMap<>();
                    for (Row row : rows) {
                        Category c = category(row);
                        result.put(c.key(), c);
                    }
                    return result;
                });
    }

    public Uni<Map<Long, List<Category>>> childrenByParentKeys(Collection<Long> parentKeys) {
        return db.query("""
                SELECT id, parent_id, slug, name, position FROM category WHERE parent_id = ANY($1)
                 ORDER BY parent_id, position, name, id""", Tuple.of(parentKeys.toArray(Long[]::new)))
                .map(rows -> {
                    Map<Long, List<Category>> result = new HashMap<>();
                    for (Row row : rows) {
                        Category c = category(row);
                        result.computeIfAbsent(c.parentKey(), k -> new ArrayList<>()).add(c);
                    }
                    return result;
                });
    }

    /** For each category, its ancestors from the root down (excluding itself). */
    public Uni<Map<Long, List<Category>>> ancestorsByKeys(Collection<Long> keys) {
        return db.query("""
                WITH RECURSIVE chain(start_id, id, parent_id, depth) AS (
                    SELECT c.id, c.id, c.parent_id, 0 FROM category c WHERE c.id = ANY($1)
                    UNION ALL
                    SELECT chain.start_id, c.id, c.parent_id, chain.depth + 1
                      FROM chain JOIN category c ON c.id = chain.parent_id WHERE chain.depth < 50)
                SELECT chain.start_id, c.id, c.parent_id, c.slug, c.name, c.position
                  FROM chain JOIN category c ON c.id = chain.id
                 WHERE chain.depth > 0 ORDER BY chain.start_id, chain.depth DESC""",
                Tuple.of(keys.toArray(Long[]::new)))
                .map(rows -> {
                    Map<Long, List<Category>> result = new HashMap<>();
                    for (Row row : rows) {
                        result.computeIfAbsent(row.getLong("start_id"), k -> new ArrayList<>()).add(category(row));
                    }
                    return result;
                });
    }

    // ---- writes (inside a transaction)

    public Uni<Long> insertProduct(Db.Tx tx, NewProduct p) {
        return tx.query("""
                INSERT INTO product (slug, name, description, brand, category_id, status, image_urls, currency)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id""",
                Tuple.from(Arrays.asList(p.slug(), p.name(), p.description(), p.brand(), p.categoryKey(),
                        p.status().name(), p.imageUrls().toArray(String[]::new), p.currency())))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    public Uni<Boolean> updateProduct(Db.Tx tx, long key, ProductChanges c) {
        return tx.query("""
                UPDATE product SET slug = COALESCE($2, slug), name = COALESCE($3, name),
                       description = COALESCE($4, description), brand = COALESCE($5, brand),
                       category_id = COALESCE($6, category_id), status = COALESCE($7, status),
                       image_urls = COALESCE($8, image_urls), returnable = COALESCE($9, returnable), updated_at = now()
                 WHERE id = $1""",
                Tuple.from(Arrays.asList(key, c.slug(), c.name(), c.description(), c.brand(), c.categoryKey(),
                        c.status() == null ? null : c.status().name(),
                        c.imageUrls() == null ? null : c.imageUrls().toArray(String[]::new), c.returnable())))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Of these variants, those whose product may not be returned. */
    public Uni<java.util.Set<Long>> nonReturnableVariants(java.util.Collection<Long> variantKeys) {
        return db.query("SELECT v.id FROM product_variant v JOIN product p ON p.id = v.product_id WHERE v.id = ANY($1) AND NOT p.returnable",
                Tuple.of(variantKeys.toArray(Long[]::new))).map(rows -> {
                    java.util.Set<Long> keys = new java.util.HashSet<>();
                    rows.forEach(r -> keys.add(r.getLong("id")));
                    return keys;
                });
    }

    public Uni<Long> insertVariant(Db.Tx tx, long productKey, NewVariant v) {
        return tx.query("""
                INSERT INTO product_variant (product_id, sku, barcode, title, options, price_minor,
                                             compare_at_price_minor, active, gift_card, position)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,
                        (SELECT COALESCE(max(position) + 1, 0) FROM product_variant WHERE product_id = $1))
                RETURNING id""",
                Tuple.from(Arrays.asList(productKey, v.sku(), v.barcode(), v.title(), options(v.options()),
                        v.priceMinor(), v.compareAtPriceMinor(), v.active(), v.giftCard())))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    public Uni<Boolean> updateVariant(Db.Tx tx, long key, VariantChanges c) {
        return tx.query("""
                UPDATE product_variant SET sku = COALESCE($2, sku), barcode = COALESCE($3, barcode),
                       title = COALESCE($4, title), options = COALESCE($5, options),
                       price_minor = COALESCE($6, price_minor),
                       compare_at_price_minor = CASE WHEN $7 THEN NULL ELSE COALESCE($8, compare_at_price_minor) END,
                       active = COALESCE($9, active),
                       external_ref = CASE WHEN $10 THEN NULL ELSE COALESCE($11, external_ref) END,
                       gift_card = COALESCE($12, gift_card), updated_at = now()
                 WHERE id = $1""",
                Tuple.from(Arrays.asList(key, c.sku(), c.barcode(), c.title(),
                        c.options() == null ? null : options(c.options()), c.priceMinor(),
                        c.clearCompareAtPrice(), c.compareAtPriceMinor(), c.active(), c.clearExternalRef(), c.externalRef(), c.giftCard())))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Long> productKeyOfVariant(long variantKey) {
        return db.query("SELECT product_id FROM product_variant WHERE id = $1", Tuple.of(variantKey))
                .map(rows -> first(rows, r -> r.getLong("product_id")));
    }

    public Uni<String> currencyOfProduct(long productKey) {
        return db.query("SELECT currency FROM product WHERE id = $1", Tuple.of(productKey))
                .map(rows -> first(rows, r -> r.getString("currency")));
    }

    public Uni<Boolean> categoryExists(long key) {
        return db.query("SELECT 1 FROM category WHERE id = $1", Tuple.of(key)).map(rows -> rows.size() == 1);
    }

    // ---- mapping

    private static JsonArray options(List<SelectedOption> options) {
        JsonArray array = new JsonArray();
        for (SelectedOption o : options) {
            array.add(new JsonObject().put("name", o.name()).put("value", o.value()));
        }
        return array;
    }

    static Product product(Row row, Columns c) {
        long key = row.getLong(c.at("id"));
        String currency = row.getString(c.at("currency"));
        String name = row.getString(c.at("name"));
        String[] urls = row.getArrayOfStrings(c.at("image_urls"));
        List<Image> images = new ArrayList<>(urls == null ? 0 : urls.length);
        if (urls != null) {
            for (String url : urls) {
                images.add(new Image(url, name));
            }
        }
        Long min = row.getLong(c.at("min_price_minor"));
        Long max = row.getLong(c.at("max_price_minor"));
        PriceRange range = min == null || max == null ? null
                : new PriceRange(Money.ofMinor(min, currency), Money.ofMinor(max, currency));
        OffsetDateTime created = row.getOffsetDateTime(c.at("created_at"));
        OffsetDateTime updated = row.getOffsetDateTime(c.at("updated_at"));
        return new Product(Product.globalId(key), row.getString(c.at("slug")), name, row.getString(c.at("description")),
                row.getString(c.at("brand")), ProductStatus.valueOf(row.getString(c.at("status"))), images, range, row.getBoolean(c.at("returnable")), created, updated,
                key, row.getLong(c.at("category_id")), currency);
    }

    static ProductVariant variant(Row row, Columns c) {
        return variant(row, c, row.getString(c.at("currency")));
    }

    private static ProductVariant variant(Row row, Columns c, String currency) {
        long key = row.getLong(c.at("id"));
        // Decoded only if the options are used (StoredOptions).
        List<SelectedOption> options = StoredOptions.of(row.getString(c.at("options")));
        return new ProductVariant(ProductVariant.globalId(key), row.getString(c.at("sku")), row.getString(c.at("barcode")),
                row.getString(c.at("title")), options, Money.ofMinor(row.getLong(c.at("price_minor")), currency),
                Money.ofMinorOrNull(row.getLong(c.at("compare_at_price_minor")), currency), row.getBoolean(c.at("active")),
                row.getString(c.at("external_ref")), Boolean.TRUE.equals(row.getBoolean(c.at("gift_card"))), key, row.getLong(c.at("product_id")));
    }

    static Category category(Row row) {
        long key = row.getLong("id");
        return new Category(Category.globalId(key), row.getString("slug"), row.getString("name"),
                row.getInteger("position"), key, row.getLong("parent_id"));
    }

    private static <T> T first(RowSet<Row> rows, Function<Row, T> mapper) {
        var it = rows.iterator();
        return it.hasNext() ? mapper.apply(it.next()) : null;
    }

    private static String param(List<Object> params, Object value) {
        params.add(value);
        return "$" + params.size();
    }

    /** A product to insert. */
    public record NewProduct(String slug, String name, String description, String brand, Long categoryKey,
            ProductStatus status, List<String> imageUrls, String currency) {
    }

    /** Fields of a product to change; null leaves a field as it is. */
    public record ProductChanges(String slug, String name, String description, String brand, Long categoryKey,
            ProductStatus status, List<String> imageUrls, Boolean returnable) {
    }

    /** A variant to insert. */
    public record NewVariant(String sku, String barcode, String title, List<SelectedOption> options, long priceMinor,
            Long compareAtPriceMinor, boolean active, boolean giftCard) {
    }

    /** Fields of a variant to change; null leaves a field as it is. */
    public record VariantChanges(String sku, String barcode, String title, List<SelectedOption> options,
            Long priceMinor, Long compareAtPriceMinor, boolean clearCompareAtPrice, Boolean active, String externalRef,
            boolean clearExternalRef, Boolean giftCard) {
    }
}
