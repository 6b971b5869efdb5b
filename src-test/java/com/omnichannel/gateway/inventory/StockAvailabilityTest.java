package com.omnichannel.gateway.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.TestData;
import com.omnichannel.gateway.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class StockAvailabilityTest {

    @Inject
    TestData data;

    @Test
    void stock_levels_show_available_as_on_hand_minus_reserved_and_atp_sums_the_network() {
        var store = data.store("Levels store", 48.1, 11.5);
        var warehouse = data.warehouse("Levels warehouse", 51.3, 9.5);
        var product = data.product("Levels", null, 1000);
        var variant = product.variant(0);
        data.stock(variant, store, 10, 3);
        data.stock(variant, warehouse, 40, 0);

        var response = GraphQL.anonymous().ok("""
                query($sku: String!) {
                  productVariant(sku: $sku) {
                    availableToPromise
                    stockLevels { location { id type } onHand reserved available }
                  }
                }""", "sku", variant.sku());
        assertThat(response.getInt("data.productVariant.availableToPromise")).isEqualTo(47);
        List<Map<String, Object>> levels = response.getList("data.productVariant.stockLevels");
        assertThat(levels).hasSize(2);
        var atStore = levels.stream().filter(l -> ((Map<?, ?>) l.get("location")).get("id").equals(store.id())).findFirst().orElseThrow();
        assertThat(atStore).containsEntry("onHand", 10).containsEntry("reserved", 3).containsEntry("available", 7);
    }

    @Test
    void store_availability_is_sorted_by_distance_from_a_point_or_a_store() {
        String tag = TestData.unique("near");
        // Three stores on a line of longitude far from any other test data.
        var north = data.store(tag + " north", -40.0, -150.0);
        var middle = data.store(tag + " middle", -41.0, -150.0);
        var south = data.store(tag + " south", -42.0, -150.0);
        var product = data.product("Distance", null, 1000);
        var variant = product.variant(0);
        data.stock(variant, north, 1);
        data.stock(variant, south, 9);

        var fromPoint = GraphQL.anonymous().ok("""
                query($sku: String!) {
                  productVariant(sku: $sku) { storeAvailability(near: { lat: -42.1, lng: -150.0 }, first: 3) { store { id } available distanceKm } }
                }""", "sku", variant.sku());
        List<Map<String, Object>> near = fromPoint.getList("data.productVariant.storeAvailability");
        assertThat(fromPoint.getList("data.productVariant.storeAvailability.store.id")).containsExactly(south.id(), middle.id(), north.id());
        assertThat(fromPoint.getList("data.productVariant.storeAvailability.available")).containsExactly(9, 0, 1);
        assertThat((Float) near.get(0).get("distanceKm")).isBetween(10f, 12f);

        var fromStore = GraphQL.anonymous().ok("""
                query($sku: String!, $store: ID!) {
                  productVariant(sku: $sku) { storeAvailability(storeId: $store, first: 2) { store { id } distanceKm } }
                }""", "sku", variant.sku(), "store", north.id());
        assertThat(fromStore.getList("data.productVariant.storeAvailability.store.id")).containsExactly(north.id(), middle.id());
        assertThat(fromStore.getFloat("data.productVariant.storeAvailability[0].distanceKm")).isEqualTo(0f);
    }

    @Test
    void a_kiosk_sees_stock_here_and_nearby_without_any_arguments() {
        String tag = TestData.unique("kiosk");
        var here = data.store(tag + " here", 10.0, 100.0);
        var nearby = data.store(tag + " nearby", 10.1, 100.0);
        var product = data.product("Kiosk scan", null, 1999);
        var variant = product.variant(0);
        data.stock(variant, here, 4, 1);
        data.stock(variant, nearby, 6);
        String kiosk = Tokens.kiosk(here.id());

        var response = GraphQL.as(kiosk).ok("""
                query($barcode: String!) {
                  viewer { channel store { id } }
                  productVariant(barcode: $barcode) {
                    price { amount }
                    availabilityHere { store { id } available }
                    storeAvailability(first: 2) { store { id } available distanceKm }
                  }
                }""", "barcode", variant.barcode());
        assertThat(response.getString("data.viewer.channel")).isEqualTo("KIOSK");
        assertThat(response.getString("data.viewer.store.id")).isEqualTo(here.id());
        assertThat(response.getString("data.productVariant.availabilityHere.store.id")).isEqualTo(here.id());
        assertThat(response.getInt("data.productVariant.availabilityHere.available")).isEqualTo(3);
        assertThat(response.getList("data.productVariant.storeAvailability.store.id")).containsExactly(here.id(), nearby.id());
        assertThat(response.getInt("data.productVariant.storeAvailability[1].available")).isEqualTo(6);

        var web = GraphQL.anonymous().ok("query($barcode: String!) { productVariant(barcode: $barcode) { availabilityHere { available } } }",
                "barcode", variant.barcode());
        assertThat(web.getString("data.productVariant.availabilityHere")).isNull();
    }

    @Test
    void a_kiosk_can_leave_its_own_store_out_of_the_nearby_stores() {
        String tag = TestData.unique("kiosk-exclude");
        var here = data.store(tag + " here", -20.0, 60.0);
        var nearby = data.store(tag + " nearby", -20.1, 60.0);
        var farther = data.store(tag + " farther", -20.3, 60.0);
        var variant = data.product("Kiosk exclude", null, 1999).variant(0);
        data.stock(variant, here, 4);
        data.stock(variant, nearby, 6);
        data.stock(variant, farther, 2);
        String query = """
                query($barcode: String!, $excludeHere: Boolean!) { productVariant(barcode: $barcode) {
                  storeAvailability(first: 2, excludeHere: $excludeHere) { store { id } available } } }""";
        GraphQL kiosk = GraphQL.as(Tokens.kiosk(here.id()));

        // By default the kiosk's own store comes first (at 0 km); with excludeHere only the other stores, nearest first.
        assertThat(kiosk.ok(query, "barcode", variant.barcode(), "excludeHere", false)
                .getList("data.productVariant.storeAvailability.store.id")).containsExactly(here.id(), nearby.id());
        var others = kiosk.ok(query, "barcode", variant.barcode(), "excludeHere", true);
        assertThat(others.getList("data.productVariant.storeAvailability.store.id")).containsExactly(nearby.id(), farther.id());
        assertThat(others.getList("data.productVariant.storeAvailability.available")).containsExactly(6, 2);
        // From a given store, the same.
        var fromStore = GraphQL.anonymous().ok("""
                query($barcode: String!, $store: ID!) { productVariant(barcode: $barcode) {
                  storeAvailability(storeId: $store, first: 1, excludeHere: true) { store { id } } } }""",
                "barcode", variant.barcode(), "store", here.id());
        assertThat(fromStore.getList("data.productVariant.storeAvailability.store.id")).containsExactly(nearby.id());
    }

    @Test
    void product_availability_summarises_active_variants_across_locations() {
        var a = data.store("Summary A", 1.0, 1.0);
        var b = data.store("Summary B", 1.1, 1.0);
        var product = data.product("Summary", null, 1000, 1000);
        var soldOut = data.product("Sold out", null, 1000);
        data.stock(product.variant(0), a, 2);
        data.stock(product.variant(1), b, 5, 1);
        data.stock(soldOut.variant(0), a, 2, 2);

        var response = GraphQL.anonymous().ok("""
                query($a: String!, $b: String!) {
                  a: product(slug: $a) { availability { inStock availableQuantity locationsInStock } }
                  b: product(slug: $b) { availability { inStock availableQuantity locationsInStock } }
                }""", "a", product.slug(), "b", soldOut.slug());
        assertThat(response.getMap("data.a.availability")).containsEntry("inStock", true).containsEntry("availableQuantity", 6)
                .containsEntry("locationsInStock", 2);
        assertThat(response.getMap("data.b.availability")).containsEntry("inStock", false).containsEntry("availableQuantity", 0);
    }

    @Test
    void stores_and_nearby_stores_list_only_stores_nearest_first() {
        String tag = TestData.unique("geo");
        var close = data.store(tag + " close", -60.0, 60.0);
        var far = data.store(tag + " far", -60.5, 60.0);
        data.warehouse(tag + " warehouse", -60.01, 60.0);

        var response = GraphQL.anonymous().ok("""
                { nearbyStores(lat: -60.0, lng: 60.0, radiusKm: 100, first: 10) { edges { node { distanceKm store { id type } } } } }""");
        assertThat(response.getList("data.nearbyStores.edges.node.store.id")).containsExactly(close.id(), far.id());
        assertThat(response.getFloat("data.nearbyStores.edges[1].node.distanceKm")).isBetween(55f, 56f);

        var small = GraphQL.anonymous().ok("{ nearbyStores(lat: -60.0, lng: 60.0, radiusKm: 10) { edges { node { store { id } } } } }");
        assertThat(small.getList("data.nearbyStores.edges.node.store.id")).containsExactly(close.id());

        var stores = GraphQL.anonymous().ok("{ stores(first: 100) { edges { node { type } } } }");
        assertThat(stores.getList("data.stores.edges.node.type")).containsOnly("STORE");
        var locations = GraphQL.anonymous().execute("{ locations(type: WAREHOUSE) { edges { node { id } } } }");
        assertThat(locations.getString("errors[0].extensions.code")).isEqualTo("UNAUTHENTICATED");
        var staffLocations = GraphQL.as(Tokens.staff()).ok("{ locations(type: WAREHOUSE, first: 100) { edges { node { type } } } }");
        assertThat(staffLocations.getList("data.locations.edges.node.type")).isNotEmpty().containsOnly("WAREHOUSE");
    }
}
