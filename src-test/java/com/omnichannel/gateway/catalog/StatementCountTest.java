package com.omnichannel.gateway.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.support.BackgroundWrites;
import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.TestData;
import com.omnichannel.gateway.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Relationship fields are resolved in batches: the number of SQL statements a request sends does not depend on
 * how many products, variants or stock levels it returns.
 */
@QuarkusTest
class StatementCountTest {

    @Inject
    TestData data;

    @Inject
    Db db;

    static TestData.Ref category;
    static TestData.ProductRef sample;

    @BeforeEach
    void sixty_products_with_variants_and_stock() {
        if (category != null) {
            return; // shared by the tests of this class; they only read
        }
        category = data.category("Counted", null);
        var store = data.store("Counted store", 52.5, 13.4);
        var warehouse = data.warehouse("Counted warehouse", 51.0, 10.0);
        for (int i = 0; i < 60; i++) {
            var product = data.product("Counted " + i, category, 1000 + i, 2000 + i, 3000 + i);
            for (var variant : product.variants()) {
                data.stock(variant, store, i % 7);
                data.stock(variant, warehouse, 20);
            }
            sample = product;
        }
    }

    static final String LIST = """
            query($first: Int!, $cat: ID!) {
              products(first: $first, filter: { categoryId: $cat }) {
                edges { node {
                  id name priceRange { minVariantPrice { amount } } availability { inStock } category { name }
                  variants { id sku price { amount } availableToPromise stockLevels { available location { name } } }
                } }
              }
            }""";

    private long statementsFor(String token, String query, Object... variables) {
        GraphQL client = token == null ? GraphQL.anonymous() : GraphQL.as(token);
        client.ok(query, variables); // warm: location snapshot and prepared statements
        BackgroundWrites.settle();
        long before = db.statementCount();
        client.ok(query, variables);
        return db.statementCount() - before;
    }

    @Test
    void products_with_variants_and_stock_levels_cost_the_same_statements_for_5_and_50_products() {
        long five = statementsFor(null, LIST, "first", 5, "cat", category.id());
        long fifty = statementsFor(null, LIST, "first", 50, "cat", category.id());
        var response = GraphQL.anonymous().ok(LIST, "first", 50, "cat", category.id());
        assertThat(response.getList("data.products.edges")).hasSize(50);
        assertThat(response.getList("data.products.edges[49].node.variants[2].stockLevels")).hasSize(2);

        assertThat(fifty).isEqualTo(five);
        // products, variants, stock levels (used by both stockLevels and availableToPromise), availability, category
        assertThat(fifty).isLessThanOrEqualTo(6);
    }

    @Test
    void the_storefront_list_of_twenty_with_variants_and_prices_takes_two_statements() {
        String storefront = """
                query($cat: ID!) { products(first: 20, filter: { categoryId: $cat }) {
                  edges { node { id name slug images { url } priceRange { minVariantPrice { amount currencyCode } }
                                 variants { id title price { amount currencyCode } compareAtPrice { amount } } } } } }""";
        assertThat(statementsFor(null, storefront, "cat", category.id())).isEqualTo(2);
    }

    @Test
    void product_page_with_store_availability_and_kiosk_scan_stay_within_four_statements() {
        String productPage = """
                query($slug: String!) { product(slug: $slug) { name variants { sku price { amount }
                  storeAvailability(first: 5, near: { lat: 52.52, lng: 13.40 }) { available distanceKm store { name } } } } }""";
        assertThat(statementsFor(null, productPage, "slug", sample.slug())).isLessThanOrEqualTo(4);

        var store = data.store("Counted kiosk store", 52.5, 13.4);
        String scan = """
                query($barcode: String!) { productVariant(barcode: $barcode) { sku price { amount }
                  availabilityHere { available } storeAvailability(first: 3) { available store { name } } } }""";
        assertThat(statementsFor(Tokens.kiosk(store.id()), scan, "barcode", sample.variant(1).barcode())).isLessThanOrEqualTo(4);
    }
}
