package com.omnichannel.gateway.cart;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.catalog.CatalogRowCache;
import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.inventory.StockLevelCache;
import com.omnichannel.gateway.checkout.Checkouts;
import com.omnichannel.gateway.support.BackgroundWrites;
import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.TestData;
import com.omnichannel.gateway.support.Tokens;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Cart reads and add-to-cart take variants and stock levels from the local caches, so they send no SQL; every way
 * those rows change (staff catalog and stock mutations, checkouts, and another instance's messages on Redis) shows
 * in the very next cart answer, and a row written without any message stays cached until one arrives.
 */
@QuarkusTest
class CartCacheTest {

    static final String CART_FIELDS = """
            id version itemCount subtotal { amount }
            lines { quantity unitPrice { amount } subtotal { amount } available warnings { code } variant { id } }
            warnings { code }""";

    static final String CREATE = """
            mutation($input: CartCreateInput) {
              cartCreate(input: $input) { cartToken cart { id } userErrors { code field message } }
            }""";

    static final String READ = "query($id: ID!) { cart(id: $id) { " + CART_FIELDS + " } }";

    static final String ADD = """
            mutation($input: CartLinesAddInput!) {
              cartLinesAdd(input: $input) { cart { %s } userErrors { code field message } }
            }""".formatted(CART_FIELDS);

    static final String VARIANT_UPDATE = """
            mutation($input: ProductVariantUpdateInput!) {
              productVariantUpdate(input: $input) { productVariant { id price { amount } active } userErrors { code field message } }
            }""";

    static final String STOCK_ADJUST = """
            mutation($input: StockAdjustInput!) {
              stockAdjust(input: $input) { stockLevel { onHand available } userErrors { code field message } }
            }""";

    @Inject
    TestData data;

    @Inject
    Db db;

    @Inject
    RedisDataSource redis;

    @Inject
    CatalogRowCache catalogRows;

    @Inject
    StockLevelCache levelCache;

    record CartRef(String id, GraphQL client) {
        JsonPath read() {
            JsonPath response = client.ok(READ, "id", id);
            return response.setRootPath("data.cart");
        }

        JsonPath add(TestData.VariantRef variant, int quantity) {
            return client.ok(ADD, "input", Map.of("cartId", id, "lines", List.of(line(variant, quantity))))
                    .setRootPath("data.cartLinesAdd");
        }
    }

    private static Map<String, Object> line(TestData.VariantRef variant, int quantity) {
        return Map.of("variantId", variant.id(), "quantity", quantity);
    }

    private static CartRef cart(Object... lines) {
        JsonPath created = GraphQL.anonymous().ok(CREATE, "input", Map.of("lines", List.of(lines)));
        assertThat(created.getList("data.cartCreate.userErrors")).as(created.prettify()).isEmpty();
        return new CartRef(created.getString("data.cartCreate.cart.id"),
                GraphQL.anonymous().header("X-Cart-Token", created.getString("data.cartCreate.cartToken")));
    }

    private static GraphQL staff() {
        return GraphQL.as(Tokens.staff());
    }

    /** An answer and the SQL statements sent while it was computed. */
    record Measured(JsonPath answer, long statements) {
    }

    private Measured measure(Supplier<JsonPath> request) {
        long before = db.statementCount();
        JsonPath answer = request.get();
        return new Measured(answer, db.statementCount() - before);
    }

    /**
     * Reads the cart until the answer satisfies the condition: a Redis message reaches this instance's subscriber
     * asynchronously, usually within milliseconds. Fails after five seconds (the caches' time to live is longer, so
     * passing proves the message, not expiry, refreshed the row).
     */
    record LevelsChangedBehind(TestData.ProductRef product, TestData.Ref warehouse, CartRef cart) {
    }

    /**
     * A cart of two variants, 5 units of each cached from a first read, then changed to 9 and 8 straight in the
     * database (as another instance's write would be, without this instance hearing of it): reads still show 5 and 5.
     */
    private LevelsChangedBehind levelsChangedBehindTheService(String name) {
        var warehouse = data.warehouse(TestData.unique(name + " warehouse"), 50.0, 8.0);
        var product = data.product(TestData.unique(name + " stock"), null, 700, 800);
        data.stock(product.variant(0), warehouse, 5);
        data.stock(product.variant(1), warehouse, 5);
        var cart = cart(line(product.variant(0), 1), line(product.variant(1), 1));
        assertThat(cart.read().getList("lines.available")).containsExactly(5, 5);

        String sql = "UPDATE stock_level SET on_hand = $1 WHERE variant_id = $2 AND location_id = $3";
        data.writeBehindTheService(sql, 9, product.variant(0).key(), warehouse.key());
        data.writeBehindTheService(sql, 8, product.variant(1).key(), warehouse.key());
        assertThat(cart.read().getList("lines.available")).as("still the cached levels").containsExactly(5, 5);
        return new LevelsChangedBehind(product, warehouse, cart);
    }

    private static JsonPath readUntil(CartRef cart, Predicate<JsonPath> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        JsonPath read = cart.read();
        while (!condition.test(read)) {
            assertThat(System.nanoTime()).as("cart %s within 5 s; last answer %s", cart.id(), read.prettify()).isLessThan(deadline);
            Thread.sleep(20);
            read = cart.read();
        }
        return read;
    }

    @Test
    void a_second_read_of_a_three_line_cart_and_adding_a_variant_already_in_it_send_no_sql() {
        var warehouse = data.warehouse(TestData.unique("Cache warehouse"), 50.0, 8.0);
        var product = data.product(TestData.unique("Cached shirt"), null, 1999, 2499, 2999);
        data.stock(product.variant(0), warehouse, 10);
        data.stock(product.variant(1), warehouse, 2);
        data.stock(product.variant(2), warehouse, 7);
        var cart = cart(line(product.variant(0), 2), line(product.variant(1), 3), line(product.variant(2), 1));
        cart.read(); // fills the caches (and the location snapshot, emptied by the new warehouse)
        BackgroundWrites.settle(); // the cart creation fact is written in the background; not part of the reads

        Measured second = measure(cart::read);
        assertThat(second.statements()).as("statements of the second read").isZero();
        JsonPath read = second.answer();
        assertThat(read.getList("lines.unitPrice.amount")).containsExactly("19.99", "24.99", "29.99");
        assertThat(read.getList("lines.subtotal.amount")).containsExactly("39.98", "74.97", "29.99");
        assertThat(read.getString("subtotal.amount")).isEqualTo("144.94");
        assertThat(read.getList("lines.available")).containsExactly(10, 2, 7);
        assertThat(read.getList("warnings.code")).containsExactly("NOT_ENOUGH_STOCK");
        assertThat(read.getList("lines[1].warnings.code")).containsExactly("NOT_ENOUGH_STOCK");

        // The active check, the prices and the availability of the answer all come from the caches.
        Measured add = measure(() -> cart.add(product.variant(2), 1));
        assertThat(add.statements()).as("statements of the add").isZero();
        JsonPath added = add.answer();
        assertThat(added.getList("userErrors")).isEmpty();
        assertThat(added.getList("cart.lines.quantity")).containsExactly(2, 3, 2);
        assertThat(added.getList("cart.lines.subtotal.amount")).containsExactly("39.98", "74.97", "59.98");
        assertThat(added.getString("cart.subtotal.amount")).isEqualTo("174.93");
        assertThat(added.getList("cart.lines.available")).containsExactly(10, 2, 7);

        // The control: without the caches the same read queries variants and stock levels (one statement each).
        catalogRows.invalidate();
        levelCache.invalidate();
        assertThat(measure(cart::read).statements()).as("statements of a read with emptied caches").isEqualTo(2);
    }

    @Test
    void a_price_change_by_staff_shows_in_the_next_read_and_a_deactivated_variant_can_no_longer_be_added() {
        var product = data.product(TestData.unique("Repriced mug"), null, 1000, 500);
        var cart = cart(line(product.variant(0), 2), line(product.variant(1), 1));
        assertThat(cart.read().getString("subtotal.amount")).isEqualTo("25.00");

        JsonPath repriced = staff().ok(VARIANT_UPDATE, "input", Map.of("id", product.variant(0).id(), "price", "12.50"));
        assertThat(repriced.getList("data.productVariantUpdate.userErrors")).isEmpty();
        JsonPath read = cart.read();
        assertThat(read.getString("lines[0].unitPrice.amount")).isEqualTo("12.50");
        assertThat(read.getString("lines[0].subtotal.amount")).isEqualTo("25.00");
        assertThat(read.getString("subtotal.amount")).isEqualTo("30.00");

        JsonPath deactivated = staff().ok(VARIANT_UPDATE, "input", Map.of("id", product.variant(1).id(), "active", false));
        assertThat(deactivated.getList("data.productVariantUpdate.userErrors")).isEmpty();
        JsonPath refused = cart.add(product.variant(1), 1);
        assertThat(refused.getString("userErrors[0].code")).isEqualTo("UNKNOWN_VARIANT");
        read = cart.read();
        assertThat(read.getLong("version")).as("the refused add changed nothing").isEqualTo(1);
        assertThat(read.getList("lines.quantity")).containsExactly(2, 1);
        assertThat(read.getList("lines[1].warnings.code")).containsExactly("VARIANT_UNAVAILABLE");
        assertThat(read.getString("lines[1].unitPrice")).isNull();
        assertThat(read.getString("subtotal.amount")).isEqualTo("25.00");
    }

    @Test
    void a_stock_adjustment_by_staff_shows_in_the_next_read() {
        var warehouse = data.warehouse(TestData.unique("Adjusted warehouse"), 50.0, 8.0);
        var product = data.product(TestData.unique("Adjusted lamp"), null, 4000);
        data.stock(product.variant(0), warehouse, 5);
        var cart = cart(line(product.variant(0), 3));
        JsonPath read = cart.read();
        assertThat(read.getInt("lines[0].available")).isEqualTo(5);
        assertThat(read.getList("warnings")).isEmpty();

        JsonPath counted = staff().ok(STOCK_ADJUST, "input", Map.of("variantId", product.variant(0).id(),
                "locationId", warehouse.id(), "onHand", 2, "reason", "stock count"));
        assertThat(counted.getList("data.stockAdjust.userErrors")).isEmpty();
        read = cart.read();
        assertThat(read.getInt("lines[0].available")).isEqualTo(2);
        assertThat(read.getList("lines[0].warnings.code")).containsExactly("NOT_ENOUGH_STOCK");

        JsonPath received = staff().ok(STOCK_ADJUST, "input", Map.of("variantId", product.variant(0).id(),
                "locationId", warehouse.id(), "delta", 4, "reason", "goods received"));
        assertThat(received.getList("data.stockAdjust.userErrors")).isEmpty();
        read = cart.read();
        assertThat(read.getInt("lines[0].available")).isEqualTo(6);
        assertThat(read.getList("warnings")).isEmpty();
    }

    @Test
    void a_checkout_of_another_cart_shows_in_the_next_read_of_a_cart_with_the_same_variant() {
        var store = data.store(TestData.unique("Checkout cache store"), 52.5, 13.4);
        var product = data.product(TestData.unique("Shared kettle"), null, 2999);
        data.stock(product.variant(0), store, 5);
        var watching = cart(line(product.variant(0), 4));
        JsonPath read = watching.read();
        assertThat(read.getInt("lines[0].available")).isEqualTo(5);
        assertThat(read.getList("warnings")).isEmpty();

        Checkouts.placed(Checkouts.guestCart(Checkouts.line(product.variant(0), 2)), Checkouts.pickup(store), Checkouts.payInStore());

        read = watching.read();
        assertThat(read.getInt("lines[0].available")).as("two of five reserved by the order").isEqualTo(3);
        assertThat(read.getList("lines[0].warnings.code")).containsExactly("NOT_ENOUGH_STOCK");
    }

    @Test
    void a_price_written_by_another_instance_shows_once_its_catalog_change_message_arrives() throws Exception {
        var product = data.product(TestData.unique("Remote price"), null, 1000);
        var cart = cart(line(product.variant(0), 2));
        assertThat(cart.read().getString("lines[0].unitPrice.amount")).isEqualTo("10.00");

        data.writeBehindTheService("UPDATE product_variant SET price_minor = $1 WHERE id = $2", 1500, product.variant(0).key());
        // Nothing told this instance yet: the cache answers, with the price it holds.
        JsonPath stale = cart.read();
        assertThat(stale.getString("lines[0].unitPrice.amount")).isEqualTo("10.00");
        assertThat(stale.getString("subtotal.amount")).isEqualTo("20.00");

        // What the other instance publishes once its catalog write committed.
        redis.pubsub(String.class).publish("catalog-changes", "1");
        JsonPath fresh = readUntil(cart, r -> "15.00".equals(r.getString("lines[0].unitPrice.amount")));
        assertThat(fresh.getString("lines[0].subtotal.amount")).isEqualTo("30.00");
        assertThat(fresh.getString("subtotal.amount")).isEqualTo("30.00");
    }

    @Test
    void stock_written_by_another_instance_shows_once_its_stock_event_arrives_and_only_for_the_variants_it_names()
            throws Exception {
        LevelsChangedBehind changed = levelsChangedBehindTheService("Remote");
        var product = changed.product();
        var warehouse = changed.warehouse();
        var cart = changed.cart();

        // The other instance's event names only the first variant (the second one's message, say, was lost).
        JsonArray event = new JsonArray().add(new JsonObject().put("v", product.variant(0).key()).put("l", warehouse.key())
                .put("onHand", 9).put("reserved", 0).putNull("threshold").put("before", 5)
                .put("at", OffsetDateTime.now().toString()));
        redis.pubsub(String.class).publish("stock-events", event.encode());
        JsonPath fresh = readUntil(cart, r -> r.getInt("lines[0].available") == 9);
        // A well-formed event invalidates the variants it names, not the whole cache.
        assertThat(fresh.getInt("lines[1].available")).as("the variant the event did not name").isEqualTo(5);
    }

    @Test
    void a_malformed_stock_event_makes_the_next_reads_fresh_for_every_variant() throws Exception {
        var cart = levelsChangedBehindTheService("Garbled").cart();

        // Which levels it is about cannot be read: none of the cached ones can be trusted any more.
        redis.pubsub(String.class).publish("stock-events", "not json");
        JsonPath fresh = readUntil(cart, r -> r.getList("lines.available").equals(List.of(9, 8)));
        assertThat(fresh.getList("warnings")).isEmpty();
    }
}
