package com.omnichannel.gateway.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
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

/**
 * Root fields and sibling batch resolvers of one query run in parallel. This sends a query with several
 * database-backed root fields and nested batches, many times at once, and expects every answer complete and right.
 */
@QuarkusTest
class ParallelResolversTest {

    @Inject
    TestData data;

    @Test
    void many_concurrent_queries_with_parallel_root_fields_and_nested_batches_all_succeed() throws Exception {
        var category = data.category("Parallel", null);
        var store = data.store("Parallel store", 52.5, 13.4);
        List<TestData.ProductRef> products = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            var product = data.product("Parallel " + i, category, 1000 + i, 2000 + i);
            product.variants().forEach(v -> data.stock(v, store, 3));
            products.add(product);
        }
        String query = """
                query($cat: ID!, $slug: String!, $sku: String!, $barcode: String!) {
                  products(first: 5, filter: { categoryId: $cat }, sort: NAME) {
                    edges { node { name category { name ancestors { name } } availability { availableQuantity }
                                   variants { sku stockLevels { available location { name } } availableToPromise } } }
                  }
                  product(slug: $slug) { name variants { storeAvailability(first: 2) { available } } }
                  productVariant(sku: $sku) { product { name } stockLevels { available } }
                  byBarcode: productVariant(barcode: $barcode) { sku availabilityHere { available } }
                  categories { name children { name } }
                  nearbyStores(lat: 52.5, lng: 13.4, radiusKm: 5) { edges { node { store { name } } } }
                  viewer { channel store { name } }
                }""";
        String kiosk = Tokens.kiosk(store.id());
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                var product = products.get(i % products.size());
                calls.add(() -> {
                    var response = GraphQL.as(kiosk).ok(query, "cat", category.id(), "slug", product.slug(),
                            "sku", product.variant(0).sku(), "barcode", product.variant(1).barcode());
                    assertThat(response.getList("data.products.edges")).hasSize(5);
                    assertThat(response.getInt("data.products.edges[4].node.availability.availableQuantity")).isEqualTo(6);
                    assertThat(response.getInt("data.products.edges[0].node.variants[1].availableToPromise")).isEqualTo(3);
                    assertThat(response.getInt("data.byBarcode.availabilityHere.available")).isEqualTo(3);
                    assertThat(response.getString("data.viewer.store.name")).isEqualTo("Parallel store");
                    return response.getString("data.product.name");
                });
            }
            for (Future<String> result : pool.invokeAll(calls)) {
                assertThat(result.get()).startsWith("Parallel ");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
