package com.omnichannel.gateway.demo;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.platform.security.Role;
import com.omnichannel.gateway.platform.security.TokenIssuer;
import com.omnichannel.gateway.customer.ConsentPurpose;
import com.omnichannel.gateway.customer.CustomerAuthService;
import com.omnichannel.gateway.store.Location;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Loads the demo catalog into an empty database when {@code app.demo-data.enabled} is set (dev mode and the
 * load benchmark). It never runs in production mode, whatever the setting says.
 */
@ApplicationScoped
public class DemoDataLoader {

    private static final Logger LOG = Logger.getLogger(DemoDataLoader.class);

    private final Db db;
    private final TokenIssuer tokens;
    private final CustomerAuthService accounts;
    private final boolean enabled;

    public DemoDataLoader(Db db, TokenIssuer tokens, CustomerAuthService accounts,
            DemoDataConfig config) {
        this.db = db;
        this.tokens = tokens;
        this.accounts = accounts;
        this.enabled = config.enabled();
    }

    void onStart(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        // The benchmark runs the packaged service under its own profile ("bench", a child of prod); only a service
        // whose primary profile is prod refuses.
        if (LaunchMode.current() == LaunchMode.NORMAL && "prod".equals(ConfigUtils.getProfiles().get(0))) {
            LOG.warn("Demo data is never loaded in the prod profile; ignoring app.demo-data.enabled");
            return;
        }
        long started = System.nanoTime();
        boolean loaded = load().await().atMost(Duration.ofMinutes(2));
        if (loaded) {
            LOG.infof("Demo data loaded in %d ms", (System.nanoTime() - started) / 1_000_000);
        }
        loadAccounts().await().atMost(Duration.ofMinutes(1));
        printDemoTokens();
    }

    /** Loads the demo catalog when the catalog is empty; returns whether it did. */
    public Uni<Boolean> load() {
        return db.query("SELECT count(*) AS n FROM product").chain(rows -> {
            if (rows.iterator().next().getLong("n") > 0) {
                return Uni.createFrom().item(false);
            }
            DemoCatalog demo = new DemoCatalog();
            return db.inTransaction(tx -> tx.query("""
                    INSERT INTO category (id, parent_id, slug, name, position)
                    SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::int[])""",
                    Tuple.of(demo.categories.stream().map(DemoCatalog.CategoryRow::id).toArray(Long[]::new),
                            demo.categories.stream().map(DemoCatalog.CategoryRow::parentId).toArray(Long[]::new),
                            demo.categories.stream().map(DemoCatalog.CategoryRow::slug).toArray(String[]::new),
                            demo.categories.stream().map(DemoCatalog.CategoryRow::name).toArray(String[]::new),
                            demo.categories.stream().map(DemoCatalog.CategoryRow::position).toArray(Integer[]::new)))
                    .chain(() -> tx.query("""
                            INSERT INTO location (id, code, name, type, address_line1, city, postal_code, region, country_code,
                                                  latitude, longitude, phone, opening_hours, priority)
                            SELECT id, code, name, type, line1, city, postal, region, 'DE', lat, lng, phone, hours, priority
                              FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                                          $8::text[], $9::float8[], $10::float8[], $11::text[], $12::text[], $13::int[])
                                   AS t(id, code, name, type, line1, city, postal, region, lat, lng, phone, hours, priority)""",
                            Tuple.tuple(java.util.List.of(
                                    demo.locations.stream().map(DemoCatalog.LocationRow::id).toArray(Long[]::new),
                                    demo.locations.stream().map(DemoCatalog.LocationRow::code).toArray(String[]::new),
                                    demo.locations.stream().map(DemoCatalog.LocationRow::name).toArray(String[]::new),
                                    demo.locations.stream().map(DemoCatalog.LocationRow::type).toArray(String[]::new),
                                    demo.locations.stream().map(DemoCatalog.LocationRow::line1).toArray(String[]::new),
                                    demo.locations.stream().map(DemoCatalog.LocationRow::city).toArray(String[]::new),
                                    demo.locations.stream().map(DemoCatalog.LocationRow::postalCode).toArray(String[]::new),
                                    demo.locations.stream().map(DemoCatalog.LocationRow::region).toArray(String[]::new),
                                    demo.locations.stream().map(DemoCatalog.LocationRow::latitude).toArray(Double[]::new),
                                    demo.locations.stream().map(DemoCatalog.LocationRow::longitude).toArray(Double[]::new),
                                    demo.locations.stream().map(DemoCatalog.LocationRow::phone).toArray(String[]::new),
                                    demo.locations.stream().map(DemoCatalog.LocationRow::openingHours).toArray(String[]::new),
                                    demo.locations.stream().map(DemoCatalog.LocationRow::priority).toArray(Integer[]::new)))))
                    // The demo stores open Monday to Saturday 10:00-20:00 in Berlin and offer 30-minute pickup slots.
                    .chain(() -> tx.query("""
                            UPDATE location SET time_zone = 'Europe/Berlin',
                                   pickup_slot_minutes = CASE WHEN type = 'STORE' THEN 30 END,
                                   pickup_slot_capacity = CASE WHEN type = 'STORE' THEN 4 END""", Tuple.tuple()))
                    .chain(() -> tx.query("""
                            INSERT INTO location_opening_hours (location_id, day_of_week, opens, closes)
                            SELECT l.id, d, TIME '10:00', TIME '20:00'
                              FROM location l CROSS JOIN generate_series(1, 6) AS d WHERE l.type = 'STORE'""", Tuple.tuple()))
                    .chain(() -> tx.query("""
                            INSERT INTO product (id, slug, name, description, brand, category_id, image_urls, created_at, updated_at)
                            SELECT id, slug, name, description, brand, category_id,
                                   ARRAY['https://images.example.com/products/' || slug || '/front.jpg',
                                         'https://images.example.com/products/' || slug || '/back.jpg'],
                                   created_at, created_at
                              FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[],
                                          $7::timestamptz[]) AS t(id, slug, name, description, brand, category_id, created_at)""",
                            Tuple.tuple(java.util.List.of(
                                    demo.products.stream().map(DemoCatalog.ProductRow::id).toArray(Long[]::new),
                                    demo.products.stream().map(DemoCatalog.ProductRow::slug).toArray(String[]::new),
                                    demo.products.stream().map(DemoCatalog.ProductRow::name).toArray(String[]::new),
                                    demo.products.stream().map(DemoCatalog.ProductRow::description).toArray(String[]::new),
                                    demo.products.stream().map(DemoCatalog.ProductRow::brand).toArray(String[]::new),
                                    demo.products.stream().map(DemoCatalog.ProductRow::categoryId).toArray(Long[]::new),
                                    demo.products.stream().map(DemoCatalog.ProductRow::createdAt).toArray(java.time.OffsetDateTime[]::new)))))
                    .chain(() -> tx.query("""
                            INSERT INTO product_variant (id, product_id, sku, barcode, title, options, price_minor,
                                                         compare_at_price_minor, position)
                            SELECT id, product_id, sku, barcode, title, options::jsonb, price, compare_at, position
                              FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[],
                                          $7::bigint[], $8::bigint[], $9::int[])
                                   AS t(id, product_id, sku, barcode, title, options, price, compare_at, position)""",
                            Tuple.tuple(java.util.List.of(
                                    demo.variants.stream().map(DemoCatalog.VariantRow::id).toArray(Long[]::new),
                                    demo.variants.stream().map(DemoCatalog.VariantRow::productId).toArray(Long[]::new),
                                    demo.variants.stream().map(DemoCatalog.VariantRow::sku).toArray(String[]::new),
                                    demo.variants.stream().map(DemoCatalog.VariantRow::barcode).toArray(String[]::new),
                                    demo.variants.stream().map(DemoCatalog.VariantRow::title).toArray(String[]::new),
                                    demo.variants.stream().map(DemoCatalog.VariantRow::optionsJson).toArray(String[]::new),
                                    demo.variants.stream().map(DemoCatalog.VariantRow::priceMinor).toArray(Long[]::new),
                                    demo.variants.stream().map(DemoCatalog.VariantRow::compareAtMinor).toArray(Long[]::new),
                                    demo.variants.stream().map(DemoCatalog.VariantRow::position).toArray(Integer[]::new)))))
                    .chain(() -> tx.query("""
                            INSERT INTO stock_level (variant_id, location_id, on_hand, low_stock_threshold)
                            SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::int[], $4::int[])""",
                            Tuple.of(demo.stock.stream().map(DemoCatalog.StockRow::variantId).toArray(Long[]::new),
                                    demo.stock.stream().map(DemoCatalog.StockRow::locationId).toArray(Long[]::new),
                                    demo.stock.stream().map(DemoCatalog.StockRow::onHand).toArray(Integer[]::new),
                                    demo.stock.stream().map(DemoCatalog.StockRow::threshold).toArray(Integer[]::new))))
                    .chain(() -> tx.query("""
                            SELECT setval('category_id_seq', (SELECT max(id) FROM category)),
                                   setval('location_id_seq', (SELECT max(id) FROM location)),
                                   setval('product_id_seq', (SELECT max(id) FROM product)),
                                   setval('product_variant_id_seq', (SELECT max(id) FROM product_variant))""", Tuple.tuple()))
                    .chain(() -> tx.query("ANALYZE", Tuple.tuple())))
                    .replaceWith(true)
                    .invoke(() -> LOG.infof("Demo catalog: %d categories, %d products, %d variants, %d locations, %d stock levels",
                            demo.categories.size(), demo.products.size(), demo.variants.size(), demo.locations.size(),
                            demo.stock.size()));
        });
    }

    /**
     * Staff and customer accounts with known passwords (listed in README.md), created when missing. Dev and benchmark
     * only, like all demo data.
     */
    public Uni<Void> loadAccounts() {
        Map<ConsentPurpose, Boolean> allGiven = new EnumMap<>(ConsentPurpose.class);
        for (ConsentPurpose purpose : ConsentPurpose.values()) {
            allGiven.put(purpose, true);
        }
        return accounts.createStaffAccount("staff@demo.shop", "Staff-demo-2026", "Sam Staff", List.of(Role.STAFF))
                .chain(() -> accounts.createStaffAccount("admin@demo.shop", "Admin-demo-2026", "Alex Admin", List.of(Role.ADMIN)))
                .chain(() -> accounts.createCustomerAccount("anna@demo.shop", "Anna-demo-2026", "Anna", "Schmidt", allGiven))
                .chain(() -> accounts.createCustomerAccount("ben@demo.shop", "Ben-demo-2026", "Ben", "Meyer", Map.of()))
                .chain(() -> accounts.createCustomerAccount("chloe@demo.shop", "Chloe-demo-2026", "Chloé", "Martin",
                        Map.of(ConsentPurpose.PERSONALISATION, true)))
                .invoke(() -> LOG.info("Demo accounts: staff@demo.shop, admin@demo.shop (staff); anna@, ben@, chloe@demo.shop "
                        + "(customers); passwords in README.md"))
                .replaceWithVoid();
    }

    /** Prints ready-to-use tokens so a developer can try staff and kiosk operations at once. */
    private void printDemoTokens() {
        try {
            String staff = tokens.staffToken("demo-staff", Set.of(Role.STAFF), Duration.ofDays(30))
                    .await().atMost(Duration.ofSeconds(30));
            String kiosk = tokens.kioskToken(0, Location.globalId(1)).await().atMost(Duration.ofSeconds(30));
            LOG.infof("""

                    Demo tokens (dev only; send as 'Authorization: Bearer <token>'):
                      staff:                 %s
                      kiosk in Berlin Mitte: %s
                    """, staff, kiosk);
        } catch (RuntimeException e) {
            LOG.warnf("Demo tokens not printed: %s", e.getMessage());
        }
    }
}
