package com.omnichannel.gateway.platform.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.support.Accounts;
import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.GraphQLWebSocket;
import com.omnichannel.gateway.support.TestData;
import com.omnichannel.gateway.support.Tokens;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Every DateTime the API answers is UTC with exactly three fraction digits and a {@code Z}, whatever the source of
 * the value (a database column, a clock, Redis, a computed time), on every type and over subscriptions; inputs take
 * any ISO-8601 offset.
 */
@QuarkusTest
class DateTimeAnswersTest {

    static final Pattern MILLISECONDS_UTC = Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$");

    static final String DATE_TIME_FIELDS = """
            { __schema { types { name kind fields { name type { name kind ofType { name kind ofType { name } } } } } } }""";
    static final String SIGN_IN = """
            mutation($input: CustomerSignInInput!) { customerSignIn(input: $input) {
              tokens { accessTokenExpiresAt refreshTokenExpiresAt } userErrors { code } } }""";
    static final String REGISTER_KIOSK = """
            mutation($input: KioskDeviceRegisterInput!) { kioskDeviceRegister(input: $input) {
              kioskDevice { registeredAt } token userErrors { code } } }""";
    static final String SET_HOURS = """
            mutation($input: StoreHoursSetInput!) { storeHoursSet(input: $input) { userErrors { code } } }""";
    static final String SET_PICKUP = """
            mutation($input: StorePickupSetInput!) { storePickupSet(input: $input) { userErrors { code } } }""";
    static final String CONSENT = """
            mutation($input: CustomerConsentSetInput!) { customerConsentSet(input: $input) { userErrors { code } } }""";
    static final String PROMOTION = """
            mutation($input: PromotionCreateInput!) { promotionCreate(input: $input) {
              promotion { startsAt endsAt createdAt updatedAt } userErrors { code field message } } }""";
    static final String CART_FIELDS = """
            id createdAt updatedAt fulfilment { pickupReadyBy pickupSlot { startsAt endsAt } } lines { addedAt }""";
    static final String CART_CREATE = "mutation($input: CartCreateInput) { cartCreate(input: $input) { cartToken cart { "
            + CART_FIELDS + " } userErrors { code } } }";
    static final String HANDOFF = """
            mutation($input: CartHandoffCreateInput!) { cartHandoffCreate(input: $input) { handoff { expiresAt } userErrors { code } } }""";
    static final String SLOTS = """
            query($storeId: ID!, $from: DateTime!, $to: DateTime!) { pickupSlots(storeId: $storeId, from: $from, to: $to) {
              id startsAt endsAt } }""";
    static final String FULFILMENT = "mutation($input: CartFulfilmentSetInput!) { cartFulfilmentSet(input: $input) { cart { "
            + CART_FIELDS + " } userErrors { code field message } } }";
    static final String ORDER_FIELDS = """
            id placedAt updatedAt fulfilment { pickupReadyBy } pickupSlot { startsAt endsAt } timeline { at }
            shipments { createdAt updatedAt pickup { readyAt collectBy closedAt } } pickup { readyAt collectBy closedAt }""";
    static final String CHECKOUT = "mutation($input: CheckoutCompleteInput!) { checkoutComplete(input: $input) { order { "
            + ORDER_FIELDS + " } userErrors { code field message } } }";
    static final String STATUS = "mutation($input: OrderStatusUpdateInput!) { orderStatusUpdate(input: $input) { order { "
            + ORDER_FIELDS + " } userErrors { code } } }";
    static final String ORDER = "query($id: ID!) { order(id: $id) { " + ORDER_FIELDS + " } }";
    static final String ORDERS = "{ orders(first: 5) { edges { node { " + ORDER_FIELDS + " } } } }";
    static final String ME = """
            { me { createdAt consents { changedAt } events(first: 20) { edges { node { occurredAt } } }
              orders(first: 5) { edges { node { placedAt updatedAt timeline { at } } } }
              loyalty { ledger(first: 5) { edges { node { createdAt } } } } } }""";
    static final String EXPORT = "{ customerDataExport { generatedAt } }";
    static final String CATALOG = """
            query($slug: String!, $storeId: ID!) {
              product(slug: $slug) { createdAt updatedAt variants { stockLevels { updatedAt }
                storeAvailability(storeId: $storeId) { pickupReadyBy } } }
              store(id: $storeId) { nextOpensAt nextClosesAt }
              stockMovements(first: 10, locationId: $storeId) { edges { node { createdAt } } } }""";
    static final String KIOSK_HERE = """
            query($barcode: String!) { productVariant(barcode: $barcode) { availabilityHere { pickupReadyBy } } }""";
    static final String INSIGHTS = """
            query($from: DateTime!, $to: DateTime!) { channelInsights(from: $from, to: $to) { from to } }""";
    static final String STOCK = """
            subscription($loc: ID, $variants: [ID!]) { stockChanged(locationId: $loc, variantIds: $variants) { updatedAt } }""";
    static final String ADJUST = """
            mutation($input: StockAdjustInput!) { stockAdjust(input: $input) { stockLevel { updatedAt } movement { createdAt } userErrors { code } } }""";

    @Inject
    TestData data;

    @Inject
    Vertx vertx;

    @TestHTTPResource("/graphql")
    URI endpoint;

    private final List<JsonPath> answers = new ArrayList<>();

    @Test
    void every_date_time_answered_is_utc_with_milliseconds_and_inputs_take_any_offset() throws Exception {
        Set<String> dateTimeFields = dateTimeFields();
        assertThat(dateTimeFields).contains("Order.placedAt", "Cart.updatedAt", "StockLevel.updatedAt");

        var store = data.store("Timestamps store", 52.52, 13.40);
        var product = data.product("Timestamps jacket", null, 8900);
        var variant = product.variant(0);
        data.stock(variant, store, 6);
        GraphQL staff = GraphQL.as(Tokens.staff());
        GraphQL admin = GraphQL.as(Tokens.admin());

        List<Map<String, Object>> week = new ArrayList<>();
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")) {
            week.add(Map.of("day", day, "opens", "08:00", "closes", "20:00"));
        }
        staff.ok(SET_HOURS, "input", Map.of("storeId", store.id(), "timeZone", "Europe/Berlin", "weekly", week, "exceptions", List.of()));
        staff.ok(SET_PICKUP, "input", Map.of("storeId", store.id(), "preparationMinutes", 7, "slotMinutes", 30, "slotCapacity", 2));
        JsonPath kioskDevice = keep(admin.ok(REGISTER_KIOSK, "input", Map.of("name", "Timestamps kiosk", "storeId", store.id())));
        GraphQL kiosk = GraphQL.as(kioskDevice.getString("data.kioskDeviceRegister.token"));
        keep(kiosk.ok(KIOSK_HERE, "barcode", variant.barcode()));

        Accounts.Account shopper = Accounts.register();
        GraphQL phone = shopper.client();
        keep(GraphQL.anonymous().ok(SIGN_IN, "input", Map.of("email", shopper.email(), "password", shopper.password())));
        phone.ok(CONSENT, "input", Map.of("purpose", "EMAIL_MARKETING", "granted", true));
        keep(staff.ok(PROMOTION, "input", Map.of("name", "Timestamps promotion", "kind", "PERCENTAGE", "percentOff", "1",
                "code", TestData.unique("TS").toUpperCase(),
                // An offset other than UTC, with a fraction of a second longer than milliseconds.
                "startsAt", "2026-01-01T10:00:00.123456789+02:00", "endsAt", "2099-01-01T00:00:00-05:00")));
        JsonPath promotion = answers.get(answers.size() - 1);
        assertThat(promotion.getString("data.promotionCreate.promotion.startsAt")).isEqualTo("2026-01-01T08:00:00.123Z");
        assertThat(promotion.getString("data.promotionCreate.promotion.endsAt")).isEqualTo("2099-01-01T05:00:00.000Z");

        JsonPath created = keep(phone.ok(CART_CREATE, "input", Map.of("lines", List.of(Map.of("variantId", variant.id(), "quantity", 1)))));
        String cartId = created.getString("data.cartCreate.cart.id");
        keep(phone.ok(HANDOFF, "input", Map.of("cartId", cartId)));
        OffsetDateTime soon = OffsetDateTime.now(ZoneOffset.ofHours(2)).plusHours(1);
        JsonPath slots = keep(phone.ok(SLOTS, "storeId", store.id(), "from", soon.toString(), "to", soon.plusDays(1).toString()));
        List<String> slotIds = slots.getList("data.pickupSlots.id");
        Map<String, Object> fulfilment = slotIds.isEmpty() ? Map.of("cartId", cartId, "type", "PICKUP", "storeId", store.id())
                : Map.of("cartId", cartId, "type", "PICKUP", "storeId", store.id(), "slotId", slotIds.get(0));
        keep(phone.ok(FULFILMENT, "input", fulfilment));
        JsonPath placed = keep(phone.ok(CHECKOUT, "input", Map.of("cartId", cartId, "idempotencyKey", UUID.randomUUID().toString(),
                "fulfilment", Map.of("type", "PICKUP", "storeId", store.id()), "payment", Map.of("method", "PAY_IN_STORE"))));
        assertThat(placed.getList("data.checkoutComplete.userErrors")).as(placed.prettify()).isEmpty();
        String orderId = placed.getString("data.checkoutComplete.order.id");
        for (String status : List.of("CONFIRMED", "READY_FOR_PICKUP")) {
            keep(staff.ok(STATUS, "input", Map.of("orderId", orderId, "status", status)));
        }
        keep(phone.ok(ORDER, "id", orderId));
        keep(staff.ok(ORDERS));
        keep(phone.ok(ME));
        keep(phone.ok(EXPORT));
        keep(staff.ok(ADJUST, "input", Map.of("variantId", variant.id(), "locationId", store.id(), "delta", 1, "reason", "RECOUNT")));
        keep(staff.ok(CATALOG, "slug", product.slug(), "storeId", store.id()));
        keep(staff.ok(INSIGHTS, "from", "2026-01-01T00:00:00+01:00", "to", OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(1).toString()));
        assertThat(answers.get(answers.size() - 1).getString("data.channelInsights.from")).isEqualTo("2025-12-31T23:00:00.000Z");

        Set<String> seen = new TreeSet<>();
        for (JsonPath answer : answers) {
            assertThat(answer.getList("errors")).as(answer.prettify()).isNull();
            collect(answer.getMap("data"), seen);
        }

        // Over a subscription too.
        try (GraphQLWebSocket socket = new GraphQLWebSocket(vertx, endpoint, Tokens.staff())) {
            socket.subscribe("1", STOCK, Map.of("loc", store.id(), "variants", List.of(variant.id())));
            Thread.sleep(500);
            staff.ok(ADJUST, "input", Map.of("variantId", variant.id(), "locationId", store.id(), "delta", 1, "reason", "RECOUNT"));
            JsonObject update = socket.next();
            assertThat(update.getString("type")).as(update.encode()).isEqualTo("next");
            assertThat(update.getJsonObject("payload").getJsonObject("data").getJsonObject("stockChanged")).as(update.encode()).isNotNull();
            String updatedAt = update.getJsonObject("payload").getJsonObject("data").getJsonObject("stockChanged").getString("updatedAt");
            assertThat(updatedAt).as("stockChanged.updatedAt").matches(MILLISECONDS_UTC);
        }

        Set<String> dateTimeNames = new TreeSet<>();
        dateTimeFields.forEach(typeField -> dateTimeNames.add(typeField.substring(typeField.indexOf('.') + 1)));
        assertThat(seen).as("DateTime fields answered").containsAll(List.of("createdAt", "updatedAt", "addedAt", "placedAt",
                "at", "occurredAt", "changedAt", "startsAt", "endsAt", "from", "to", "accessTokenExpiresAt",
                "refreshTokenExpiresAt", "registeredAt", "expiresAt", "generatedAt", "readyAt", "collectBy",
                "nextOpensAt", "nextClosesAt", "pickupReadyBy"));
        assertThat(seen).as("only fields the schema types as DateTime hold dates").isSubsetOf(dateTimeNames);
    }

    private JsonPath keep(JsonPath answer) {
        answers.add(answer);
        return answer;
    }

    /** Type.field of every object field whose type is DateTime, from introspection. */
    private static Set<String> dateTimeFields() {
        JsonPath schema = GraphQL.anonymous().ok(DATE_TIME_FIELDS);
        Set<String> fields = new HashSet<>();
        List<Map<String, Object>> types = schema.getList("data.__schema.types");
        for (Map<String, Object> type : types) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> typeFields = (List<Map<String, Object>>) type.get("fields");
            if (typeFields == null) {
                continue;
            }
            for (Map<String, Object> field : typeFields) {
                if ("DateTime".equals(namedType(field.get("type")))) {
                    fields.add(type.get("name") + "." + field.get("name"));
                }
            }
        }
        return fields;
    }

    @SuppressWarnings("unchecked")
    private static String namedType(Object type) {
        Map<String, Object> t = (Map<String, Object>) type;
        while (t != null && t.get("name") == null) {
            t = (Map<String, Object>) t.get("ofType");
        }
        return t == null ? null : (String) t.get("name");
    }

    /**
     * Every string in an answer that starts like a date must have the one shape; the field names they came under are
     * recorded (the answers carry no __typename, so the coverage is checked by name).
     */
    private static void collect(Object node, Set<String> seen) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if (value instanceof String text && text.matches("^\\d{4}-.*")) {
                    assertThat(text).as(key + " = " + text).matches(MILLISECONDS_UTC);
                    seen.add((String) key);
                } else {
                    collect(value, seen);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collect(item, seen));
        }
    }
}
