package com.omnichannel.gateway.inventory;

import static com.omnichannel.gateway.checkout.Checkouts.CHECKOUT;
import static com.omnichannel.gateway.checkout.Checkouts.guestCart;
import static com.omnichannel.gateway.checkout.Checkouts.input;
import static com.omnichannel.gateway.checkout.Checkouts.line;
import static com.omnichannel.gateway.checkout.Checkouts.payInStore;
import static com.omnichannel.gateway.checkout.Checkouts.pickup;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.checkout.Checkouts;
import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.Race;
import com.omnichannel.gateway.support.TestData;
import com.omnichannel.gateway.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class StockSyncConcurrencyTest {

    @Inject
    TestData data;

    @Test
    void bulk_counts_racing_checkouts_on_the_same_levels_never_deadlock_and_stock_adds_up_with_the_ledger() throws Exception {
        var store = data.store("Sync race store", 52.0, 13.0);
        var product = data.product("Sync race set", null, 1000, 1100, 1200, 1300);
        for (int v = 0; v < 4; v++) {
            data.stock(product.variant(v), store, 30);
        }
        List<Callable<JsonPath>> calls = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            // Lines in rotating order, as are the items of the bulk calls below: naive row-by-row locking would deadlock.
            Checkouts.CartRef cart = guestCart(line(product.variant(i % 4), 1 + i % 3), line(product.variant((i + 1) % 4), 2),
                    line(product.variant((i + 3) % 4), 1));
            calls.add(() -> cart.client().execute(CHECKOUT, "input", input(cart, UUID.randomUUID().toString(), pickup(store), payInStore())));
            kinds.add("checkout");
        }
        String wms = Tokens.integration();
        for (int i = 0; i < 16; i++) {
            List<Map<String, Object>> items = new ArrayList<>();
            for (int k = 0; k < 4; k++) {
                int v = (i + k) % 4;
                items.add(i % 3 == 2
                        ? Map.of("variant", Map.of("id", product.variant(v).id()), "location", Map.of("id", store.id()), "delta", 5)
                        : Map.of("variant", Map.of("id", product.variant(v).id()), "location", Map.of("id", store.id()), "quantity", 20 + i));
            }
            boolean adjust = i % 3 == 2;
            Map<String, Object> input = adjust
                    ? Map.of("reason", "goods received", "idempotencyKey", UUID.randomUUID().toString(), "changes", items)
                    : Map.of("reason", "cycle count", "idempotencyKey", UUID.randomUUID().toString(), "quantities", items);
            calls.add(() -> GraphQL.as(wms).execute(adjust ? StockSyncTest.ADJUST : StockSyncTest.SET, "input", input));
            kinds.add(adjust ? "adjust" : "set");
        }

        List<JsonPath> results = Race.run(calls);

        int placed = 0;
        int applied = 0;
        for (int i = 0; i < results.size(); i++) {
            JsonPath r = results.get(i);
            // A deadlock (40P01) or any other failure would be a top-level error.
            assertThat(r.getList("errors")).as(r.prettify()).isNull();
            switch (kinds.get(i)) {
                case "checkout" -> {
                    if (r.get("data.checkoutComplete.order") != null) {
                        placed++;
                    } else {
                        assertThat(r.getString("data.checkoutComplete.userErrors[0].code")).isEqualTo("INSUFFICIENT_STOCK");
                    }
                }
                case "set" -> {
                    assertThat(r.getList("data.inventorySetQuantities.userErrors.code", String.class)).allMatch("BELOW_RESERVED"::equals);
                    applied += r.getList("data.inventorySetQuantities.stockLevels").size();
                }
                default -> {
                    assertThat(r.getList("data.inventoryAdjustQuantities.userErrors")).isEmpty();
                    applied += r.getList("data.inventoryAdjustQuantities.stockLevels").size();
                }
            }
        }
        assertThat(placed).isGreaterThan(0);
        assertThat(applied).isGreaterThan(0);
        Long[] variants = product.variants().stream().map(TestData.VariantRef::key).toArray(Long[]::new);
        long reserved = data.count("SELECT coalesce(sum(reserved), 0) FROM stock_level WHERE variant_id = ANY($1)", (Object) variants);
        long ordered = data.count("SELECT coalesce(sum(quantity), 0) FROM order_line WHERE variant_id = ANY($1)", (Object) variants);
        assertThat(reserved).isEqualTo(ordered);
        assertThat(data.count("SELECT count(*) FROM stock_level WHERE variant_id = ANY($1) AND reserved > on_hand", (Object) variants)).isZero();
        // Every level is what it started with plus every on-hand change in its ledger, and the ledger entries chain.
        for (var variant : product.variants()) {
            long onHand = data.stockRow(variant, store).getInteger("on_hand");
            long changes = data.count("SELECT coalesce(sum(on_hand_after - on_hand_before), 0) FROM stock_movement WHERE variant_id = $1 AND location_id = $2",
                    variant.key(), store.key());
            assertThat(onHand).isEqualTo(30 + changes);
            assertThat(data.count("""
                    SELECT count(*) FROM (SELECT on_hand_before, lag(on_hand_after) OVER (ORDER BY id) AS previous
                      FROM stock_movement WHERE variant_id = $1 AND location_id = $2) m
                     WHERE previous IS NOT NULL AND previous <> on_hand_before""", variant.key(), store.key())).isZero();
        }
    }
}
