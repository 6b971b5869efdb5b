package com.omnichannel.gateway.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
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

@QuarkusTest
class PosSaleTest {

    @Inject
    TestData data;

    static final String SALE = """
            mutation($input: PosSaleRecordInput!) {
              posSaleRecord(input: $input) {
                order { id number status sourceChannel cartChannels placedAt paymentStatus
                        total { amount currencyCode } taxTotal { amount } discountTotal { amount }
                        lines { sku quantity unitPrice { amount } total { amount } channel }
                        shipments { status location { id } } }
                userErrors { code field message }
              }
            }""";

    static final String SCAN = "query($b: String!) { productVariant(barcode: $b) { availabilityHere { available } } }";

    static Map<String, Object> sale(TestData.Ref store, String key, List<Map<String, Object>> lines, List<Map<String, Object>> tenders,
            Map<String, Object> customer, OffsetDateTime at) {
        Map<String, Object> input = new HashMap<>();
        input.put("storeId", store.id());
        input.put("idempotencyKey", key);
        input.put("lines", lines);
        input.put("tenders", tenders);
        input.put("occurredAt", at.toString());
        if (customer != null) {
            input.put("customer", customer);
        }
        return input;
    }

    static Map<String, Object> line(Map<String, Object> variant, int quantity) {
        return Map.of("variant", variant, "quantity", quantity);
    }

    static Map<String, Object> tender(String method, String amount) {
        return Map.of("method", method, "amount", amount);
    }

    @Test
    void a_sale_at_the_till_takes_stock_from_the_store_at_once_and_is_a_picked_up_pos_order() {
        var store = data.store("Till store", 50.0, 8.0);
        var product = data.product("Till goods", null, 4550, 1000);
        data.stock(product.variant(0), store, 5, 1);
        data.stock(product.variant(1), store, 9);
        GraphQL kiosk = GraphQL.as(Tokens.kiosk(store.id()));
        assertThat(kiosk.ok(SCAN, "b", product.variant(0).barcode()).getInt("data.productVariant.availabilityHere.available")).isEqualTo(4);

        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(3).truncatedTo(ChronoUnit.SECONDS);
        JsonPath r = GraphQL.as(Tokens.integration()).ok(SALE, "input", sale(store, UUID.randomUUID().toString(),
                List.of(line(Map.of("barcode", product.variant(0).barcode()), 2), line(Map.of("sku", product.variant(1).sku()), 1)),
                List.of(tender("CASH", "50.00"), tender("CARD", "51.00")), null, at));

        assertThat(r.getList("data.posSaleRecord.userErrors")).isEmpty();
        JsonPath order = r.setRootPath("data.posSaleRecord.order");
        assertThat(order.getString("status")).isEqualTo("PICKED_UP");
        assertThat(order.getString("sourceChannel")).isEqualTo("POS");
        assertThat(order.getList("cartChannels")).containsExactly("POS");
        assertThat(order.getString("paymentStatus")).isEqualTo("PAID");
        assertThat(order.getString("total.amount")).isEqualTo("101.00");
        assertThat(order.getList("lines.channel")).containsOnly("POS");
        assertThat(order.getList("shipments.status")).containsExactly("PICKED_UP");
        assertThat(OffsetDateTime.parse(order.getString("placedAt")).toInstant()).isEqualTo(at.toInstant());
        assertThat(data.stockRow(product.variant(0), store).getInteger("on_hand")).isEqualTo(3);
        assertThat(data.stockRow(product.variant(0), store).getInteger("reserved")).isEqualTo(1);
        assertThat(data.stockRow(product.variant(1), store).getInteger("on_hand")).isEqualTo(8);
        assertThat(data.count("SELECT count(*) FROM stock_movement WHERE variant_id = $1 AND kind = 'SALE' AND channel = 'POS' AND quantity_delta = -2 AND reference = $2",
                product.variant(0).key(), order.getString("number"))).isEqualTo(1);
        assertThat(kiosk.ok(SCAN, "b", product.variant(0).barcode()).getInt("data.productVariant.availabilityHere.available")).isEqualTo(2);
    }

    @Test
    void an_identified_customer_earns_points_and_sees_the_sale_in_the_app_and_staff_in_the_360_view_and_channel_insights() {
        var store = data.store("Loyal till store", 50.0, 8.0);
        var variant = data.product("Loyal goods", null, 2500).variant(0);
        data.stock(variant, store, 10);
        Accounts.Account shopper = Accounts.register();
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).minusHours(2).truncatedTo(ChronoUnit.SECONDS);

        JsonPath r = GraphQL.as(Tokens.staff()).channel("POS").ok(SALE, "input", sale(store, UUID.randomUUID().toString(),
                List.of(line(Map.of("id", variant.id()), 3)), List.of(tender("CARD", "75.00")), Map.of("email", shopper.email()), at));
        assertThat(r.getList("data.posSaleRecord.userErrors")).isEmpty();
        String number = r.getString("data.posSaleRecord.order.number");

        JsonPath app = shopper.client().ok("query { me { loyalty { balance pending ledger(first: 5) { edges { node { kind points } } } } } }");
        assertThat(app.getInt("data.me.loyalty.balance")).isEqualTo(75);
        assertThat(app.getInt("data.me.loyalty.pending")).isZero();
        assertThat(app.getList("data.me.loyalty.ledger.edges.node.kind")).containsExactly("EARN");

        JsonPath view = GraphQL.as(Tokens.staff()).ok("""
                query($id: ID!) { customer(id: $id) { orders(first: 5) { edges { node { number sourceChannel status } } }
                  loyalty { balance } channelMix { channel orders } } }""", "id", shopper.globalId());
        assertThat(view.getList("data.customer.orders.edges.node.number")).containsExactly(number);
        assertThat(view.getList("data.customer.orders.edges.node.sourceChannel")).containsExactly("POS");
        assertThat(view.getInt("data.customer.loyalty.balance")).isEqualTo(75);

        JsonPath insights = GraphQL.as(Tokens.staff()).ok("""
                query($from: DateTime!, $to: DateTime!) { channelInsights(from: $from, to: $to) { channels { channel orders } } }""",
                "from", at.minusSeconds(1).toString(), "to", at.plusSeconds(1).toString());
        assertThat(insights.getList("data.channelInsights.channels.channel")).contains("POS");
        int pos = insights.getList("data.channelInsights.channels.channel").indexOf("POS");
        assertThat(insights.getInt("data.channelInsights.channels[" + pos + "].orders")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void a_replay_answers_with_the_same_sale_and_another_sale_under_the_key_is_refused() {
        var store = data.store("Replay till store", 50.0, 8.0);
        var variant = data.product("Replayed goods", null, 1000).variant(0);
        data.stock(variant, store, 10);
        String key = UUID.randomUUID().toString();
        OffsetDateTime offline = OffsetDateTime.now(ZoneOffset.UTC).minusDays(1).truncatedTo(ChronoUnit.SECONDS);
        var input = sale(store, key, List.of(line(Map.of("id", variant.id()), 1)), List.of(tender("CASH", "10.00")), null, offline);

        JsonPath first = GraphQL.as(Tokens.integration()).ok(SALE, "input", input);
        JsonPath again = GraphQL.as(Tokens.integration()).ok(SALE, "input", input);
        assertThat(again.getString("data.posSaleRecord.order.number")).isEqualTo(first.getString("data.posSaleRecord.order.number"));
        assertThat(data.stockRow(variant, store).getInteger("on_hand")).isEqualTo(9);
        assertThat(OffsetDateTime.parse(first.getString("data.posSaleRecord.order.placedAt")).toInstant()).isEqualTo(offline.toInstant());

        var other = sale(store, key, List.of(line(Map.of("id", variant.id()), 2)), List.of(tender("CASH", "20.00")), null, offline);
        JsonPath refused = GraphQL.as(Tokens.integration()).ok(SALE, "input", other);
        assertThat(refused.getList("data.posSaleRecord.userErrors.code")).containsExactly("IDEMPOTENCY_KEY_REUSED");
        assertThat(data.stockRow(variant, store).getInteger("on_hand")).isEqualTo(9);
    }

    @Test
    void a_sale_the_store_cannot_cover_or_whose_tenders_do_not_add_up_records_nothing() {
        var store = data.store("Short till store", 50.0, 8.0);
        var variant = data.product("Short goods", null, 1000).variant(0);
        data.stock(variant, store, 3, 2);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        long orders = data.count("SELECT count(*) FROM order_line WHERE variant_id = $1", variant.key());

        JsonPath short_ = GraphQL.as(Tokens.integration()).ok(SALE, "input", sale(store, UUID.randomUUID().toString(),
                List.of(line(Map.of("id", variant.id()), 2)), List.of(tender("CASH", "20.00")), null, now));
        assertThat(short_.getList("data.posSaleRecord.userErrors.code")).containsExactly("INSUFFICIENT_STOCK");
        JsonPath unpaid = GraphQL.as(Tokens.integration()).ok(SALE, "input", sale(store, UUID.randomUUID().toString(),
                List.of(line(Map.of("id", variant.id()), 1)), List.of(tender("CASH", "5.00")), null, now));
        assertThat(unpaid.getList("data.posSaleRecord.userErrors.code")).containsExactly("INVALID_PAYMENT");
        JsonPath future = GraphQL.as(Tokens.integration()).ok(SALE, "input", sale(store, UUID.randomUUID().toString(),
                List.of(line(Map.of("id", variant.id()), 1)), List.of(tender("CASH", "10.00")), null, now.plusHours(1)));
        assertThat(future.getList("data.posSaleRecord.userErrors.code")).containsExactly("INVALID_OCCURRED_AT");

        assertThat(data.stockRow(variant, store).getInteger("on_hand")).isEqualTo(3);
        assertThat(data.count("SELECT count(*) FROM order_line WHERE variant_id = $1", variant.key())).isEqualTo(orders);
        JsonPath customer = GraphQL.as(Tokens.customer(UUID.randomUUID().toString())).execute(SALE, "input", sale(store,
                UUID.randomUUID().toString(), List.of(line(Map.of("id", variant.id()), 1)), List.of(tender("CASH", "10.00")), null, now));
        assertThat(customer.getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");
    }
}
