package com.omnichannel.gateway.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.TestData;
import com.omnichannel.gateway.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class StockSyncTest {

    @Inject
    TestData data;

    static final String SET = """
            mutation($input: InventorySetQuantitiesInput!) {
              inventorySetQuantities(input: $input) {
                stockLevels { id onHand reserved available location { id } variant { sku } }
                changedCount
                userErrors { code field message }
              }
            }""";

    static final String ADJUST = """
            mutation($input: InventoryAdjustQuantitiesInput!) {
              inventoryAdjustQuantities(input: $input) {
                stockLevels { onHand reserved available variant { sku } }
                changedCount
                userErrors { code field message }
              }
            }""";

    static Map<String, Object> item(Map<String, Object> variant, Map<String, Object> location, int quantity, Integer compare) {
        Map<String, Object> item = new HashMap<>();
        item.put("variant", variant);
        item.put("location", location);
        item.put("quantity", quantity);
        if (compare != null) {
            item.put("compareQuantity", compare);
        }
        return item;
    }

    static Map<String, Object> set(String key, List<Map<String, Object>> items) {
        return Map.of("reason", "WMS cycle count", "referenceDocumentUri", "wms://counts/4711", "idempotencyKey", key,
                "quantities", items);
    }

    static Map<String, Object> id(String id) {
        return Map.of("id", id);
    }

    @Test
    void counts_by_id_sku_barcode_and_external_reference_are_applied_and_each_change_is_in_the_ledger() {
        var store = data.store("Sync store", 50.0, 8.0);
        var product = data.product("Synced", null, 1000, 1100, 1200, 1300);
        for (int v = 0; v < 4; v++) {
            data.stock(product.variant(v), store, 10, 1);
        }
        String staff = Tokens.staff();
        String variantRef = TestData.unique("ERP-V");
        String locationRef = TestData.unique("WMS-L");
        var refSet = GraphQL.as(staff).ok("""
                mutation($v: ProductVariantUpdateInput!, $l: LocationExternalRefSetInput!) {
                  productVariantUpdate(input: $v) { productVariant { externalRef } userErrors { code } }
                  locationExternalRefSet(input: $l) { store { externalRef } userErrors { code } } }""",
                "v", Map.of("id", product.variant(3).id(), "externalRef", variantRef),
                "l", Map.of("locationId", store.id(), "externalRef", locationRef));
        assertThat(refSet.getString("data.productVariantUpdate.productVariant.externalRef")).isEqualTo(variantRef);
        assertThat(refSet.getString("data.locationExternalRefSet.store.externalRef")).isEqualTo(locationRef);

        var result = GraphQL.as(Tokens.integration()).ok(SET, "input", set(UUID.randomUUID().toString(), List.of(
                item(id(product.variant(0).id()), id(store.id()), 7, null),
                item(Map.of("sku", product.variant(1).sku()), id(store.id()), 12, 10),
                item(Map.of("barcode", product.variant(2).barcode()), Map.of("externalRef", locationRef), 10, null),
                item(Map.of("externalRef", variantRef), Map.of("externalRef", locationRef), 5, 10))));

        assertThat(result.getList("data.inventorySetQuantities.userErrors")).isEmpty();
        // The third count is what the level holds already: applied, without a ledger entry.
        assertThat(result.getList("data.inventorySetQuantities.stockLevels.onHand")).containsExactly(7, 12, 10, 5);
        assertThat(result.getList("data.inventorySetQuantities.stockLevels.available")).containsExactly(6, 11, 9, 4);
        assertThat(result.getInt("data.inventorySetQuantities.changedCount")).isEqualTo(3);
        var ledger = GraphQL.as(staff).ok("""
                query($l: ID!) { stockMovements(locationId: $l, first: 10) {
                  edges { node { kind quantityDelta onHandBefore onHandAfter reason reference channel variant { sku } } } } }""",
                "l", store.id());
        assertThat(ledger.getList("data.stockMovements.edges.node.kind")).containsOnly("COUNT").hasSize(3);
        assertThat(ledger.getList("data.stockMovements.edges.node.reason")).containsOnly("WMS cycle count");
        assertThat(ledger.getList("data.stockMovements.edges.node.reference")).containsOnly("wms://counts/4711");
        assertThat(ledger.getList("data.stockMovements.edges.node.quantityDelta")).containsExactlyInAnyOrder(-3, 2, -5);
    }

    @Test
    void a_stale_compare_quantity_or_a_count_below_reserved_refuses_that_item_only_and_the_rest_applies() {
        var store = data.store("CAS store", 50.0, 8.0);
        var product = data.product("CAS", null, 1000, 1100, 1200);
        data.stock(product.variant(0), store, 10);
        data.stock(product.variant(1), store, 10, 4);
        data.stock(product.variant(2), store, 10);
        long ledgerBefore = data.count("SELECT count(*) FROM stock_movement WHERE location_id = $1", store.key());

        var result = GraphQL.as(Tokens.staff()).ok(SET, "input", set(UUID.randomUUID().toString(), List.of(
                item(id(product.variant(0).id()), id(store.id()), 5, 9),
                item(id(product.variant(1).id()), id(store.id()), 3, null),
                item(id(product.variant(2).id()), id(store.id()), 6, 10),
                item(Map.of("sku", "NO-SUCH-SKU-" + UUID.randomUUID()), id(store.id()), 6, null))));

        var errors = result.getList("data.inventorySetQuantities.userErrors.code");
        assertThat(errors).containsExactly("COMPARE_QUANTITY_MISMATCH", "BELOW_RESERVED", "UNKNOWN_VARIANT");
        assertThat(result.getList("data.inventorySetQuantities.userErrors[0].field")).containsExactly("input", "quantities", "0", "compareQuantity");
        assertThat(result.getList("data.inventorySetQuantities.userErrors[1].field")).containsExactly("input", "quantities", "1", "quantity");
        assertThat(result.getList("data.inventorySetQuantities.userErrors[2].field")).containsExactly("input", "quantities", "3", "variant");
        assertThat(result.getList("data.inventorySetQuantities.stockLevels.onHand")).containsExactly(6);
        assertThat(data.stockRow(product.variant(0), store).getInteger("on_hand")).isEqualTo(10);
        assertThat(data.stockRow(product.variant(1), store).getInteger("on_hand")).isEqualTo(10);
        assertThat(data.stockRow(product.variant(2), store).getInteger("on_hand")).isEqualTo(6);
        assertThat(data.count("SELECT count(*) FROM stock_movement WHERE location_id = $1", store.key())).isEqualTo(ledgerBefore + 1);
    }

    @Test
    void a_retry_with_the_same_key_gets_the_same_answer_and_changes_nothing_again_and_another_body_is_refused() {
        var store = data.store("Retry store", 50.0, 8.0);
        var variant = data.product("Retried", null, 1000).variant(0);
        data.stock(variant, store, 10);
        String key = UUID.randomUUID().toString();
        List<Map<String, Object>> items = List.of(item(id(variant.id()), id(store.id()), 4, 10));

        var first = GraphQL.as(Tokens.staff()).ok(SET, "input", set(key, items));
        var again = GraphQL.as(Tokens.staff()).ok(SET, "input", set(key, items));
        assertThat(again.getMap("data.inventorySetQuantities")).isEqualTo(first.getMap("data.inventorySetQuantities"));
        assertThat(first.getList("data.inventorySetQuantities.stockLevels.onHand")).containsExactly(4);
        assertThat(data.count("SELECT count(*) FROM stock_movement WHERE variant_id = $1", variant.key())).isEqualTo(1);

        var other = GraphQL.as(Tokens.staff()).ok(SET, "input", set(key, List.of(item(id(variant.id()), id(store.id()), 5, null))));
        assertThat(other.getList("data.inventorySetQuantities.userErrors.code")).containsExactly("IDEMPOTENCY_KEY_REUSED");
        assertThat(data.stockRow(variant, store).getInteger("on_hand")).isEqualTo(4);
    }

    @Test
    void deltas_add_goods_received_and_remove_shrinkage_but_never_below_zero() {
        var warehouse = data.warehouse("Delta warehouse", 50.0, 8.0);
        var product = data.product("Delta", null, 1000, 1100);
        data.stock(product.variant(0), warehouse, 10);
        data.stock(product.variant(1), warehouse, 2);

        var result = GraphQL.as(Tokens.integration()).ok(ADJUST, "input", Map.of("reason", "goods received",
                "referenceDocumentUri", "erp://asn/99", "idempotencyKey", UUID.randomUUID().toString(), "changes", List.of(
                        Map.of("variant", id(product.variant(0).id()), "location", id(warehouse.id()), "delta", 25),
                        Map.of("variant", id(product.variant(1).id()), "location", id(warehouse.id()), "delta", -3))));

        assertThat(result.getList("data.inventoryAdjustQuantities.stockLevels.onHand")).containsExactly(35);
        assertThat(result.getList("data.inventoryAdjustQuantities.userErrors.code")).containsExactly("NEGATIVE_STOCK");
        assertThat(result.getList("data.inventoryAdjustQuantities.userErrors[0].field")).containsExactly("input", "changes", "1", "delta");
        assertThat(data.count("SELECT count(*) FROM stock_movement WHERE variant_id = $1 AND kind = 'ADJUSTMENT' AND reference = 'erp://asn/99'",
                product.variant(0).key())).isEqualTo(1);
        assertThat(data.stockRow(product.variant(1), warehouse).getInteger("on_hand")).isEqualTo(2);
    }

    @Test
    void a_count_shows_on_the_kiosk_of_the_store_at_once() {
        var store = data.store("Kiosk sync store", 50.0, 8.0);
        var variant = data.product("Kiosk synced", null, 1000).variant(0);
        data.stock(variant, store, 3);
        GraphQL kiosk = GraphQL.as(Tokens.kiosk(store.id()));
        String scan = "query($b: String!) { productVariant(barcode: $b) { availabilityHere { available } } }";
        assertThat(kiosk.ok(scan, "b", variant.barcode()).getInt("data.productVariant.availabilityHere.available")).isEqualTo(3);

        GraphQL.as(Tokens.staff()).ok(SET, "input", set(UUID.randomUUID().toString(), List.of(item(id(variant.id()), id(store.id()), 9, 3))));

        assertThat(kiosk.ok(scan, "b", variant.barcode()).getInt("data.productVariant.availabilityHere.available")).isEqualTo(9);
    }

    @Test
    void whole_input_errors_apply_nothing_and_only_staff_and_integrations_may_sync() {
        var store = data.store("Limits store", 50.0, 8.0);
        var variant = data.product("Limited", null, 1000).variant(0);
        data.stock(variant, store, 3);
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 251; i++) {
            tooMany.add(item(id(variant.id()), id(store.id()), i, null));
        }
        var many = GraphQL.as(Tokens.staff()).ok(SET, "input", set(UUID.randomUUID().toString(), tooMany));
        assertThat(many.getList("data.inventorySetQuantities.userErrors.code")).containsExactly("INVALID_LINES");
        var twice = GraphQL.as(Tokens.staff()).ok(SET, "input", set(UUID.randomUUID().toString(),
                List.of(item(id(variant.id()), id(store.id()), 5, null), item(Map.of("sku", variant.sku()), id(store.id()), 6, null))));
        assertThat(twice.getList("data.inventorySetQuantities.userErrors.code")).containsExactly("DUPLICATE_STOCK_ITEM", "DUPLICATE_STOCK_ITEM");
        var badKey = GraphQL.as(Tokens.staff()).ok(SET, "input", set("short", List.of(item(id(variant.id()), id(store.id()), 5, null))));
        assertThat(badKey.getList("data.inventorySetQuantities.userErrors.code")).containsExactly("INVALID_IDEMPOTENCY_KEY");
        assertThat(data.stockRow(variant, store).getInteger("on_hand")).isEqualTo(3);

        JsonPath customer = GraphQL.as(Tokens.customer(UUID.randomUUID().toString())).execute(SET, "input",
                set(UUID.randomUUID().toString(), List.of(item(id(variant.id()), id(store.id()), 5, null))));
        assertThat(customer.getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");
        JsonPath kiosk = GraphQL.as(Tokens.kiosk(store.id())).execute(SET, "input",
                set(UUID.randomUUID().toString(), List.of(item(id(variant.id()), id(store.id()), 5, null))));
        assertThat(kiosk.getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");
        assertThat(data.stockRow(variant, store).getInteger("on_hand")).isEqualTo(3);
    }
}
