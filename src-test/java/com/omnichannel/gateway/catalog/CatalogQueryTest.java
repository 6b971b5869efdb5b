package com.omnichannel.gateway.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.TestData;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class CatalogQueryTest {

    @Inject
    TestData data;

    static final String PRODUCT_BY_SLUG = """
            query($slug: String!) {
              product(slug: $slug) {
                id name slug brand status
                images { url altText }
                priceRange { minVariantPrice { amount currencyCode } maxVariantPrice { amount currencyCode } }
                category { slug name }
                variants { id sku barcode title price { amount currencyCode } selectedOptions { name value } product { id } }
              }
            }""";

    @Test
    void product_by_slug_returns_variants_prices_and_price_range() {
        var category = data.category("Jackets", null);
        var product = data.product("Alpine Shell Jacket", category, 12999, 14999);
        var response = GraphQL.anonymous().ok(PRODUCT_BY_SLUG, "slug", product.slug());

        assertThat(response.getString("data.product.id")).isEqualTo(product.id());
        assertThat(response.getString("data.product.name")).isEqualTo("Alpine Shell Jacket");
        assertThat(response.getString("data.product.priceRange.minVariantPrice.amount")).isEqualTo("129.99");
        assertThat(response.getString("data.product.priceRange.maxVariantPrice.amount")).isEqualTo("149.99");
        assertThat(response.getString("data.product.priceRange.minVariantPrice.currencyCode")).isEqualTo("EUR");
        assertThat(response.getString("data.product.category.name")).isEqualTo("Jackets");
        assertThat(response.getList("data.product.variants.sku")).containsExactly(product.variant(0).sku(), product.variant(1).sku());
        assertThat(response.getString("data.product.variants[1].price.amount")).isEqualTo("149.99");
        assertThat(response.getString("data.product.variants[0].selectedOptions[0].name")).isEqualTo("Size");
        assertThat(response.getString("data.product.variants[0].product.id")).isEqualTo(product.id());
        assertThat(response.getString("data.product.images[0].url")).startsWith("https://img.test/");
    }

    @Test
    void variant_options_are_answered_through_fragments_and_aliases() {
        var product = data.product("Options Parka", null, 9900, 11900);
        String query = """
                query($slug: String!) {
                  plain: product(slug: $slug) { variants { sku title } }
                  spread: product(slug: $slug) { variants { sku ...Options } }
                  inline: product(slug: $slug) { variants { ... on ProductVariant { opts: selectedOptions { value name } } } }
                }
                fragment Options on ProductVariant { selectedOptions { name value } }""";
        var response = GraphQL.anonymous().ok(query, "slug", product.slug());

        assertThat(response.getList("data.plain.variants.sku")).containsExactly(product.variant(0).sku(), product.variant(1).sku());
        assertThat(response.getList("data.spread.variants[0].selectedOptions.name")).containsExactly("Size");
        assertThat(response.getList("data.spread.variants.selectedOptions.value"))
                .isEqualTo(response.getList("data.inline.variants.opts.value"));
        assertThat(response.getList("data.inline.variants[1].opts.name")).containsExactly("Size");
    }

    @Test
    void product_by_id_and_variant_by_sku_barcode_and_id_agree() {
        var product = data.product("Merino Beanie", null, 2499);
        var variant = product.variant(0);
        String query = """
                query($id: ID!, $sku: String!, $barcode: String!, $variantId: ID!) {
                  product(id: $id) { name }
                  bySku: productVariant(sku: $sku) { id price { amount } }
                  byBarcode: productVariant(barcode: $barcode) { id sku product { name } }
                  byId: productVariant(id: $variantId) { sku }
                }""";
        var response = GraphQL.anonymous().ok(query, "id", product.id(), "sku", variant.sku(),
                "barcode", variant.barcode(), "variantId", variant.id());
        assertThat(response.getString("data.product.name")).isEqualTo("Merino Beanie");
        assertThat(response.getString("data.bySku.id")).isEqualTo(variant.id());
        assertThat(response.getString("data.bySku.price.amount")).isEqualTo("24.99");
        assertThat(response.getString("data.byBarcode.sku")).isEqualTo(variant.sku());
        assertThat(response.getString("data.byBarcode.product.name")).isEqualTo("Merino Beanie");
        assertThat(response.getString("data.byId.sku")).isEqualTo(variant.sku());
    }

    @Test
    void category_filter_includes_descendant_categories() {
        var root = data.category("Outdoor", null);
        var child = data.category("Tents", root);
        var grandchild = data.category("Ultralight", child);
        var other = data.category("Kitchen", null);
        var inRoot = data.product("Camp Chair", root, 3000);
        var inGrandchild = data.product("Feather Tent", grandchild, 30000);
        data.product("Kettle", other, 2000);

        var response = GraphQL.anonymous().ok("""
                query($slug: String!) { products(first: 50, filter: { categorySlug: $slug }, sort: NAME) { edges { node { id } } } }""",
                "slug", rootSlug(root.id()));
        assertThat(response.getList("data.products.edges.node.id")).containsExactly(inRoot.id(), inGrandchild.id());

        var byId = GraphQL.anonymous().ok("""
                query($id: ID!) { products(first: 50, filter: { categoryId: $id }) { edges { node { id } } } }""",
                "id", child.id());
        assertThat(byId.getList("data.products.edges.node.id")).containsExactly(inGrandchild.id());
    }

    private String rootSlug(String categoryId) {
        return GraphQL.anonymous().ok("query($id: ID!) { category(id: $id) { slug } }", "id", categoryId)
                .getString("data.category.slug");
    }

    @Test
    void full_text_search_ranks_name_matches_first_and_stems_words() {
        String word = "zephyrite" + System.nanoTime() % 100000;
        var category = data.category("Search", null);
        var inDescriptionOnly = data.product("Plain Scarf", category, 1000);
        data.product("Unrelated Mug", category, 1000);
        var inName = data.product("Zephyr " + word + " Jackets", category, 1000);
        data.execute("UPDATE product SET description = 'Goes well with a " + word + " jacket' WHERE id = " + inDescriptionOnly.key());

        var response = GraphQL.anonymous().ok("""
                query($q: String!, $cat: ID!) { products(first: 10, filter: { search: $q, categoryId: $cat }) { edges { node { id } } } }""",
                "q", word + " jacket", "cat", category.id());
        assertThat(response.getList("data.products.edges.node.id")).containsExactly(inName.id(), inDescriptionOnly.id());
    }

    @Test
    void price_filter_and_price_sorts_order_products_by_their_variant_prices() {
        var category = data.category("Prices", null);
        var cheap = data.product("Cheap", category, 500);
        var middle = data.product("Middle", category, 2000, 2500);
        var dear = data.product("Dear", category, 9000);

        String query = """
                query($cat: ID!, $sort: ProductSort, $price: PriceFilterInput) {
                  products(first: 10, filter: { categoryId: $cat, price: $price }, sort: $sort) { edges { node { id } } }
                }""";
        assertThat(GraphQL.anonymous().ok(query, "cat", category.id(), "sort", "PRICE_ASC")
                .getList("data.products.edges.node.id")).containsExactly(cheap.id(), middle.id(), dear.id());
        assertThat(GraphQL.anonymous().ok(query, "cat", category.id(), "sort", "PRICE_DESC")
                .getList("data.products.edges.node.id")).containsExactly(dear.id(), middle.id(), cheap.id());
        assertThat(GraphQL.anonymous().ok(query, "cat", category.id(), "sort", "PRICE_ASC",
                "price", Map.of("min", "10", "max", "30.00")).getList("data.products.edges.node.id"))
                .containsExactly(middle.id());
    }

    @Test
    void in_stock_filters_consider_available_units_anywhere_or_at_one_location() {
        var category = data.category("Stocked", null);
        var store = data.store("Filter Store", 52.0, 13.0);
        var warehouse = data.warehouse("Filter Warehouse", 51.0, 10.0);
        var atStore = data.product("At store", category, 1000);
        var inWarehouse = data.product("In warehouse", category, 1000);
        var allReserved = data.product("All reserved", category, 1000);
        data.product("Never stocked", category, 1000);
        data.stock(atStore.variant(0), store, 2);
        data.stock(inWarehouse.variant(0), warehouse, 5);
        data.stock(allReserved.variant(0), store, 3, 3);

        String query = """
                query($cat: ID!, $inStock: Boolean, $at: ID) {
                  products(first: 10, filter: { categoryId: $cat, inStock: $inStock, inStockAt: $at }, sort: NAME) { edges { node { id } } }
                }""";
        assertThat(GraphQL.anonymous().ok(query, "cat", category.id(), "inStock", true)
                .getList("data.products.edges.node.id")).containsExactly(atStore.id(), inWarehouse.id());
        assertThat(GraphQL.anonymous().ok(query, "cat", category.id(), "at", store.id())
                .getList("data.products.edges.node.id")).containsExactly(atStore.id());
    }

    @Test
    void pagination_walks_every_product_once_with_opaque_cursors() {
        var category = data.category("Paging", null);
        for (int i = 0; i < 7; i++) {
            data.product("Paged " + i, category, 1000 + i);
        }
        String query = """
                query($cat: ID!, $after: String) {
                  products(first: 3, after: $after, filter: { categoryId: $cat }, sort: PRICE_ASC) {
                    edges { cursor node { name } }
                    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
                  }
                }""";
        List<String> names = new java.util.ArrayList<>();
        String after = null;
        int pages = 0;
        boolean hasNext;
        do {
            var response = after == null ? GraphQL.anonymous().ok(query, "cat", category.id())
                    : GraphQL.anonymous().ok(query, "cat", category.id(), "after", after);
            names.addAll(response.getList("data.products.edges.node.name"));
            hasNext = response.getBoolean("data.products.pageInfo.hasNextPage");
            assertThat(response.getBoolean("data.products.pageInfo.hasPreviousPage")).isEqualTo(pages > 0);
            after = response.getString("data.products.pageInfo.endCursor");
            assertThat(after).doesNotContain(":").doesNotContain("|");
            pages++;
        } while (hasNext);
        assertThat(pages).isEqualTo(3);
        assertThat(names).containsExactly("Paged 0", "Paged 1", "Paged 2", "Paged 3", "Paged 4", "Paged 5", "Paged 6");
    }

    @Test
    void first_defaults_to_twenty() {
        var category = data.category("Default size", null);
        for (int i = 0; i < 22; i++) {
            data.product("Default " + i, category, 100);
        }
        var response = GraphQL.anonymous().ok("""
                query($cat: ID!) { products(filter: { categoryId: $cat }) { edges { node { id } } pageInfo { hasNextPage } } }""",
                "cat", category.id());
        assertThat(response.getList("data.products.edges")).hasSize(20);
        assertThat(response.getBoolean("data.products.pageInfo.hasNextPage")).isTrue();
    }

    @Test
    void category_tree_exposes_children_parents_and_breadcrumbs() {
        var root = data.category("Tree root", null);
        var child = data.category("Tree child", root);
        var leaf = data.category("Tree leaf", child);
        String leafSlug = GraphQL.anonymous().ok("query($id: ID!) { category(id: $id) { slug } }", "id", leaf.id())
                .getString("data.category.slug");

        var response = GraphQL.anonymous().ok("""
                query($slug: String!) {
                  category(slug: $slug) { name parent { name } ancestors { name } children { name } }
                  categories { id name children { id name children { name } } }
                }""", "slug", leafSlug);
        assertThat(response.getString("data.category.parent.name")).isEqualTo("Tree child");
        assertThat(response.getList("data.category.ancestors.name")).containsExactly("Tree root", "Tree child");
        assertThat(response.getList("data.category.children")).isEmpty();
        List<Map<String, Object>> roots = response.getList("data.categories");
        var ourRoot = roots.stream().filter(r -> r.get("id").equals(root.id())).findFirst().orElseThrow();
        assertThat(ourRoot.toString()).contains("Tree child").contains("Tree leaf");
    }

    @Test
    void draft_products_are_hidden_from_shoppers_but_visible_to_staff() {
        var product = data.product("Secret Draft", null, 1000);
        data.execute("UPDATE product SET status = 'DRAFT' WHERE id = " + product.key());

        var anonymous = GraphQL.anonymous().execute("query($slug: String!) { product(slug: $slug) { name } }", "slug", product.slug());
        assertThat(anonymous.getList("errors")).isNull();
        assertThat(anonymous.getMap("data")).containsEntry("product", null);

        var staff = GraphQL.as(com.omnichannel.gateway.support.Tokens.staff())
                .ok("query($slug: String!) { product(slug: $slug) { name status } }", "slug", product.slug());
        assertThat(staff.getString("data.product.status")).isEqualTo("DRAFT");
    }
}
