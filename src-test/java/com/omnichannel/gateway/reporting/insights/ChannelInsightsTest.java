package com.omnichannel.gateway.reporting.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.support.Accounts;
import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.TestData;
import com.omnichannel.gateway.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Channel figures against a hand-checked set of carts and orders in a window of their own (far in the future, so
 * that no other test's orders fall into it).
 */
@QuarkusTest
class ChannelInsightsTest {

    static final String INSIGHTS = """
            query($from: DateTime!, $to: DateTime!) { channelInsights(from: $from, to: $to) {
              from to orders crossChannelOrders crossChannelShare
              channels { channel orders revenue { amount currencyCode } averageOrderValue { amount } cartsCreated cartsConverted cartToOrderConversion }
              channelPairs { from to orders } } }""";
    static final String CREATE_CART = "mutation { cartCreate { cart { id } userErrors { code } } }";

    @Inject
    Pool pool;

    @Inject
    TestData data;

    @Test
    void figures_per_channel_and_cross_channel_journeys_match_the_hand_checked_data() {
        OffsetDateTime from = OffsetDateTime.of(2040, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).plusDays((long) (Math.random() * 20_000));
        OffsetDateTime to = from.plusDays(1);
        var store = data.store("Insights kiosk store", 52.5, 13.4);
        GraphQL web = GraphQL.anonymous().channel("WEB");
        GraphQL mobile = GraphQL.anonymous().channel("MOBILE");
        GraphQL kiosk = GraphQL.as(Tokens.kiosk(store.id()));

        String c1 = cart(web), c2 = cart(web), c3 = cart(web), c4 = cart(kiosk), c5 = cart(mobile), c6 = cart(kiosk),
                c7 = cart(mobile), c8 = cart(web), c9 = cart(web);
        List<String> all = List.of(c1, c2, c3, c4, c5, c6, c7, c8, c9);
        Accounts.await(() -> data.count("SELECT count(*) FROM cart_activity WHERE cart_id = ANY($1)", (Object) all.toArray(String[]::new)) == 9);
        assertThat(data.count("SELECT count(*) FROM cart_activity WHERE cart_id = ANY($1) AND channel = 'KIOSK' AND store_id = $2",
                new String[] { c4, c6 }, store.key())).isEqualTo(2);
        assertThat(data.count("SELECT count(*) FROM cart_activity WHERE cart_id = ANY($1) AND channel = 'MOBILE' AND customer_id IS NULL",
                (Object) new String[] { c5, c7 })).isEqualTo(2);
        for (String cart : all) {
            pool.preparedQuery("UPDATE cart_activity SET created_at = $2 WHERE cart_id = $1")
                    .execute(Tuple.of(cart, cart.equals(c9) ? from.minusDays(1) : from.plusMinutes(5))).await().indefinitely();
        }

        order(c1, "MOBILE", new String[] { "WEB", "MOBILE" }, 10_000, "PLACED", from.plusHours(1));
        order(c2, "WEB", new String[] { "WEB" }, 5_000, "DELIVERED", from.plusHours(2));
        order(c4, "MOBILE", new String[] { "KIOSK", "MOBILE" }, 3_000, "CONFIRMED", from.plusHours(3));
        order(c5, "MOBILE", new String[] { "MOBILE" }, 2_001, "CANCELLED", from.plusHours(4));
        order(c6, "KIOSK", new String[] { "KIOSK" }, 7_000, "PICKED_UP", from.plusHours(5));
        order(c7, "MOBILE", new String[] { "MOBILE", "WEB", "MOBILE" }, 999, "PLACED", from.plusHours(6));
        order(c8, "WEB", new String[] { "WEB" }, 8_000, "PLACED", to.plusHours(1));
        order(c9, "WEB", new String[] { "WEB" }, 4_000, "PLACED", from.plusHours(7));

        JsonPath r = GraphQL.as(Tokens.staff()).ok(INSIGHTS, "from", from.toString(), "to", to.toString())
                .setRootPath("data.channelInsights");
        assertThat(r.getList("channels.channel")).containsExactly("WEB", "MOBILE", "KIOSK", "STAFF", "POS");
        // WEB: O2 5000 + O9 4000; carts c1 c2 c3 c8 (c9 before the window), of which c1 and c2 became orders by 'to'.
        assertChannel(r, 0, 2, "90.00", "45.00", 4, 2, 0.5);
        // MOBILE: O1 10000 + O4 3000 + O7 9.99 (O5 cancelled); carts c5 c7, both ordered (a cancelled order converted too).
        assertChannel(r, 1, 3, "139.99", "46.66", 2, 2, 1.0);
        // KIOSK: O6 7000; carts c4 c6, both ordered (c4 through the app).
        assertChannel(r, 2, 1, "70.00", "70.00", 2, 2, 1.0);
        assertChannel(r, 3, 0, "0.00", null, 0, 0, null);
        assertChannel(r, 4, 0, "0.00", null, 0, 0, null);
        assertThat(r.getString("channels[0].revenue.currencyCode")).isEqualTo("EUR");

        assertThat(r.getInt("orders")).isEqualTo(6);
        assertThat(r.getInt("crossChannelOrders")).isEqualTo(3);
        assertThat(r.getDouble("crossChannelShare")).isEqualTo(0.5);
        assertThat(r.getList("channelPairs")).containsExactly(
                Map.of("from", "WEB", "to", "MOBILE", "orders", 2),
                Map.of("from", "KIOSK", "to", "MOBILE", "orders", 1),
                Map.of("from", "MOBILE", "to", "WEB", "orders", 1));
    }

    @Test
    void channel_insights_are_for_staff_only_and_check_the_window() {
        String from = "2041-01-01T00:00:00Z";
        String to = "2041-01-02T00:00:00Z";
        assertThat(code(GraphQL.anonymous(), from, to)).isEqualTo("UNAUTHENTICATED");
        assertThat(code(Accounts.register().client(), from, to)).isEqualTo("FORBIDDEN");
        assertThat(code(GraphQL.as(Tokens.kiosk(data.store("Insights denied store", 50, 10).id())), from, to)).isEqualTo("FORBIDDEN");
        assertThat(code(GraphQL.as(Tokens.customer(UUID.randomUUID().toString())).channel("MOBILE"), from, to)).isEqualTo("FORBIDDEN");
        assertThat(code(GraphQL.as(Tokens.staff()), to, from)).isEqualTo("BAD_USER_INPUT");
        assertThat(code(GraphQL.as(Tokens.staff()), "2030-01-01T00:00:00Z", "2032-01-01T00:00:00Z")).isEqualTo("BAD_USER_INPUT");
        JsonPath empty = GraphQL.as(Tokens.admin()).ok(INSIGHTS, "from", from, "to", to);
        assertThat(empty.getInt("data.channelInsights.orders")).isZero();
        assertThat(empty.getList("data.channelInsights.channelPairs")).isEmpty();
        assertThat(empty.getString("data.channelInsights.crossChannelShare")).isNull();
    }

    private static String code(GraphQL client, String from, String to) {
        return client.execute(INSIGHTS, "from", from, "to", to).getString("errors[0].extensions.code");
    }

    private static void assertChannel(JsonPath r, int i, int orders, String revenue, String average, int carts, int converted,
            Double conversion) {
        String at = "channels[" + i + "].";
        assertThat(r.getInt(at + "orders")).as(at + "orders").isEqualTo(orders);
        assertThat(r.getString(at + "revenue.amount")).as(at + "revenue").isEqualTo(revenue);
        assertThat(r.getString(at + "averageOrderValue.amount")).as(at + "average").isEqualTo(average);
        assertThat(r.getInt(at + "cartsCreated")).as(at + "carts").isEqualTo(carts);
        assertThat(r.getInt(at + "cartsConverted")).as(at + "converted").isEqualTo(converted);
        assertThat(r.get(at + "cartToOrderConversion") == null ? null : r.getDouble(at + "cartToOrderConversion"))
                .as(at + "conversion").isEqualTo(conversion);
    }

    private static String cart(GraphQL client) {
        JsonPath created = client.ok(CREATE_CART);
        assertThat(created.getList("data.cartCreate.userErrors")).isEmpty();
        return created.getString("data.cartCreate.cart.id");
    }

    /** An order as checkout stores it, with only what the figures read set to chosen values. */
    private void order(String cartId, String channel, String[] cartChannels, long totalMinor, String status, OffsetDateTime placedAt) {
        String key = UUID.randomUUID().toString();
        pool.preparedQuery("""
                INSERT INTO customer_order (number, source_channel, cart_channels, cart_id, cart_version, status, fulfilment_type,
                                            currency, prices_include_tax, subtotal_minor, shipping_minor, tax_minor, total_minor,
                                            payment_method, payment_status, idempotency_key, request_hash, placed_at, updated_at)
                VALUES ($1, $2, $3, $4, 1, $5, 'SHIP', 'EUR', TRUE, $6, 0, 0, $6, 'CARD', 'AUTHORIZED', $7, 'test', $8, $8)""")
                .execute(Tuple.from(new Object[] { "T-" + key.substring(0, 12), channel, cartChannels, cartId, status, totalMinor, key,
                        placedAt }))
                .await().indefinitely();
    }
}
