package com.omnichannel.gateway.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.catalog.Category;
import com.omnichannel.gateway.catalog.Gtin;
import com.omnichannel.gateway.catalog.Product;
import com.omnichannel.gateway.catalog.ProductVariant;
import com.omnichannel.gateway.catalog.CatalogRowCache;
import com.omnichannel.gateway.inventory.StockLevelCache;
import com.omnichannel.gateway.store.Location;
import com.omnichannel.gateway.store.LocationDirectory;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Creates the rows a test needs, each with unique names, so tests do not depend on each other or on order.
 * Goes straight to the database: it sets up state, the tests then exercise the API.
 */
@ApplicationScoped
public class TestData {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static long barcodeCounter = System.currentTimeMillis() % 1_000_000_000L;

    private final Pool pool;
    private final LocationDirectory locations;
    private final CatalogRowCache catalogRows;
    private final StockLevelCache levels;

    public TestData(Pool pool, LocationDirectory locations, CatalogRowCache catalogRows, StockLevelCache levels) {
        this.pool = pool;
        this.locations = locations;
        this.catalogRows = catalogRows;
        this.levels = levels;
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static synchronized String newBarcode() {
        String body = "20" + String.format("%010d", barcodeCounter++ % 10_000_000_000L);
        return body + Gtin.checkDigit(body);
    }

    public record Ref(long key, String id) {
    }

    public Ref category(String name, Ref parent) {
        long key = insert("INSERT INTO category (parent_id, slug, name) VALUES ($1, $2, $3) RETURNING id",
                Tuple.of(parent == null ? null : parent.key(), unique(name.toLowerCase()), name));
        return new Ref(key, Category.globalId(key));
    }

    public Ref store(String name, double lat, double lng) {
        return location(name, "STORE", lat, lng);
    }

    public Ref warehouse(String name, double lat, double lng) {
        return location(name, "WAREHOUSE", lat, lng);
    }

    private Ref location(String name, String type, double lat, double lng) {
        long key = insert("""
                INSERT INTO location (code, name, type, address_line1, city, postal_code, country_code, latitude, longitude)
                VALUES ($1, $2, $3, 'Teststr. 1', 'Teststadt', '10115', 'DE', $4, $5) RETURNING id""",
                Tuple.of(unique("LOC"), name, type, lat, lng));
        // Rows written behind the service's back: tell it, as an admin operation would.
        locations.invalidate();
        return new Ref(key, Location.globalId(key));
    }

    /** A product with the given variant prices (minor units), in the given category (or none). */
    public ProductRef product(String name, Ref category, long... pricesMinor) {
        long key = insert("""
                INSERT INTO product (slug, name, description, brand, category_id, image_urls)
                VALUES ($1, $2, $3, 'Testbrand', $4, ARRAY['https://img.test/' || $1 || '.jpg']) RETURNING id""",
                Tuple.from(java.util.Arrays.asList(unique("p"), name, "Description of " + name,
                        category == null ? null : category.key())));
        List<VariantRef> variants = new ArrayList<>();
        for (int i = 0; i < pricesMinor.length; i++) {
            String sku = unique("SKU");
            String barcode = newBarcode();
            long variantKey = insert("""
                    INSERT INTO product_variant (product_id, sku, barcode, title, options, price_minor, position)
                    VALUES ($1, $2, $3, $4, $5::text::jsonb, $6, $7) RETURNING id""",
                    Tuple.from(java.util.Arrays.asList(key, sku, barcode, "Size " + i,
                            "[{\"name\":\"Size\",\"value\":\"" + i + "\"}]", pricesMinor[i], i)));
            variants.add(new VariantRef(variantKey, ProductVariant.globalId(variantKey), sku, barcode));
        }
        String slug = pool.preparedQuery("SELECT slug FROM product WHERE id = $1").execute(Tuple.of(key))
                .await().atMost(TIMEOUT).iterator().next().getString("slug");
        return new ProductRef(key, Product.globalId(key), slug, variants);
    }

    public record VariantRef(long key, String id, String sku, String barcode) {
    }

    public record ProductRef(long key, String id, String slug, List<VariantRef> variants) {
        public VariantRef variant(int i) {
            return variants.get(i);
        }
    }

    public void stock(VariantRef variant, Ref location, int onHand) {
        stock(variant, location, onHand, 0);
    }

    public void stock(VariantRef variant, Ref location, int onHand, int reserved) {
        pool.preparedQuery("""
                INSERT INTO stock_level (variant_id, location_id, on_hand, reserved) VALUES ($1, $2, $3, $4)
                ON CONFLICT (variant_id, location_id) DO UPDATE SET on_hand = $3, reserved = $4""")
                .execute(Tuple.of(variant.key(), location.key(), onHand, reserved)).await().atMost(TIMEOUT);
        // Written around the service, so its caches are told as the service tells them of its own writes.
        levels.invalidate();
    }

    public Row stockRow(VariantRef variant, Ref location) {
        var rows = pool.preparedQuery("SELECT on_hand, reserved, low_stock_threshold FROM stock_level WHERE variant_id = $1 AND location_id = $2")
                .execute(Tuple.of(variant.key(), location.key())).await().atMost(TIMEOUT);
        return rows.size() == 0 ? null : rows.iterator().next();
    }

    public long count(String sql, Object... args) {
        return pool.preparedQuery(sql).execute(Tuple.from(args)).await().atMost(TIMEOUT).iterator().next().getLong(0);
    }

    /** Any statement; the service's caches of catalog and stock rows are emptied after it. */
    public void execute(String sql) {
        pool.query(sql).execute().await().atMost(TIMEOUT);
        catalogRows.invalidate();
        levels.invalidate();
    }

    /**
     * A write of one row as another instance (or anything but this service) makes it: straight to the database,
     * nothing told, so what the service has cached is out of date.
     */
    public void writeBehindTheService(String sql, Object... args) {
        int changed = pool.preparedQuery(sql).execute(Tuple.from(args)).await().atMost(TIMEOUT).rowCount();
        assertThat(changed).as(sql).isEqualTo(1);
    }

    private long insert(String sql, Tuple args) {
        return pool.preparedQuery(sql).execute(args).await().atMost(TIMEOUT).iterator().next().getLong("id");
    }
}
