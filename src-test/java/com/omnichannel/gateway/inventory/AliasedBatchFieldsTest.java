package com.omnichannel.gateway.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.support.BackgroundWrites;
import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.TestData;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A batched field asked for twice in one query under two aliases with different arguments answers each alias for
 * its own arguments, and stays batched: the statements do not grow with the number of parents. (storeAvailability
 * lists stores nearest first from 'storeId'; with first: 1 that is the store itself.)
 */
@QuarkusTest
class AliasedBatchFieldsTest {

    static final String TWO_STORES = """
            query($slug: String!, $first: ID!, $second: ID!) { product(slug: $slug) { variants {
              a: storeAvailability(storeId: $first, first: 1) { available store { id } }
              b: storeAvailability(storeId: $second, first: 1) { available store { id } } } } }""";
    static final String LIST = """
            query($cat: ID!, $n: Int!, $first: ID!, $second: ID!) { products(first: $n, filter: { categoryId: $cat }) { edges { node {
              variants { sku
                a: storeAvailability(storeId: $first, first: 1) { available store { id } }
                b: storeAvailability(storeId: $second, first: 1) { available store { id } }
                c: storeAvailability(storeId: $first, first: 1) { available } } } } } }""";

    @Inject
    TestData data;

    @Inject
    Db db;

    @Test
    void two_aliases_of_a_batched_field_each_get_their_own_arguments() {
        var first = data.store(TestData.unique("Alias store one"), 47.1234, 9.4561);
        var second = data.store(TestData.unique("Alias store two"), 47.7891, 9.9872);
        var product = data.product(TestData.unique("Alias lantern"), null, 2500);
        data.stock(product.variant(0), first, 3);
        data.stock(product.variant(0), second, 7);

        JsonPath r = GraphQL.anonymous().ok(TWO_STORES, "slug", product.slug(), "first", first.id(), "second", second.id())
                .setRootPath("data.product.variants[0]");
        assertThat(r.getList("a.store.id")).containsExactly(first.id());
        assertThat(r.getList("a.available")).containsExactly(3);
        assertThat(r.getList("b.store.id")).containsExactly(second.id());
        assertThat(r.getList("b.available")).containsExactly(7);
    }

    @Test
    void aliases_with_their_own_arguments_stay_batched_over_a_list() {
        var category = data.category(TestData.unique("Aliased"), null);
        var first = data.store(TestData.unique("Alias list one"), 46.1113, 8.2221);
        var second = data.store(TestData.unique("Alias list two"), 46.3337, 8.4449);
        for (int i = 0; i < 12; i++) {
            var product = data.product(TestData.unique("Alias item " + i), category, 1000 + i);
            data.stock(product.variant(0), first, i);
            data.stock(product.variant(0), second, 20 + i);
        }
        long three = statementsFor(category, 3, first, second);
        long twelve = statementsFor(category, 12, first, second);
        assertThat(twelve).isEqualTo(three);

        JsonPath r = GraphQL.anonymous().ok(LIST, "cat", category.id(), "n", 12, "first", first.id(), "second", second.id());
        for (int i = 0; i < 12; i++) {
            String variant = "data.products.edges[" + i + "].node.variants[0].";
            assertThat(r.getList(variant + "a.store.id")).containsExactly(first.id());
            assertThat(r.getList(variant + "b.store.id")).containsExactly(second.id());
            assertThat(r.getInt(variant + "b[0].available")).isEqualTo(r.getInt(variant + "a[0].available") + 20);
            assertThat(r.getList(variant + "c.available")).isEqualTo(r.getList(variant + "a.available"));
        }
    }

    private long statementsFor(TestData.Ref category, int n, TestData.Ref first, TestData.Ref second) {
        GraphQL client = GraphQL.anonymous();
        client.ok(LIST, "cat", category.id(), "n", n, "first", first.id(), "second", second.id()); // warm
        BackgroundWrites.settle();
        long before = db.statementCount();
        client.ok(LIST, "cat", category.id(), "n", n, "first", first.id(), "second", second.id());
        return db.statementCount() - before;
    }
}
