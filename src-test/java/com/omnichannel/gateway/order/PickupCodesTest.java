package com.omnichannel.gateway.order;

import static com.omnichannel.gateway.checkout.Checkouts.customerCart;
import static com.omnichannel.gateway.checkout.Checkouts.line;
import static com.omnichannel.gateway.checkout.Checkouts.payInStore;
import static com.omnichannel.gateway.checkout.Checkouts.pickup;
import static com.omnichannel.gateway.checkout.Checkouts.placed;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.store.LocationDirectory;
import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.Race;
import com.omnichannel.gateway.support.TestData;
import com.omnichannel.gateway.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Collection codes of one character, so that pickups made ready at once at one store would collide unless the codes
 * of a store are chosen one transaction at a time; and a store with a hold period of its own.
 */
@QuarkusTest
@TestProfile(PickupCodesTest.TinyCodes.class)
class PickupCodesTest {

    static final String SHORT_HOLD_STORE = "PICKUP-HOLD-3D";

    public static class TinyCodes implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("app.pickup.collection-code-length", "1",
                    "app.pickup.stores.\"" + SHORT_HOLD_STORE + "\".hold-period", "P3D");
        }
    }

    @Inject
    TestData data;

    @Inject
    LocationDirectory locations;

    private final GraphQL staff = GraphQL.as(Tokens.staff());

    private List<String> placedAndConfirmed(TestData.Ref store, int orders) {
        var product = data.product("Pickup codes pen", null, 300);
        data.stock(product.variant(0), store, orders);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            GraphQL customer = GraphQL.as(Tokens.customer("customer-" + UUID.randomUUID()));
            String id = placed(customerCart(customer, line(product.variant(0), 1)), pickup(store), payInStore()).getString("id");
            staff.ok(OrderLifecycleTest.STATUS, "input", Map.of("orderId", id, "status", "CONFIRMED"));
            ids.add(id);
        }
        return ids;
    }

    @Test
    void pickups_made_ready_at_once_at_one_store_all_get_different_codes() throws Exception {
        var store = data.store("Pickup codes store", 52.0, 13.0);
        List<String> ids = placedAndConfirmed(store, 16);
        List<Callable<JsonPath>> ready = new ArrayList<>();
        for (String id : ids) {
            ready.add(() -> GraphQL.as(Tokens.staff()).execute(OrderLifecycleTest.STATUS, "input", Map.of("orderId", id, "status", "READY_FOR_PICKUP")));
        }
        for (JsonPath result : Race.run(ready)) {
            assertThat(result.getString("errors")).as(result.prettify()).isNull();
            assertThat(result.getList("data.orderStatusUpdate.userErrors")).isEmpty();
        }
        List<String> codes = new ArrayList<>();
        for (String id : ids) {
            codes.add(data.count("SELECT count(*) FROM pickup WHERE closed_at IS NULL AND shipment_id IN (SELECT sl.shipment_id FROM shipment_line sl "
                    + "JOIN order_line l ON l.id = sl.order_line_id WHERE l.order_id = $1)", key(id)) == 1 ? code(id) : null);
        }
        assertThat(codes).hasSize(16).doesNotContainNull().doesNotHaveDuplicates();
        assertThat(data.count("SELECT count(DISTINCT collection_code) FROM pickup WHERE location_id = $1 AND closed_at IS NULL", store.key()))
                .isEqualTo(16);
    }

    @Test
    void a_store_with_a_hold_period_of_its_own_holds_pickups_that_long() {
        var store = data.store("Pickup short hold store", 52.0, 13.0);
        data.execute("UPDATE location SET code = '" + SHORT_HOLD_STORE + "' WHERE id = " + store.key());
        locations.invalidate();
        String id = placedAndConfirmed(store, 1).get(0);
        staff.ok(OrderLifecycleTest.STATUS, "input", Map.of("orderId", id, "status", "READY_FOR_PICKUP"));
        JsonPath pickup = staff.ok(PickupTest.ORDER, "id", id).setRootPath("data.order.pickup");
        assertThat(Duration.between(OffsetDateTime.parse(pickup.getString("readyAt")), OffsetDateTime.parse(pickup.getString("collectBy"))))
                .isEqualTo(Duration.ofDays(3));
    }

    private String code(String orderId) {
        return data.count("SELECT ascii(p.collection_code) FROM pickup p JOIN shipment_line sl ON sl.shipment_id = p.shipment_id "
                + "JOIN order_line l ON l.id = sl.order_line_id WHERE l.order_id = $1", key(orderId)) + "";
    }

    private static long key(String orderId) {
        return com.omnichannel.gateway.platform.ids.GlobalId.tryDecode("Order", orderId);
    }
}
