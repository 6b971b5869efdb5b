package com.omnichannel.gateway.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.cart.FulfilmentType;
import com.omnichannel.gateway.order.PaymentMethod;
import com.omnichannel.gateway.platform.errors.UserError;

/** Checkout's input rules, without Quarkus: the first broken rule and the field it names. */
class CheckoutValidationTest {

    private final CheckoutValidation validation = new CheckoutValidation(Set.of("DE", "AT")::contains,
            Set.of(PaymentMethod.CARD, PaymentMethod.PAY_IN_STORE));

    private static CheckoutInputs.ShippingAddress address(String postalCode, String countryCode) {
        return new CheckoutInputs.ShippingAddress("Erika", "Muster", "Hauptstr. 5", null, "Berlin", postalCode, null, countryCode, null);
    }

    private static CheckoutInputs.CheckoutComplete shipping(String email, CheckoutInputs.ShippingAddress address) {
        return new CheckoutInputs.CheckoutComplete("cart", "key-12345678", email,
                new CheckoutInputs.CheckoutFulfilment(FulfilmentType.SHIP, null, address, null),
                new CheckoutInputs.Payment(PaymentMethod.CARD, null), null, null, null);
    }

    @Test
    void a_complete_delivery_passes() {
        assertThat(validation.check(shipping("guest@example.com", address("10115", "DE")), false)).isNull();
        assertThat(validation.check(shipping(null, address("1010", "AT")), true)).isNull();
    }

    @Test
    void guests_give_a_valid_email() {
        assertThat(validation.check(shipping(null, address("10115", "DE")), false).code().name()).isEqualTo("EMAIL_REQUIRED");
        UserError invalid = validation.check(shipping("a@b..cc", address("10115", "DE")), false);
        assertThat(invalid.code().name()).isEqualTo("INVALID_EMAIL");
        assertThat(invalid.field()).containsExactly("input", "email");
    }

    @Test
    void the_postal_code_fits_the_country() {
        UserError invalid = validation.check(shipping("guest@example.com", address("ABC", "DE")), false);
        assertThat(invalid.code().name()).isEqualTo("INVALID_ADDRESS");
        assertThat(invalid.field()).containsExactly("input", "fulfilment", "address", "postalCode");
        assertThat(validation.check(shipping("guest@example.com", address("10115", "AT")), false).code().name()).isEqualTo("INVALID_ADDRESS");
    }

    @Test
    void the_country_is_an_upper_case_iso_code_we_ship_to() {
        assertThat(validation.check(shipping("guest@example.com", address("10115", "de")), false).field())
                .containsExactly("input", "fulfilment", "address", "countryCode");
        assertThat(validation.check(shipping("guest@example.com", address("10115", "XX")), false).field())
                .containsExactly("input", "fulfilment", "address", "countryCode");
        assertThat(validation.check(shipping("guest@example.com", address("75001", "FR")), false).code().name()).isEqualTo("SHIPPING_UNAVAILABLE");
    }

    @Test
    void pickup_needs_a_store_id_and_the_key_is_visible_ascii() {
        CheckoutInputs.CheckoutComplete pickup = new CheckoutInputs.CheckoutComplete("cart", "key-12345678", "guest@example.com",
                new CheckoutInputs.CheckoutFulfilment(FulfilmentType.PICKUP, "not-a-store", null, null),
                new CheckoutInputs.Payment(PaymentMethod.PAY_IN_STORE, null), null, null, null);
        assertThat(validation.check(pickup, false).code().name()).isEqualTo("INVALID_PICKUP_STORE");
        CheckoutInputs.CheckoutComplete shortKey = new CheckoutInputs.CheckoutComplete("cart", "short", "guest@example.com",
                pickup.fulfilment(), pickup.payment(), null, null, null);
        assertThat(validation.check(shortKey, false).code().name()).isEqualTo("INVALID_IDEMPOTENCY_KEY");
    }
}
