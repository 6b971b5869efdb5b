package com.omnichannel.gateway.checkout;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.cart.FulfilmentType;
import com.omnichannel.gateway.order.PaymentMethod;

/** The input of checkout. */
public final class CheckoutInputs {

    private CheckoutInputs() {
    }

    @Input("CheckoutCompleteInput")
    public record CheckoutComplete(@NonNull @Id String cartId,
            @NonNull @Description("A key the client generates once per checkout attempt (e.g. a UUID) and sends again "
                    + "on every retry: the same key always gives the same order.") String idempotencyKey,
            @Description("Required for guests; for signed-in customers it defaults to the email of their account.") String email,
            @NonNull CheckoutFulfilment fulfilment, @NonNull Payment payment,
            @Description("Loyalty points to redeem on this order (signed-in customers); their value comes off the total.") Integer loyaltyPoints) {
    }

    @Input("CheckoutFulfilmentInput")
    public record CheckoutFulfilment(@NonNull FulfilmentType type,
            @Description("The store, for PICKUP and CURBSIDE.") @Id String storeId,
            @Description("The delivery address, for SHIP.") ShippingAddress address,
            @Description("For CURBSIDE: how to recognise the car.") String curbsideNote) {
    }

    @Input("ShippingAddressInput")
    public record ShippingAddress(@NonNull String firstName, @NonNull String lastName, @NonNull String line1,
            String line2, @NonNull String city, @NonNull String postalCode,
            @Description("State or region code, where tax depends on it.") String region,
            @NonNull @Description("ISO 3166-1 alpha-2, e.g. DE") String countryCode, String phone) {
    }

    @Input("PaymentInput")
    public record Payment(@NonNull PaymentMethod method, @Description("For CARD.") Card card) {
    }

    @Input("CardInput")
    @Description("Card details, used for this payment only and never stored (only the last four digits).")
    public record Card(@NonNull String number, int expiryMonth, int expiryYear, @NonNull String cvc) {
        @Override
        public String toString() {
            return "Card[redacted]";
        }
    }
}
