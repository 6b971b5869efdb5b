package com.omnichannel.gateway.catalog;

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
class CatalogAdminTest {

    @Inject
    TestData data;

    static final String CREATE = """
            mutation($input: ProductCreateInput!) {
              productCreate(input: $input) {
                product { id name slug status category { name } priceRange { minVariantPrice { amount } }
                          variants { sku barcode title price { amount } compareAtPrice { amount } selectedOptions { name value } } }
                userErrors { code field message }
              }
            }""";

    static final String CREATE_VARIANT = """
            mutation($input: ProductVariantCreateInput!) {
              productVariantCreate(input: $input) { productVariant { id sku price { amount } } userErrors { code field message } }
            }""";

    static final String UPDATE_VARIANT = """
            mutation($input: ProductVariantUpdateInput!) {
              productVariantUpdate(input: $input) { productVariant { id sku price { amount } compareAtPrice { amount } active }
                                                    userErrors { code field message } }
            }""";

    private static Map<String, Object> variant(String sku, String barcode, String price) {
        var v = new java.util.HashMap<String, Object>();
        v.put("sku", sku);
        v.put("price", price);
        if (barcode != null) {
            v.put("barcode", barcode);
        }
        v.put("options", List.of(Map.of("name", "Size", "value", "M"), Map.of("name", "Colour", "value", "Blue")));
        return v;
    }

    @Test
    void staff_create_a_product_with_variants_and_it_is_readable_everywhere() {
        var category = data.category("Admin", null);
        String sku = TestData.unique("NEW");
        String barcode = TestData.newBarcode();
        var input = Map.of("name", "Harbour Raincoat", "categoryId", category.id(), "brand", "Harbour Lane",
                "imageUrls", List.of("https://images.example.com/raincoat.jpg"),
                "variants", List.of(variant(sku, barcode, "89.90"), variant(sku + "-L", null, "99.90")));
        var response = GraphQL.as(Tokens.staff()).ok(CREATE, "input", input);

        assertThat(response.getList("data.productCreate.userErrors")).isEmpty();
        assertThat(response.getString("data.productCreate.product.slug")).isEqualTo("harbour-raincoat");
        assertThat(response.getString("data.productCreate.product.status")).isEqualTo("ACTIVE");
        assertThat(response.getString("data.productCreate.product.category.name")).isEqualTo("Admin");
        assertThat(response.getString("data.productCreate.product.priceRange.minVariantPrice.amount")).isEqualTo("89.90");
        assertThat(response.getString("data.productCreate.product.variants[0].title")).isEqualTo("M / Blue");
        assertThat(response.getString("data.productCreate.product.variants[0].barcode")).isEqualTo(barcode);

        var byBarcode = GraphQL.anonymous().channel("MOBILE").ok("query($b: String!) { productVariant(barcode: $b) { sku product { name } } }",
                "b", barcode);
        assertThat(byBarcode.getString("data.productVariant.product.name")).isEqualTo("Harbour Raincoat");
    }

    @Test
    void duplicate_slug_sku_and_barcode_are_user_errors_and_nothing_is_written() {
        var existing = data.product("Existing", null, 1000);
        long productsBefore = data.count("SELECT count(*) FROM product");
        long variantsBefore = data.count("SELECT count(*) FROM product_variant");

        var duplicateSku = GraphQL.as(Tokens.staff()).ok(CREATE, "input", Map.of("name", TestData.unique("Dup sku"),
                "variants", List.of(variant(TestData.unique("OK"), null, "1.00"), variant(existing.variant(0).sku(), null, "1.00"))));
        assertThat(duplicateSku.getString("data.productCreate.userErrors[0].code")).isEqualTo("DUPLICATE_SKU");
        assertThat(duplicateSku.getString("data.productCreate.product")).isNull();

        var duplicateBarcode = GraphQL.as(Tokens.staff()).ok(CREATE_VARIANT, "input", Map.of("productId", existing.id(),
                "variant", variant(TestData.unique("B"), existing.variant(0).barcode(), "1.00")));
        assertThat(duplicateBarcode.getString("data.productVariantCreate.userErrors[0].code")).isEqualTo("DUPLICATE_BARCODE");

        var duplicateSlug = GraphQL.as(Tokens.staff()).ok(CREATE, "input", Map.of("name", "Whatever", "slug", existing.slug()));
        assertThat(duplicateSlug.getString("data.productCreate.userErrors[0].code")).isEqualTo("DUPLICATE_SLUG");
        assertThat(duplicateSlug.getList("data.productCreate.userErrors[0].field")).containsExactly("input", "slug");

        var sameSkuTwice = GraphQL.as(Tokens.staff()).ok(CREATE, "input", Map.of("name", TestData.unique("Twice"),
                "variants", List.of(variant("TWICE-1", null, "1.00"), variant("TWICE-1", null, "2.00"))));
        assertThat(sameSkuTwice.getString("data.productCreate.userErrors[0].code")).isEqualTo("DUPLICATE_SKU");

        assertThat(data.count("SELECT count(*) FROM product")).isEqualTo(productsBefore);
        assertThat(data.count("SELECT count(*) FROM product_variant")).isEqualTo(variantsBefore);
    }

    @Test
    void invalid_price_barcode_and_name_are_reported_together_with_their_fields() {
        long before = data.count("SELECT count(*) FROM product");
        var response = GraphQL.as(Tokens.staff()).ok(CREATE, "input", Map.of("name", "  ",
                "variants", List.of(variant(TestData.unique("NEG"), "4006381333932", "-1.00"),
                        variant(TestData.unique("BAD"), "4006381333933", "1.999"))));
        List<Map<String, Object>> errors = response.getList("data.productCreate.userErrors");
        assertThat(errors).extracting(e -> e.get("code"))
                .contains("INVALID_NAME", "INVALID_PRICE", "INVALID_BARCODE");
        assertThat(errors).extracting(e -> e.get("field").toString())
                .contains("[input, variants, 0, price]", "[input, variants, 1, barcode]", "[input, variants, 1, price]");
        assertThat(data.count("SELECT count(*) FROM product")).isEqualTo(before);
    }

    @Test
    void variant_price_update_changes_what_every_channel_reads() {
        var product = data.product("Repriced", null, 5000);
        var variant = product.variant(0);
        var response = GraphQL.as(Tokens.staff()).ok(UPDATE_VARIANT, "input",
                Map.of("id", variant.id(), "price", "39.95", "compareAtPrice", "50.00"));
        assertThat(response.getList("data.productVariantUpdate.userErrors")).isEmpty();
        assertThat(response.getString("data.productVariantUpdate.productVariant.price.amount")).isEqualTo("39.95");

        for (String channel : List.of("WEB", "MOBILE")) {
            var read = GraphQL.anonymous().channel(channel).ok("""
                    query($slug: String!) { product(slug: $slug) { priceRange { minVariantPrice { amount } } variants { compareAtPrice { amount } } } }""",
                    "slug", product.slug());
            assertThat(read.getString("data.product.priceRange.minVariantPrice.amount")).isEqualTo("39.95");
            assertThat(read.getString("data.product.variants[0].compareAtPrice.amount")).isEqualTo("50.00");
        }

        var negative = GraphQL.as(Tokens.staff()).ok(UPDATE_VARIANT, "input", Map.of("id", variant.id(), "price", "-0.01"));
        assertThat(negative.getString("data.productVariantUpdate.userErrors[0].code")).isEqualTo("INVALID_PRICE");
        assertThat(data.count("SELECT price_minor FROM product_variant WHERE id = $1", variant.key())).isEqualTo(3995);
    }

    @Test
    void product_update_changes_fields_and_unknown_ids_are_user_errors() {
        var product = data.product("Before rename", null, 1000);
        var response = GraphQL.as(Tokens.admin()).ok("""
                mutation($input: ProductUpdateInput!) { productUpdate(input: $input) { product { name status } userErrors { code } } }""",
                "input", Map.of("id", product.id(), "name", "After rename", "status", "ARCHIVED"));
        assertThat(response.getString("data.productUpdate.product.name")).isEqualTo("After rename");
        assertThat(response.getString("data.productUpdate.product.status")).isEqualTo("ARCHIVED");

        var unknown = GraphQL.as(Tokens.staff()).ok("""
                mutation($input: ProductUpdateInput!) { productUpdate(input: $input) { product { name } userErrors { code field } } }""",
                "input", Map.of("id", Product.globalId(Long.MAX_VALUE - 1), "name", "X"));
        assertThat(unknown.getString("data.productUpdate.userErrors[0].code")).isEqualTo("NOT_FOUND");
    }

    @Test
    void kiosks_customers_and_anonymous_callers_cannot_change_the_catalog() {
        var store = data.store("Kiosk store", 52.0, 13.0);
        long before = data.count("SELECT count(*) FROM product");
        var input = Map.of("name", TestData.unique("Forbidden"));

        var kiosk = GraphQL.as(Tokens.kiosk(store.id())).execute(CREATE, "input", input);
        assertThat(kiosk.getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");
        var customer = GraphQL.as(Tokens.customer("customer-1")).execute(CREATE, "input", input);
        assertThat(customer.getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");
        var anonymous = GraphQL.anonymous().execute(CREATE, "input", input);
        assertThat(anonymous.getString("errors[0].extensions.code")).isEqualTo("UNAUTHENTICATED");
        assertThat(anonymous.getString("data")).isNull();

        assertThat(data.count("SELECT count(*) FROM product")).isEqualTo(before);
    }
}
