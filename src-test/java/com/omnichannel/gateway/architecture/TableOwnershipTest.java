package com.omnichannel.gateway.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every table has one owner: the one repository that writes it. Other domains reach its rows through the owner's
 * service; only the reporting package reads other domains' tables directly (read-only, set-based SQL). Checked over
 * the SQL text of the service's sources and the tables the migrations create.
 */
class TableOwnershipTest {

    static final Path SOURCES = Path.of("src/main/java/com/omnichannel/gateway");
    static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

    /** Each table and the file (under the sources) that owns it. */
    static final Map<String, String> OWNERS = Map.ofEntries(
            Map.entry("category", "catalog/CatalogRepository.java"),
            Map.entry("product", "catalog/CatalogRepository.java"),
            Map.entry("product_variant", "catalog/CatalogRepository.java"),
            Map.entry("location", "store/LocationRepository.java"),
            Map.entry("location_opening_hours", "store/LocationRepository.java"),
            Map.entry("location_hours_exception", "store/LocationRepository.java"),
            Map.entry("pickup_slot", "store/PickupSlotRepository.java"),
            Map.entry("pickup_slot_booking", "store/PickupSlotRepository.java"),
            Map.entry("stock_level", "inventory/InventoryRepository.java"),
            Map.entry("stock_movement", "inventory/InventoryRepository.java"),
            Map.entry("stock_sync_request", "inventory/InventoryRepository.java"),
            Map.entry("kiosk_device", "channel/KioskDeviceEntity.java"),
            Map.entry("customer_order", "order/OrderRepository.java"),
            Map.entry("order_line", "order/OrderRepository.java"),
            Map.entry("shipment", "order/OrderRepository.java"),
            Map.entry("shipment_line", "order/OrderRepository.java"),
            Map.entry("order_event", "order/OrderRepository.java"),
            Map.entry("pickup", "order/PickupRepository.java"),
            Map.entry("customer", "customer/CustomerRepository.java"),
            Map.entry("customer_address", "customer/CustomerRepository.java"),
            Map.entry("customer_consent", "customer/CustomerRepository.java"),
            Map.entry("customer_consent_history", "customer/CustomerRepository.java"),
            Map.entry("customer_event", "customer/CustomerRepository.java"),
            Map.entry("customer_refresh_token", "customer/SessionRepository.java"),
            Map.entry("staff_account", "customer/SessionRepository.java"),
            Map.entry("loyalty_account", "loyalty/LoyaltyRepository.java"),
            Map.entry("loyalty_ledger_entry", "loyalty/LoyaltyRepository.java"),
            Map.entry("loyalty_pending_earn", "loyalty/LoyaltyRepository.java"),
            Map.entry("promotion", "promotion/PromotionRepository.java"),
            Map.entry("promotion_redemption", "promotion/PromotionRepository.java"),
            Map.entry("order_discount", "promotion/PromotionRepository.java"),
            Map.entry("cart_activity", "reporting/insights/InsightsRepository.java"),
            Map.entry("outbox_event", "platform/outbox/Outbox.java"),
            Map.entry("webhook_subscription", "integration/WebhookRepository.java"),
            Map.entry("webhook_delivery", "integration/WebhookRepository.java"),
            Map.entry("store_credit_account", "credit/StoreCreditRepository.java"),
            Map.entry("store_credit_entry", "credit/StoreCreditRepository.java"),
            Map.entry("gift_card", "credit/GiftCardRepository.java"),
            Map.entry("gift_card_transaction", "credit/GiftCardRepository.java"),
            Map.entry("return_request", "returns/ReturnRepository.java"),
            Map.entry("return_line", "returns/ReturnRepository.java"),
            Map.entry("return_refund", "returns/ReturnRepository.java"));

    /**
     * Reads of another domain's table outside reporting that remain, each a join inside one set-based statement that
     * a call through the owner's service would split into two round trips. The list only shrinks.
     */
    static final Set<String> CROSS_DOMAIN_READS = Set.of(
            // product lists and pages filter and sort by availability in the same statement
            "catalog/CatalogRepository.java reads stock_level",
            // category and product conditions of promotions are matched in SQL
            "promotion/PromotionRepository.java reads category",
            "promotion/PromotionRepository.java reads product",
            // stock lists show and search variants by SKU
            "inventory/InventoryRepository.java reads product_variant",
            // the qualifying spend of a tier sums delivered orders
            "loyalty/LoyaltyRepository.java reads customer_order");

    private static final Pattern STATEMENT = Pattern.compile("\\b(INSERT INTO|UPDATE|DELETE FROM|FROM|JOIN)\\s+([a-z_]+)\\b");

    record Use(String file, String table, boolean write) {
    }

    @Test
    void every_table_the_migrations_create_has_an_owner() throws IOException {
        assertThat(OWNERS.keySet()).containsExactlyInAnyOrderElementsOf(createdTables());
        for (String owner : new TreeSet<>(OWNERS.values())) {
            assertThat(SOURCES.resolve(owner)).as("owner file").exists();
        }
    }

    @Test
    void only_the_owner_writes_a_table() throws IOException {
        List<String> foreignWrites = new ArrayList<>();
        for (Use use : uses()) {
            // Demo data seeds every table at start-up of the demo profile only, before any domain runs.
            if (use.write() && !use.file().equals(OWNERS.get(use.table())) && !use.file().startsWith("demo/")) {
                foreignWrites.add(use.file() + " writes " + use.table());
            }
        }
        assertThat(foreignWrites).isEmpty();
    }

    @Test
    void only_reporting_reads_other_domains_tables() throws IOException {
        Set<String> foreignReads = new TreeSet<>();
        for (Use use : uses()) {
            String owner = OWNERS.get(use.table());
            if (!use.write() && owner != null && !domain(use.file()).equals(domain(owner))
                    && !use.file().startsWith("reporting/") && !use.file().startsWith("demo/")) {
                foreignReads.add(use.file() + " reads " + use.table());
            }
        }
        assertThat(foreignReads).isSubsetOf(CROSS_DOMAIN_READS);
    }

    @Test
    void the_checker_sees_reads_and_writes_in_sql_text() {
        List<Use> found = uses("x/X.java", """
                INSERT INTO a (id) SELECT id FROM b JOIN c ON c.id = b.id; UPDATE d SET x = 1; DELETE FROM e""");
        assertThat(found).containsExactly(new Use("x/X.java", "a", true), new Use("x/X.java", "b", false),
                new Use("x/X.java", "c", false), new Use("x/X.java", "d", true), new Use("x/X.java", "e", true));
    }

    private static String domain(String file) {
        String first = file.substring(0, file.indexOf('/'));
        return first.equals("reporting") ? file.substring(0, file.indexOf('/', first.length() + 1)) : first;
    }

    private static Set<String> createdTables() throws IOException {
        Set<String> tables = new TreeSet<>();
        Pattern create = Pattern.compile("CREATE TABLE (?:IF NOT EXISTS )?([a-z_]+)");
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            for (Path file : files.toList()) {
                Matcher m = create.matcher(Files.readString(file));
                while (m.find()) {
                    tables.add(m.group(1));
                }
            }
        }
        return tables;
    }

    private static List<Use> uses() throws IOException {
        Set<String> tables = OWNERS.keySet();
        List<Use> uses = new ArrayList<>();
        Map<String, String> sources = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                sources.put(SOURCES.relativize(file).toString().replace('\\', '/'), Files.readString(file));
            }
        }
        sources.forEach((file, text) -> uses(file, text).stream().filter(u -> tables.contains(u.table())).forEach(uses::add));
        return uses;
    }

    static List<Use> uses(String file, String text) {
        List<Use> uses = new ArrayList<>();
        Matcher m = STATEMENT.matcher(text);
        while (m.find()) {
            uses.add(new Use(file, m.group(2), !m.group(1).equals("FROM") && !m.group(1).equals("JOIN")));
        }
        return uses;
    }
}
