package com.omnichannel.gateway.resilience;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static com.omnichannel.gateway.resilience.Outages.timed;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.checkout.Checkouts;
import com.omnichannel.gateway.support.Accounts;
import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.TestData;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Outages of Redis and PostgreSQL, simulated with a redis-server of the test's own and TCP proxies
 * ({@link Outages}): what keeps working, what fails fast with a clear code, what readiness says, and that
 * everything recovers by itself.
 */
@QuarkusTest
@TestProfile(Outages.Profile.class)
class FaultToleranceTest {

    /** How long the service may take to recover once the backing service is back. */
    static final Duration RECOVERY = Duration.ofSeconds(20);

    static final String CART = "query($id: ID!) { cart(id: $id) { id version itemCount lines { quantity variant { sku } } } }";
    static final String CART_CREATE = "mutation { cartCreate { cartToken cart { id } userErrors { code } } }";
    static final String PRODUCT = "query($id: ID!) { product(id: $id) { id name variants { sku } } }";
    static final String ME = "query { me { id email } }";
    static final String ORDER = "query($id: ID!) { order(id: $id) { id number status } }";

    Outages outages;

    @Inject
    TestData data;

    @AfterEach
    void backing_services_are_back() {
        outages.redis.restore();
        outages.postgres.restore();
    }

    @Test
    void carts_survive_a_redis_restart_with_append_only_persistence() {
        var store = data.warehouse(TestData.unique("AOF store"), 52.5, 13.4);
        var product = data.product(TestData.unique("AOF jacket"), null, 4999);
        data.stock(product.variant(0), store, 10);
        Checkouts.CartRef cart = Checkouts.guestCart(Checkouts.line(product.variant(0), 3));

        outages.redisServer.kill();
        outages.redisServer.start();

        JsonPath read = eventually(() -> cart.client().execute(CART, "id", cart.id()),
                r -> r.get("errors") == null);
        assertThat(read.getString("data.cart.id")).isEqualTo(cart.id());
        assertThat(read.getInt("data.cart.itemCount")).isEqualTo(3);
        assertThat(read.getString("data.cart.lines[0].variant.sku")).isEqualTo(product.variant(0).sku());
    }

    @Test
    void with_redis_unreachable_catalog_orders_and_sessions_work_carts_fail_fast_and_all_recovers() {
        var store = data.store(TestData.unique("Outage store"), 52.5, 13.4);
        var product = data.product(TestData.unique("Outage boots"), null, 8999);
        data.stock(product.variant(0), store, 10);
        Accounts.Account customer = Accounts.register();
        Checkouts.CartRef cart = Checkouts.customerCart(customer.client(), Checkouts.line(product.variant(0), 1));
        String orderId = Checkouts.placed(cart, Checkouts.pickup(store), Checkouts.payInStore()).getString("id");
        Checkouts.CartRef guestCart = Checkouts.guestCart(Checkouts.line(product.variant(0), 2));

        outages.redis.cut();

        JsonPath catalog = timed(() -> GraphQL.anonymous().ok(PRODUCT, "id", product.id()));
        assertThat(catalog.getString("data.product.variants[0].sku")).isEqualTo(product.variant(0).sku());
        JsonPath me = timed(() -> customer.client().ok(ME));
        assertThat(me.getString("data.me.email")).isEqualTo(customer.email());
        JsonPath order = timed(() -> customer.client().ok(ORDER, "id", orderId));
        assertThat(order.getString("data.order.id")).isEqualTo(orderId);
        // Registration is let through while its rate limit cannot be counted.
        Accounts.Account registered = timed(Accounts::register);
        assertThat(registered.accessToken()).isNotBlank();

        JsonPath cartRead = timed(() -> guestCart.client().execute(CART, "id", guestCart.id()));
        assertThat(cartRead.getString("errors[0].extensions.code")).isEqualTo("CART_STORE_UNAVAILABLE");
        assertThat(cartRead.getString("errors[0].message")).doesNotContain("Exception", "redis://");
        JsonPath created = timed(() -> GraphQL.anonymous().execute(CART_CREATE));
        assertThat(created.getString("errors[0].extensions.code")).isEqualTo("CART_STORE_UNAVAILABLE");

        // Redis is shared by every pod: its outage must not take them all out of rotation (the catalog still works).
        Response ready = timed(() -> given().get("/q/health/ready"));
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(checkStatus(ready, REDIS_CHECK)).isEqualTo("UP");
        assertThat(checkData(ready, REDIS_CHECK)).containsEntry("redis", "DEGRADED");
        assertThat(checkStatus(ready, "Reactive PostgreSQL connections health check")).isEqualTo("UP");
        assertThat(given().get("/q/health/live").statusCode()).isEqualTo(200);

        outages.redis.restore();

        JsonPath recovered = eventually(() -> guestCart.client().execute(CART, "id", guestCart.id()),
                r -> r.get("errors") == null);
        assertThat(recovered.getInt("data.cart.itemCount")).isEqualTo(2);
        eventually(() -> given().get("/q/health/ready"), r -> "UP".equals(checkData(r, REDIS_CHECK).get("redis"))
                && "SUBSCRIBED".equals(checkData(r, REDIS_CHECK).get("pubsub")));
        JsonPath newCart = GraphQL.anonymous().ok(CART_CREATE);
        assertThat(newCart.getString("data.cartCreate.cart.id")).isNotBlank();
    }

    @Test
    void with_postgresql_unreachable_requests_fail_fast_with_database_unavailable_and_the_pool_recovers() {
        var product = data.product(TestData.unique("Outage lamp"), null, 1999);
        GraphQL.anonymous().ok(PRODUCT, "id", product.id());

        outages.postgres.cut();

        for (int i = 0; i < 3; i++) { // connections the pool held, then new ones
            JsonPath failed = timed(() -> GraphQL.anonymous().execute(PRODUCT, "id", product.id()));
            assertThat(failed.getString("errors[0].extensions.code")).as(failed.prettify()).isEqualTo("DATABASE_UNAVAILABLE");
            assertThat(failed.getString("errors[0].message")).doesNotContain("Exception", "postgresql://", "SELECT");
        }
        Response ready = timed(() -> given().get("/q/health/ready"));
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(checkStatus(ready, "Reactive PostgreSQL connections health check")).isEqualTo("DOWN");

        outages.postgres.restore();

        JsonPath recovered = eventually(() -> GraphQL.anonymous().execute(PRODUCT, "id", product.id()),
                r -> r.get("errors") == null);
        assertThat(recovered.getString("data.product.id")).isEqualTo(product.id());
        eventually(() -> given().get("/q/health/ready"), r -> r.statusCode() == 200);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> checkData(Response health, String name) {
        List<Map<String, Object>> checks = health.jsonPath().getList("checks");
        return checks.stream().filter(c -> name.equals(c.get("name"))).map(c -> (Map<String, Object>) c.get("data"))
                .findFirst().orElseThrow(() -> new AssertionError("No health check " + name + " in " + health.asString()));
    }

    /** The Redis readiness check (RedisHealth). */
    static final String REDIS_CHECK = "Redis (degraded does not take the pod out of rotation)";

    @Test
    void with_postgresql_hanging_requests_fail_fast_with_database_unavailable_and_the_pool_recovers() {
        var product = data.product(TestData.unique("Hanging lamp"), null, 1999);
        GraphQL.anonymous().ok(PRODUCT, "id", product.id());

        outages.postgres.blackHole();

        for (int i = 0; i < 4; i++) { // connections the pool held (their statements go unanswered), then waits for one
            JsonPath failed = timed(() -> GraphQL.anonymous().execute(PRODUCT, "id", product.id()));
            assertThat(failed.getString("errors[0].extensions.code")).as(failed.prettify()).isEqualTo("DATABASE_UNAVAILABLE");
            assertThat(failed.getString("errors[0].message")).doesNotContain("Exception", "postgresql://", "SELECT");
        }

        outages.postgres.restore();

        JsonPath recovered = eventually(() -> GraphQL.anonymous().execute(PRODUCT, "id", product.id()),
                r -> r.get("errors") == null);
        assertThat(recovered.getString("data.product.id")).isEqualTo(product.id());
        eventually(() -> given().get("/q/health/ready"), r -> r.statusCode() == 200);
    }

    private static String checkStatus(Response health, String name) {
        List<Map<String, Object>> checks = health.jsonPath().getList("checks");
        return checks.stream().filter(c -> name.equals(c.get("name"))).map(c -> (String) c.get("status")).findFirst()
                .orElseThrow(() -> new AssertionError("No health check " + name + " in " + health.asString()));
    }


    /** Repeats a request until its answer passes, for up to {@link #RECOVERY}. */
    static <T> T eventually(Supplier<T> request, java.util.function.Predicate<T> passes) {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = request.get();
                if (passes.test(last)) {
                    return last;
                }
            } catch (RuntimeException | AssertionError e) {
                // not yet
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("Not recovered within " + RECOVERY + "; last answer: "
                + (last instanceof JsonPath json ? json.prettify() : last instanceof Response r ? r.asString() : last));
    }
}
