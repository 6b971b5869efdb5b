package com.omnichannel.gateway.order;

import static com.omnichannel.gateway.checkout.Checkouts.guestCart;
import static com.omnichannel.gateway.checkout.Checkouts.line;
import static com.omnichannel.gateway.checkout.Checkouts.payInStore;
import static com.omnichannel.gateway.checkout.Checkouts.pickup;
import static com.omnichannel.gateway.checkout.Checkouts.placed;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.platform.ids.GlobalId;
import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.TestData;
import com.omnichannel.gateway.support.Tokens;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Order numbers are random, so one's own number says nothing about the next guest's; they are unique, and what a
 * person types at a counter or in the guest lookup finds the order however it is spaced or cased. Orders numbered
 * before keep their numbers.
 */
@QuarkusTest
class OrderNumberLookupTest {

    static final String LOOKUP = "query($n: String!, $e: String!) { orderLookup(number: $n, email: $e) { id number } }";
    static final String BY_NUMBER = "query($n: String) { order(number: $n) { id number } }";

    @Inject
    TestData data;
    @Inject
    OrderNumbers numbers;
    @Inject
    Pool pool;
    @Inject
    RedisDataSource redis;

    private JsonPath placeOrder() {
        var store = data.store("Order number store", 52.5, 13.4);
        var product = data.product("Order number socks", null, 900);
        data.stock(product.variant(0), store, 5);
        return placed(guestCart(line(product.variant(0), 1)), pickup(store), payInStore());
    }

    private void freshAddressBudget() {
        redis.key().del("order-lookups-per-address:{ip:127.0.0.1}", "order-lookups-per-address:{ip:0:0:0:0:0:0:0:1}");
    }

    @Test
    void two_orders_placed_one_after_the_other_have_unrelated_random_numbers() {
        String first = placeOrder().getString("number");
        String second = placeOrder().getString("number");

        String format = "OC-[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}";
        assertThat(first).matches(format);
        assertThat(second).matches(format).isNotEqualTo(first);
        // Not a counter: the second shares no more than chance with the first, position by position.
        String a = first.replace("-", "");
        String b = second.replace("-", "");
        int same = 0;
        for (int i = 3; i < a.length(); i++) {
            same += a.charAt(i) == b.charAt(i) ? 1 : 0;
        }
        assertThat(same).isLessThan(5);
    }

    @Test
    void an_order_takes_the_next_candidate_when_the_first_number_drawn_is_taken() {
        String taken = placeOrder().getString("number");
        String fresh = new OrderNumbers().next();
        Deque<String> drawn = new ArrayDeque<>(List.of(taken, fresh, new OrderNumbers().next()));
        numbers.drawFrom(drawn::removeFirst);
        String number;
        try {
            number = placeOrder().getString("number");
        } finally {
            numbers.drawFrom(new OrderNumbers()::next);
        }
        assertThat(number).isEqualTo(fresh);
        long withTaken = pool.preparedQuery("SELECT count(*) FROM customer_order WHERE number = $1")
                .execute(Tuple.of(taken)).await().indefinitely().iterator().next().getLong(0);
        assertThat(withTaken).isEqualTo(1);
    }

    @Test
    void a_guest_finds_the_order_however_the_number_is_typed() {
        freshAddressBudget();
        JsonPath order = placeOrder();
        String number = order.getString("number");
        String body = number.substring(3).replace("-", "");
        List<String> typed = List.of(number, number.toLowerCase(), " " + number.replace('-', ' ') + " ",
                body, body.substring(0, 5).toLowerCase() + " " + body.substring(5), "0C-" + body);
        for (String t : typed) {
            JsonPath found = GraphQL.anonymous().ok(LOOKUP, "n", t, "e", "Guest@Example.com");
            assertThat(found.getString("data.orderLookup.number")).as(t).isEqualTo(number);
            assertThat(found.getString("data.orderLookup.id")).as(t).isEqualTo(order.getString("id"));
        }
        assertThat(GraphQL.anonymous().ok(LOOKUP, "n", number, "e", "other@example.com").getString("data.orderLookup")).isNull();
        freshAddressBudget();
    }

    @Test
    void every_spelling_of_one_number_counts_against_that_numbers_lookup_limit() {
        freshAddressBudget();
        String number = new OrderNumbers().next();
        String body = number.substring(3).replace("-", "");
        List<String> spellings = List.of(number, number.toLowerCase(), body, " " + number.replace('-', ' '), "0C" + body);
        for (int i = 0; i < 10; i++) {
            JsonPath miss = GraphQL.anonymous().ok(LOOKUP, "n", spellings.get(i % spellings.size()), "e", "guest@example.com");
            assertThat(miss.getString("data.orderLookup")).isNull();
        }
        JsonPath refused = GraphQL.anonymous().execute(LOOKUP, "n", body.toLowerCase(), "e", "guest@example.com");
        assertThat(refused.getString("errors[0].extensions.code")).as(refused.prettify()).isEqualTo("RATE_LIMITED");
        freshAddressBudget();
    }

    @Test
    void an_order_numbered_before_keeps_its_number_and_is_found_typed_with_o_for_zero() {
        freshAddressBudget();
        JsonPath order = placeOrder();
        String digits = "9" + ThreadLocalRandom.current().nextInt(10_000_000, 100_000_000);
        String old = "OC-" + digits;
        long key = GlobalId.decode(Order.TYPE, order.getString("id"), "id");
        pool.preparedQuery("UPDATE customer_order SET number = $2 WHERE id = $1").execute(Tuple.of(key, old)).await().indefinitely();

        String loose = "oc " + digits.replace('0', 'O').replace('1', 'l');
        assertThat(GraphQL.anonymous().ok(LOOKUP, "n", loose, "e", "guest@example.com").getString("data.orderLookup.number"))
                .isEqualTo(old);
        assertThat(GraphQL.as(Tokens.staff()).ok(BY_NUMBER, "n", digits).getString("data.order.number")).isEqualTo(old);
        freshAddressBudget();
    }

    @Test
    void staff_find_an_order_by_its_number_typed_loosely() {
        JsonPath order = placeOrder();
        String number = order.getString("number");
        JsonPath found = GraphQL.as(Tokens.staff()).ok(BY_NUMBER, "n", number.toLowerCase().replace("-", " "));
        assertThat(found.getString("data.order.id")).isEqualTo(order.getString("id"));
    }
}
