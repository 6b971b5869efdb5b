package com.omnichannel.gateway.checkout;

import static com.omnichannel.gateway.checkout.Checkouts.CHECKOUT;
import static com.omnichannel.gateway.checkout.Checkouts.guestCart;
import static com.omnichannel.gateway.checkout.Checkouts.input;
import static com.omnichannel.gateway.checkout.Checkouts.line;
import static com.omnichannel.gateway.checkout.Checkouts.payInStore;
import static com.omnichannel.gateway.checkout.Checkouts.pickup;
import static com.omnichannel.gateway.checkout.Checkouts.ship;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.support.Accounts;
import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.TestData;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Checkout and the address book (and registration) refuse the same emails, postal codes and phone numbers. */
@QuarkusTest
class SharedAddressRulesTest {

    private static final String ADDRESS_CREATE = """
            mutation($input: CustomerAddressCreateInput!) {
              customerAddressCreate(input: $input) { address { id } userErrors { code field message } }
            }""";

    @Inject
    TestData data;

    @Test
    void emails_registration_refuses_are_refused_at_checkout() {
        var store = data.store("Shared rules store", 52.5, 13.4);
        var product = data.product("Shared rules socks", null, 900);
        data.stock(product.variant(0), store, 5);
        var cart = guestCart(line(product.variant(0), 1));

        for (String email : List.of("a@b..cc", "someone@.example.com", "someone@example.", "someone@example.c")) {
            Map<String, Object> checkout = input(cart, UUID.randomUUID().toString(), pickup(store), payInStore());
            checkout.put("email", email);
            JsonPath atCheckout = cart.client().ok(CHECKOUT, "input", checkout);
            assertThat(atCheckout.getString("data.checkoutComplete.order")).as(email).isNull();
            assertThat(atCheckout.getString("data.checkoutComplete.userErrors[0].code")).as(email).isEqualTo("INVALID_EMAIL");
            assertThat(atCheckout.getList("data.checkoutComplete.userErrors[0].field")).as(email).containsExactly("input", "email");

            JsonPath atRegistration = GraphQL.anonymous().ok(Accounts.REGISTER, "input", Accounts.registration(email));
            assertThat(atRegistration.getString("data.customerRegister.customer")).as(email).isNull();
            assertThat(atRegistration.getString("data.customerRegister.userErrors[0].code")).as(email).isEqualTo("INVALID_EMAIL");
        }
    }

    @Test
    void postal_codes_the_address_book_refuses_are_refused_at_checkout() {
        var warehouse = data.warehouse("Shared rules warehouse", 50.1, 8.7);
        var product = data.product("Shared rules scarf", null, 1900);
        data.stock(product.variant(0), warehouse, 5);
        var cart = guestCart(line(product.variant(0), 1));
        Accounts.Account account = Accounts.register();

        for (String postalCode : List.of("ABC", "1011", "101155", "10 115")) {
            Map<String, Object> fulfilment = new HashMap<>(ship());
            @SuppressWarnings("unchecked")
            Map<String, Object> address = new HashMap<>((Map<String, Object>) fulfilment.get("address"));
            address.put("postalCode", postalCode);
            fulfilment.put("address", address);
            JsonPath atCheckout = cart.client().ok(CHECKOUT, "input", input(cart, UUID.randomUUID().toString(), fulfilment,
                    Checkouts.card("4242424242424242")));
            assertThat(atCheckout.getString("data.checkoutComplete.order")).as(postalCode).isNull();
            assertThat(atCheckout.getString("data.checkoutComplete.userErrors[0].code")).as(postalCode).isEqualTo("INVALID_ADDRESS");
            assertThat(atCheckout.getList("data.checkoutComplete.userErrors[0].field")).as(postalCode)
                    .containsExactly("input", "fulfilment", "address", "postalCode");

            Map<String, Object> entry = new HashMap<>(Map.of("firstName", "Erika", "lastName", "Muster", "line1", "Hauptstr. 5",
                    "city", "Berlin", "postalCode", postalCode, "countryCode", "DE"));
            JsonPath atAddressBook = account.client().ok(ADDRESS_CREATE, "input", entry);
            assertThat(atAddressBook.getString("data.customerAddressCreate.address")).as(postalCode).isNull();
            assertThat(atAddressBook.getString("data.customerAddressCreate.userErrors[0].code")).as(postalCode)
                    .isEqualTo("INVALID_POSTAL_CODE");
        }
    }

    @Test
    void phone_numbers_the_address_book_refuses_are_refused_at_checkout() {
        var warehouse = data.warehouse("Shared phone rules warehouse", 50.1, 8.7);
        var product = data.product("Shared phone rules gloves", null, 1900);
        data.stock(product.variant(0), warehouse, 5);
        var cart = guestCart(line(product.variant(0), 1));
        Accounts.Account account = Accounts.register();

        for (String phone : List.of("call me", "1234", "+49 abc 1234567")) {
            Map<String, Object> fulfilment = new HashMap<>(ship());
            @SuppressWarnings("unchecked")
            Map<String, Object> address = new HashMap<>((Map<String, Object>) fulfilment.get("address"));
            address.put("phone", phone);
            fulfilment.put("address", address);
            JsonPath atCheckout = cart.client().ok(CHECKOUT, "input", input(cart, UUID.randomUUID().toString(), fulfilment,
                    Checkouts.card("4242424242424242")));
            assertThat(atCheckout.getString("data.checkoutComplete.order")).as(phone).isNull();
            assertThat(atCheckout.getString("data.checkoutComplete.userErrors[0].code")).as(phone).isEqualTo("INVALID_ADDRESS");
            assertThat(atCheckout.getList("data.checkoutComplete.userErrors[0].field")).as(phone)
                    .containsExactly("input", "fulfilment", "address", "phone");

            Map<String, Object> entry = new HashMap<>(Map.of("firstName", "Erika", "lastName", "Muster", "line1", "Hauptstr. 5",
                    "city", "Berlin", "postalCode", "10115", "countryCode", "DE", "phone", phone));
            JsonPath atAddressBook = account.client().ok(ADDRESS_CREATE, "input", entry);
            assertThat(atAddressBook.getString("data.customerAddressCreate.address")).as(phone).isNull();
            assertThat(atAddressBook.getString("data.customerAddressCreate.userErrors[0].code")).as(phone).isEqualTo("INVALID_PHONE");
        }
    }
}
