package com.omnichannel.gateway.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.TestData;

import io.restassured.path.json.JsonPath;

/** Carts and checkouts through the API, for the order tests and every test that needs orders. */
public final class Checkouts {

    private Checkouts() {
    }

    public static final String ORDER_FIELDS = """
            id number status nextStatuses email sourceChannel cartChannels fulfilmentType curbsideNote
            pickupStore { id } shippingAddress { firstName city countryCode }
            subtotal { amount currencyCode } discountTotal { amount } shippingTotal { amount } taxTotal { amount } total { amount }
            pricesIncludeTax paymentMethod paymentStatus cardLast4
            lines { id sku productName variantTitle quantity unitPrice { amount } tax { amount } total { amount } channel variant { id } }
            shipments { id status fulfilmentType location { id } trackingNumber lines { orderNumber quantity orderLine { id sku } } }
            timeline { kind fromStatus toStatus actor channel }""";

    public static final String CHECKOUT = "mutation($input: CheckoutCompleteInput!) { checkoutComplete(input: $input) { order { "
            + ORDER_FIELDS + " } stockShortages { cartLineId requested available variant { id } } userErrors { code field message } } }";

    public static final String CREATE_CART = """
            mutation($input: CartCreateInput) { cartCreate(input: $input) { cartToken cart { id version } userErrors { code } } }""";

    /** A cart and the client that may use it (its token holder, or its owner). */
    public record CartRef(String id, GraphQL client) {
    }

    public static Map<String, Object> line(TestData.VariantRef variant, int quantity) {
        return Map.of("variantId", variant.id(), "quantity", quantity);
    }

    public static CartRef guestCart(Object... lines) {
        JsonPath created = GraphQL.anonymous().ok(CREATE_CART, "input", Map.of("lines", List.of(lines)));
        assertThat(created.getList("data.cartCreate.userErrors")).isEmpty();
        return new CartRef(created.getString("data.cartCreate.cart.id"),
                GraphQL.anonymous().header("X-Cart-Token", created.getString("data.cartCreate.cartToken")));
    }

    public static CartRef customerCart(GraphQL customer, Object... lines) {
        JsonPath created = customer.ok(CREATE_CART, "input", Map.of("lines", List.of(lines)));
        assertThat(created.getList("data.cartCreate.userErrors")).isEmpty();
        return new CartRef(created.getString("data.cartCreate.cart.id"), customer);
    }

    public static Map<String, Object> pickup(TestData.Ref store) {
        return Map.of("type", "PICKUP", "storeId", store.id());
    }

    public static Map<String, Object> ship() {
        Map<String, Object> address = new HashMap<>();
        address.put("firstName", "Erika");
        address.put("lastName", "Muster");
        address.put("line1", "Hauptstr. 5");
        address.put("city", "Berlin");
        address.put("postalCode", "10115");
        address.put("countryCode", "DE");
        return Map.of("type", "SHIP", "address", address);
    }

    public static Map<String, Object> payInStore() {
        return Map.of("method", "PAY_IN_STORE");
    }

    public static Map<String, Object> card(String number) {
        return Map.of("method", "CARD", "card", Map.of("number", number, "expiryMonth", 12, "expiryYear", 2099, "cvc", "123"));
    }

    public static Map<String, Object> input(CartRef cart, String key, Map<String, Object> fulfilment, Map<String, Object> payment) {
        Map<String, Object> input = new HashMap<>();
        input.put("cartId", cart.id());
        input.put("idempotencyKey", key);
        input.put("email", "guest@example.com");
        input.put("fulfilment", fulfilment);
        input.put("payment", payment);
        return input;
    }

    public static JsonPath checkout(CartRef cart, Map<String, Object> fulfilment, Map<String, Object> payment) {
        return cart.client().ok(CHECKOUT, "input", input(cart, UUID.randomUUID().toString(), fulfilment, payment));
    }

    /** Checks out and asserts an order came out; returns the order. */
    public static JsonPath placed(CartRef cart, Map<String, Object> fulfilment, Map<String, Object> payment) {
        JsonPath result = checkout(cart, fulfilment, payment);
        assertThat(result.getList("data.checkoutComplete.userErrors")).as(result.prettify()).isEmpty();
        return result.setRootPath("data.checkoutComplete.order");
    }
}
