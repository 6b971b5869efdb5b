package com.omnichannel.gateway.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.support.BackgroundWrites;
import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.TestData;
import com.omnichannel.gateway.support.Tokens;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Products by key (a variant's product, recommended products) come from each instance's row cache, which every
 * catalog write empties: at once on the instance that made it, through the {@code catalog-changes} message on the
 * others. A change is in the very next read.
 */
@QuarkusTest
class ProductRowCacheTest {

    static final String VARIANT_PRODUCT = """
            query($id: ID!) { productVariant(id: $id) { sku product { id name status priceRange { minVariantPrice { amount } } } } }""";
    static final String PRODUCT_UPDATE = """
            mutation($input: ProductUpdateInput!) { productUpdate(input: $input) { product { name } userErrors { code } } }""";
    static final String VARIANT_UPDATE = """
            mutation($input: ProductVariantUpdateInput!) { productVariantUpdate(input: $input) { userErrors { code } } }""";

    @Inject
    TestData data;

    @Inject
    Db db;

    @Inject
    RedisDataSource redis;

    @Test
    void a_variants_product_is_read_once_and_a_change_by_staff_is_in_the_next_read() {
        var product = data.product(TestData.unique("Cached lamp"), null, 4000, 4500);
        JsonPath first = GraphQL.anonymous().ok(VARIANT_PRODUCT, "id", product.variant(0).id());
        assertThat(first.getString("data.productVariant.product.id")).isEqualTo(product.id());
        assertThat(statements(product.variant(0).id())).as("the variant's statement alone").isEqualTo(1);

        GraphQL staff = GraphQL.as(Tokens.staff());
        String renamed = TestData.unique("Renamed lamp");
        assertThat(staff.ok(PRODUCT_UPDATE, "input", Map.of("id", product.id(), "name", renamed))
                .getList("data.productUpdate.userErrors")).isEmpty();
        assertThat(read(product.variant(0).id()).getString("data.productVariant.product.name")).isEqualTo(renamed);

        // A variant's price moves its product's price range: a catalog write like any other.
        assertThat(staff.ok(VARIANT_UPDATE, "input", Map.of("id", product.variant(0).id(), "price", "30.00"))
                .getList("data.productVariantUpdate.userErrors")).isEmpty();
        assertThat(read(product.variant(1).id()).getString("data.productVariant.product.priceRange.minVariantPrice.amount"))
                .isEqualTo("30.00");
    }

    @Test
    void a_product_written_by_another_instance_shows_once_its_catalog_change_message_arrives() throws Exception {
        var product = data.product(TestData.unique("Remote lamp"), null, 2000);
        String before = read(product.variant(0).id()).getString("data.productVariant.product.name");

        String renamed = TestData.unique("Remotely renamed lamp");
        data.writeBehindTheService("UPDATE product SET name = $1 WHERE id = $2", renamed, product.key());
        // Nothing told this instance yet: the cache answers, with the name it holds.
        assertThat(read(product.variant(0).id()).getString("data.productVariant.product.name")).isEqualTo(before);

        // What the other instance publishes once its catalog write committed.
        redis.pubsub(String.class).publish("catalog-changes", "1");
        long deadline = System.nanoTime() + 5_000_000_000L;
        String seen = before;
        while (!renamed.equals(seen) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            seen = read(product.variant(0).id()).getString("data.productVariant.product.name");
        }
        // Within seconds, far less than the cache's time to live (30 s): the message, not expiry, refreshed it.
        assertThat(seen).isEqualTo(renamed);
    }

    private static JsonPath read(String variantId) {
        return GraphQL.anonymous().ok(VARIANT_PRODUCT, "id", variantId);
    }

    private long statements(String variantId) {
        read(variantId);
        BackgroundWrites.settle();
        long before = db.statementCount();
        read(variantId);
        return db.statementCount() - before;
    }
}
