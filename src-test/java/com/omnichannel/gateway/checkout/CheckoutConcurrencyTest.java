package com.omnichannel.gateway.checkout;

import static com.omnichannel.gateway.checkout.Checkouts.CHECKOUT;
import static com.omnichannel.gateway.checkout.Checkouts.card;
import static com.omnichannel.gateway.checkout.Checkouts.guestCart;
import static com.omnichannel.gateway.checkout.Checkouts.input;
import static com.omnichannel.gateway.checkout.Checkouts.line;
import static com.omnichannel.gateway.checkout.Checkouts.payInStore;
import static com.omnichannel.gateway.checkout.Checkouts.pickup;
import static com.omnichannel.gateway.checkout.Checkouts.ship;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.support.TestData;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class CheckoutConcurrencyTest {

    @Inject
    TestData data;

    /** Runs the calls at the same time (released together) and returns their responses. */
    private static List<JsonPath> race(List<Callable<JsonPath>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<JsonPath>> futures = new ArrayList<>();
            for (Callable<JsonPath> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<JsonPath> results = new ArrayList<>();
            for (Future<JsonPath> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void fifty_shoppers_racing_for_five_units_get_exactly_five_orders_and_stock_never_goes_below_zero() throws Exception {
        var store = data.store("Race store", 52.0, 13.0);
        var product = data.product("Race sneaker", null, 8900);
        data.stock(product.variant(0), store, 5);
        List<Checkouts.CartRef> carts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            carts.add(guestCart(line(product.variant(0), 1)));
        }

        List<JsonPath> results = race(carts.stream().<Callable<JsonPath>>map(cart -> () -> cart.client()
                .ok(CHECKOUT, "input", input(cart, UUID.randomUUID().toString(), pickup(store), payInStore()))).toList());

        long placed = results.stream().filter(r -> r.get("data.checkoutComplete.order") != null).count();
        long refused = results.stream().filter(r -> "INSUFFICIENT_STOCK".equals(r.getString("data.checkoutComplete.userErrors[0].code"))).count();
        assertThat(placed).isEqualTo(5);
        assertThat(refused).isEqualTo(45);
        var row = data.stockRow(product.variant(0), store);
        assertThat(row.getInteger("on_hand")).isEqualTo(5);
        assertThat(row.getInteger("reserved")).isEqualTo(5);
        assertThat(data.count("SELECT count(*) FROM order_line WHERE variant_id = $1", product.variant(0).key())).isEqualTo(5);
        assertThat(data.count("SELECT count(*) FROM stock_movement WHERE variant_id = $1 AND kind = 'RESERVATION'", product.variant(0).key())).isEqualTo(5);
    }

    @Test
    void twenty_identical_requests_racing_each_other_make_one_order() throws Exception {
        var warehouse = data.warehouse("Idempotency race warehouse", 51.0, 9.0);
        var product = data.product("Idempotency race kettle", null, 4500);
        data.stock(product.variant(0), warehouse, 100);
        var cart = guestCart(line(product.variant(0), 3));
        Map<String, Object> input = input(cart, UUID.randomUUID().toString(), ship(), card("4242424242424242"));

        List<Callable<JsonPath>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(() -> cart.client().ok(CHECKOUT, "input", input));
        }
        List<JsonPath> results = race(calls);

        Set<String> numbers = new HashSet<>();
        for (JsonPath r : results) {
            assertThat(r.getList("data.checkoutComplete.userErrors")).as(r.prettify()).isEmpty();
            numbers.add(r.getString("data.checkoutComplete.order.number"));
        }
        assertThat(numbers).hasSize(1);
        assertThat(data.count("SELECT count(*) FROM customer_order WHERE cart_id = $1", cart.id())).isEqualTo(1);
        assertThat(data.stockRow(product.variant(0), warehouse).getInteger("reserved")).isEqualTo(3);
    }

    @Test
    void multi_line_orders_taking_the_same_items_in_different_orders_never_deadlock() throws Exception {
        var warehouse = data.warehouse("Deadlock warehouse", 51.0, 9.0);
        var store = data.store("Deadlock store", 52.0, 13.0);
        var product = data.product("Deadlock set", null, 1000, 1100, 1200, 1300);
        for (int v = 0; v < 4; v++) {
            data.stock(product.variant(v), warehouse, 20);
            data.stock(product.variant(v), store, 20);
        }
        List<Checkouts.CartRef> carts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            // Lines in rotating order, so naive row-by-row locking would take the same rows in opposite orders.
            int a = i % 4;
            int b = (i + 1) % 4;
            int c = (i + 3) % 4;
            carts.add(guestCart(line(product.variant(a), 1 + i % 3), line(product.variant(b), 2), line(product.variant(c), 1)));
        }

        List<JsonPath> results = race(carts.stream().<Callable<JsonPath>>map(cart -> () -> cart.client()
                .execute(CHECKOUT, "input", input(cart, UUID.randomUUID().toString(), ship(), card("4242424242424242")))).toList());

        int placed = 0;
        for (JsonPath r : results) {
            assertThat(r.getList("errors")).as(r.prettify()).isNull();
            if (r.get("data.checkoutComplete.order") != null) {
                placed++;
            } else {
                assertThat(r.getString("data.checkoutComplete.userErrors[0].code")).isEqualTo("INSUFFICIENT_STOCK");
            }
        }
        assertThat(placed).isGreaterThan(0);
        // Reserved units equal what the placed orders hold, and never exceed what is on hand.
        long reserved = data.count("SELECT coalesce(sum(reserved), 0) FROM stock_level WHERE variant_id = ANY($1)",
                (Object) product.variants().stream().map(TestData.VariantRef::key).toArray(Long[]::new));
        long ordered = data.count("SELECT coalesce(sum(quantity), 0) FROM order_line WHERE variant_id = ANY($1)",
                (Object) product.variants().stream().map(TestData.VariantRef::key).toArray(Long[]::new));
        assertThat(reserved).isEqualTo(ordered);
        assertThat(data.count("SELECT count(*) FROM stock_level WHERE variant_id = ANY($1) AND reserved > on_hand",
                (Object) product.variants().stream().map(TestData.VariantRef::key).toArray(Long[]::new))).isZero();
    }
}
