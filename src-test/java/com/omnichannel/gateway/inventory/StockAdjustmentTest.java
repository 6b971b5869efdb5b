package com.omnichannel.gateway.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.TestData;
import com.omnichannel.gateway.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class StockAdjustmentTest {

    @Inject
    TestData data;

    static final String ADJUST = """
            mutation($input: StockAdjustInput!) {
              stockAdjust(input: $input) {
                stockLevel { onHand reserved available lowStock }
                movement { kind quantityDelta onHandBefore onHandAfter reason actor channel }
                userErrors { code field message }
              }
            }""";

    @Test
    void staff_adjust_by_delta_and_by_count_and_each_change_is_in_the_ledger() {
        var store = data.store("Adjust store", 50.0, 8.0);
        var variant = data.product("Adjusted", null, 1000).variant(0);
        data.stock(variant, store, 10, 2);
        String staff = Tokens.staff();

        var delta = GraphQL.as(staff).ok(ADJUST, "input", Map.of("variantId", variant.id(), "locationId", store.id(),
                "delta", 5, "reason", "goods received"));
        assertThat(delta.getMap("data.stockAdjust.stockLevel")).containsEntry("onHand", 15).containsEntry("available", 13);
        assertThat(delta.getMap("data.stockAdjust.movement")).containsEntry("kind", "ADJUSTMENT").containsEntry("quantityDelta", 5)
                .containsEntry("onHandBefore", 10).containsEntry("onHandAfter", 15).containsEntry("channel", "STAFF");

        var count = GraphQL.as(staff).ok(ADJUST, "input", Map.of("variantId", variant.id(), "locationId", store.id(),
                "onHand", 4, "reason", "stock count"));
        assertThat(count.getMap("data.stockAdjust.stockLevel")).containsEntry("onHand", 4).containsEntry("available", 2)
                .containsEntry("lowStock", true);
        assertThat(count.getMap("data.stockAdjust.movement")).containsEntry("kind", "COUNT").containsEntry("quantityDelta", -11);

        var ledger = GraphQL.as(staff).ok("""
                query($v: ID!, $l: ID!) { stockMovements(variantId: $v, locationId: $l, first: 10) {
                  edges { node { kind quantityDelta onHandAfter reason actor variant { id } location { id } } } } }""",
                "v", variant.id(), "l", store.id());
        assertThat(ledger.getList("data.stockMovements.edges.node.kind")).containsExactly("COUNT", "ADJUSTMENT");
        assertThat(ledger.getList("data.stockMovements.edges.node.reason")).containsExactly("stock count", "goods received");
        assertThat(ledger.getString("data.stockMovements.edges[0].node.variant.id")).isEqualTo(variant.id());
        assertThat(ledger.getString("data.stockMovements.edges[0].node.actor")).startsWith("staff-");
    }

    @Test
    void stock_can_never_be_set_below_zero_or_below_what_is_reserved() {
        var store = data.store("Floor store", 50.0, 8.0);
        var variant = data.product("Floor", null, 1000).variant(0);
        data.stock(variant, store, 5, 2);
        String staff = Tokens.staff();
        long ledgerBefore = data.count("SELECT count(*) FROM stock_movement WHERE variant_id = $1", variant.key());

        var negative = GraphQL.as(staff).ok(ADJUST, "input", Map.of("variantId", variant.id(), "locationId", store.id(),
                "onHand", -1, "reason", "oops"));
        assertThat(negative.getString("data.stockAdjust.userErrors[0].code")).isEqualTo("NEGATIVE_STOCK");
        var tooMuchOut = GraphQL.as(staff).ok(ADJUST, "input", Map.of("variantId", variant.id(), "locationId", store.id(),
                "delta", -6, "reason", "damaged"));
        assertThat(tooMuchOut.getString("data.stockAdjust.userErrors[0].code")).isEqualTo("NEGATIVE_STOCK");
        var belowReserved = GraphQL.as(staff).ok(ADJUST, "input", Map.of("variantId", variant.id(), "locationId", store.id(),
                "onHand", 1, "reason", "count"));
        assertThat(belowReserved.getString("data.stockAdjust.userErrors[0].code")).isEqualTo("BELOW_RESERVED");
        var both = GraphQL.as(staff).ok(ADJUST, "input", Map.of("variantId", variant.id(), "locationId", store.id(),
                "onHand", 1, "delta", 1, "reason", "count"));
        assertThat(both.getString("data.stockAdjust.userErrors[0].code")).isEqualTo("INVALID_ADJUSTMENT");

        var row = data.stockRow(variant, store);
        assertThat(row.getInteger("on_hand")).isEqualTo(5);
        assertThat(row.getInteger("reserved")).isEqualTo(2);
        assertThat(data.count("SELECT count(*) FROM stock_movement WHERE variant_id = $1", variant.key())).isEqualTo(ledgerBefore);
    }

    @Test
    void unknown_variant_or_location_is_a_user_error_and_creates_nothing() {
        var store = data.store("Unknown store", 50.0, 8.0);
        var variant = data.product("Known", null, 1000).variant(0);
        String staff = Tokens.staff();
        var unknownVariant = GraphQL.as(staff).ok(ADJUST, "input", Map.of("variantId",
                com.omnichannel.gateway.catalog.ProductVariant.globalId(Long.MAX_VALUE - 5), "locationId", store.id(),
                "delta", 1, "reason", "x"));
        assertThat(unknownVariant.getString("data.stockAdjust.userErrors[0].code")).isEqualTo("UNKNOWN_VARIANT");
        var unknownLocation = GraphQL.as(staff).ok(ADJUST, "input", Map.of("variantId", variant.id(),
                "locationId", com.omnichannel.gateway.store.Location.globalId(Long.MAX_VALUE - 5), "delta", 1, "reason", "x"));
        assertThat(unknownLocation.getString("data.stockAdjust.userErrors[0].code")).isEqualTo("UNKNOWN_LOCATION");
        assertThat(data.stockRow(variant, store)).isNull();
    }

    @Test
    void concurrent_adjustments_never_lose_an_update() throws Exception {
        var store = data.store("Race store", 50.0, 8.0);
        var variant = data.product("Raced", null, 1000).variant(0);
        data.stock(variant, store, 100);
        String staff = Tokens.staff();
        int workers = 8;
        int perWorker = 10;
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Callable<Boolean>> tasks = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                int sign = w % 2 == 0 ? 1 : -1;
                tasks.add(() -> {
                    for (int i = 0; i < perWorker; i++) {
                        var r = GraphQL.as(staff).ok(ADJUST, "input", Map.of("variantId", variant.id(),
                                "locationId", store.id(), "delta", sign * 3, "reason", "race"));
                        assertThat(r.getList("data.stockAdjust.userErrors")).isEmpty();
                    }
                    return true;
                });
            }
            for (Future<Boolean> f : pool.invokeAll(tasks)) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        // Four workers add 3 forty times in all, four remove 3 forty times: the balance is back at 100.
        assertThat(data.stockRow(variant, store).getInteger("on_hand")).isEqualTo(100);
        assertThat(data.count("SELECT count(*) FROM stock_movement WHERE variant_id = $1", variant.key())).isEqualTo(80);
        assertThat(data.count("""
                SELECT count(*) FROM stock_movement m WHERE variant_id = $1
                   AND on_hand_after <> on_hand_before + quantity_delta""", variant.key())).isZero();
    }

    @Test
    void low_stock_items_list_levels_at_or_under_their_threshold_lowest_first() {
        var store = data.store("Low store", 50.0, 8.0);
        var low = data.product("Low", null, 1000).variant(0);
        var fine = data.product("Fine", null, 1000).variant(0);
        var customThreshold = data.product("Custom threshold", null, 1000).variant(0);
        var empty = data.product("Empty", null, 1000).variant(0);
        data.stock(low, store, 2);
        data.stock(fine, store, 50);
        data.stock(customThreshold, store, 8);
        data.stock(empty, store, 0);
        String staff = Tokens.staff();
        var set = GraphQL.as(staff).ok("""
                mutation($input: LowStockThresholdSetInput!) { lowStockThresholdSet(input: $input) { stockLevel { lowStockThreshold lowStock } userErrors { code } } }""",
                "input", Map.of("variantId", customThreshold.id(), "locationId", store.id(), "threshold", 10));
        assertThat(set.getMap("data.lowStockThresholdSet.stockLevel")).containsEntry("lowStockThreshold", 10).containsEntry("lowStock", true);

        var response = GraphQL.as(staff).ok("""
                query($l: ID!) { lowStockItems(locationId: $l, first: 10) { edges { node { available variant { id } } } } }""",
                "l", store.id());
        assertThat(response.getList("data.lowStockItems.edges.node.variant.id")).containsExactly(empty.id(), low.id(), customThreshold.id());

        var kiosk = GraphQL.as(Tokens.kiosk(store.id())).execute("query($l: ID!) { lowStockItems(locationId: $l) { edges { cursor } } }", "l", store.id());
        assertThat(kiosk.getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");
    }
}
