package com.omnichannel.gateway.platform.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.checkout.Checkouts;
import com.omnichannel.gateway.support.BackgroundWrites;
import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.TestData;
import com.omnichannel.gateway.support.Tokens;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.vertx.core.buffer.Buffer;

/**
 * The response cache for anonymous catalog reads (kiosk devices: {@link KioskResponseCacheTest}): what it keeps, what it never keeps, and that every change of
 * public data (stock, prices, catalog) empties it at once, here and on every other instance.
 */
@QuarkusTest
@TestProfile(ResponseCacheTest.Enabled.class)
class ResponseCacheTest {

    /** The cache on, with a TTL long enough that nothing in a test expires by time. */
    public static class Enabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("app.graphql.response-cache.enabled", "true", "app.graphql.response-cache.ttl", "PT60S");
        }
    }

    static final String PRODUCT = """
            query($id: ID!) { product(id: $id) { name variants { sku price { amount } availableToPromise } } }""";

    @Inject
    TestData data;

    @Inject
    Db db;

    @Inject
    ResponseCache cache;

    @Inject
    RedisDataSource redis;

    private static Response read(GraphQL client, String id) {
        Response response = client.post(PRODUCT, "id", id);
        assertThat(response.statusCode()).isEqualTo(200);
        return response;
    }

    @Test
    void the_public_root_fields_are_those_the_domains_mark_public_reads() {
        assertThat(cache.publicQueryFields()).containsExactlyInAnyOrder("products", "product", "productVariant",
                "categories", "category", "stores", "store", "nearbyStores");
    }

    @Test
    void an_anonymous_catalog_query_is_answered_by_the_engine_once_then_from_memory_without_sql() {
        var product = data.product(TestData.unique("Cached kettle"), null, 2999);
        data.stock(product.variant(0), data.warehouse(TestData.unique("Cache warehouse"), 50, 8), 12);

        Response first = read(GraphQL.anonymous(), product.id());
        assertThat(first.header(ResponseCache.HEADER)).isEqualTo("miss");
        assertThat(first.jsonPath().getInt("data.product.variants[0].availableToPromise")).isEqualTo(12);

        BackgroundWrites.settle();
        long before = db.statementCount();
        Response second = read(GraphQL.anonymous(), product.id());
        assertThat(db.statementCount() - before).isZero();
        assertThat(second.header(ResponseCache.HEADER)).isEqualTo("hit");
        assertThat(second.contentType()).startsWith("application/json");
        assertThat(second.jsonPath().getString("data.product.name")).isEqualTo(first.jsonPath().getString("data.product.name"));
        assertThat(second.jsonPath().getString("data.product.variants[0].price.amount")).isEqualTo("29.99");
        assertThat(second.jsonPath().getInt("data.product.variants[0].availableToPromise")).isEqualTo(12);
        assertThat(second.jsonPath().getString("errors")).isNull();
        assertThat(second.asString()).as("the answer kept is the answer sent").isEqualTo(first.asString());
    }

    @Test
    void a_stock_change_shows_in_the_next_answer() {
        var product = data.product(TestData.unique("Stocked kettle"), null, 2999);
        var warehouse = data.warehouse(TestData.unique("Stock change warehouse"), 50, 8);
        data.stock(product.variant(0), warehouse, 12);
        read(GraphQL.anonymous(), product.id());
        assertThat(read(GraphQL.anonymous(), product.id()).header(ResponseCache.HEADER)).isEqualTo("hit");

        GraphQL.as(Tokens.staff()).ok("""
                mutation($input: StockAdjustInput!) { stockAdjust(input: $input) { userErrors { code } } }""",
                "input", Map.of("variantId", product.variant(0).id(), "locationId", warehouse.id(), "delta", -5, "reason", "test"));

        Response after = read(GraphQL.anonymous(), product.id());
        assertThat(after.header(ResponseCache.HEADER)).isEqualTo("miss");
        assertThat(after.jsonPath().getInt("data.product.variants[0].availableToPromise")).isEqualTo(7);
    }

    @Test
    void a_price_change_by_staff_shows_in_the_next_answer() {
        var product = data.product(TestData.unique("Repriced kettle"), null, 2999);
        read(GraphQL.anonymous(), product.id());
        GraphQL.as(Tokens.staff()).ok("""
                mutation($input: ProductVariantUpdateInput!) { productVariantUpdate(input: $input) { userErrors { code } } }""",
                "input", Map.of("id", product.variant(0).id(), "price", "24.50"));

        Response after = read(GraphQL.anonymous(), product.id());
        assertThat(after.header(ResponseCache.HEADER)).isEqualTo("miss");
        assertThat(after.jsonPath().getString("data.product.variants[0].price.amount")).isEqualTo("24.50");
    }

    @Test
    void stock_events_and_invalidations_from_other_instances_empty_the_cache() throws Exception {
        var product = data.product(TestData.unique("Remote kettle"), null, 2999);
        for (String channel : new String[] { "stock-events", ResponseCache.INVALIDATION_CHANNEL }) {
            read(GraphQL.anonymous(), product.id());
            assertThat(read(GraphQL.anonymous(), product.id()).header(ResponseCache.HEADER)).isEqualTo("hit");
            // What another instance publishes after its change commits.
            redis.pubsub(String.class).publish(channel, "stock-events".equals(channel) ? "[]" : "1");
            String state = "hit";
            for (int i = 0; i < 50 && "hit".equals(state); i++) {
                Thread.sleep(20);
                state = read(GraphQL.anonymous(), product.id()).header(ResponseCache.HEADER);
            }
            assertThat(state).as("after a message on %s", channel).isEqualTo("miss");
        }
    }

    @Test
    void signed_in_callers_cart_holders_private_fields_and_mutations_never_touch_it() {
        var product = data.product(TestData.unique("Private kettle"), null, 2999);
        read(GraphQL.anonymous(), product.id());
        assertThat(read(GraphQL.as(Tokens.customer("customer-" + UUID.randomUUID())), product.id()).header(ResponseCache.HEADER)).isNull();
        assertThat(read(GraphQL.anonymous().header("X-Cart-Token", "some-cart-token"), product.id()).header(ResponseCache.HEADER)).isNull();
        assertThat(read(GraphQL.as(Tokens.staff()), product.id()).header(ResponseCache.HEADER)).isNull();
        // A private root field next to a public one makes the whole operation uncacheable.
        Response mixed = GraphQL.anonymous().post("query($id: ID!) { viewer { channel } product(id: $id) { name } }", "id", product.id());
        assertThat(mixed.header(ResponseCache.HEADER)).isNull();
        Response mutation = GraphQL.anonymous().post("mutation { cartCreate(input: {}) { cart { id } } }");
        assertThat(mutation.header(ResponseCache.HEADER)).isNull();
    }

    @Test
    void answers_with_errors_are_not_kept() {
        String tooMany = "query($n: Int) { products(first: $n) { edges { node { id } } } }";
        for (int i = 0; i < 2; i++) {
            Response response = GraphQL.anonymous().post(tooMany, "n", 1000);
            assertThat(response.jsonPath().getString("errors[0].extensions.code")).isEqualTo("BAD_USER_INPUT");
            assertThat(response.header(ResponseCache.HEADER)).isEqualTo("miss");
        }
    }

    @Test
    void other_variables_channels_and_response_types_are_other_entries() {
        var a = data.product(TestData.unique("Kettle A"), null, 1000);
        var b = data.product(TestData.unique("Kettle B"), null, 2000);
        read(GraphQL.anonymous(), a.id());
        Response other = read(GraphQL.anonymous(), b.id());
        assertThat(other.header(ResponseCache.HEADER)).isEqualTo("miss");
        assertThat(other.jsonPath().getString("data.product.variants[0].price.amount")).isEqualTo("20.00");
        assertThat(read(GraphQL.anonymous().channel("MOBILE"), a.id()).header(ResponseCache.HEADER)).isEqualTo("miss");
        assertThat(read(GraphQL.anonymous().channel("MOBILE"), a.id()).header(ResponseCache.HEADER)).isEqualTo("hit");
        Response graphqlResponse = read(GraphQL.anonymous().header("Accept", "application/graphql-response+json"), a.id());
        assertThat(graphqlResponse.header(ResponseCache.HEADER)).isEqualTo("miss");
        Response again = read(GraphQL.anonymous().header("Accept", "application/graphql-response+json"), a.id());
        assertThat(again.header(ResponseCache.HEADER)).isEqualTo("hit");
        assertThat(again.contentType()).startsWith("application/graphql-response+json");
    }

    @Test
    void an_answer_computed_while_the_cache_was_emptied_is_not_kept() {
        long started = cache.generation();
        cache.invalidate(); // a change committed while the answer was being computed
        assertThat(cache.store("k-" + UUID.randomUUID(), started, Buffer.buffer("{\"data\":{}}"), "\"tag\"")).isFalse();
        String key = "k-" + UUID.randomUUID();
        assertThat(cache.store(key, cache.generation(), Buffer.buffer("{\"data\":{}}"), "\"tag\"")).isTrue();
        assertThat(cache.lookup(key)).isNotNull();
    }

    @Test
    void after_its_ttl_one_reader_recomputes_an_answer_while_the_others_get_the_previous_one_for_one_more_ttl()
            throws InterruptedException {
        ResponseCache shortLived = new ResponseCache(true, Duration.ofSeconds(2), 1 << 20, null, new SimpleMeterRegistry());
        Buffer answer = Buffer.buffer("{\"data\":{\"n\":1}}");
        assertThat(shortLived.store("k", shortLived.generation(), answer, "\"tag\"")).isTrue();
        assertThat(shortLived.lookup("k").body()).isEqualTo(answer);
        Thread.sleep(2_100);
        assertThat(shortLived.lookup("k")).as("the first reader after expiry recomputes").isNull();
        assertThat(shortLived.lookup("k").body()).as("the others meanwhile").isEqualTo(answer);
        Thread.sleep(2_100);
        assertThat(shortLived.lookup("k")).as("two TTLs after it was computed").isNull();
    }

    @Test
    void a_checkout_and_a_product_change_show_in_the_next_answer() {
        var store = data.store(TestData.unique("Checkout cache store"), 52.5, 13.4);
        var product = data.product(TestData.unique("Ordered kettle"), null, 2999);
        data.stock(product.variant(0), store, 6);
        read(GraphQL.anonymous(), product.id());
        assertThat(read(GraphQL.anonymous(), product.id()).header(ResponseCache.HEADER)).isEqualTo("hit");

        Checkouts.placed(Checkouts.guestCart(Checkouts.line(product.variant(0), 2)), Checkouts.pickup(store), Checkouts.payInStore());
        Response afterOrder = read(GraphQL.anonymous(), product.id());
        assertThat(afterOrder.header(ResponseCache.HEADER)).isEqualTo("miss");
        assertThat(afterOrder.jsonPath().getInt("data.product.variants[0].availableToPromise")).isEqualTo(4);

        String renamed = TestData.unique("Renamed kettle");
        GraphQL.as(Tokens.staff()).ok("""
                mutation($input: ProductUpdateInput!) { productUpdate(input: $input) { userErrors { code } } }""",
                "input", Map.of("id", product.id(), "name", renamed));
        Response afterRename = read(GraphQL.anonymous(), product.id());
        assertThat(afterRename.header(ResponseCache.HEADER)).isEqualTo("miss");
        assertThat(afterRename.jsonPath().getString("data.product.name")).isEqualTo(renamed);
    }
}
