package com.omnichannel.gateway.checkout;

import java.util.List;

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

    @Description("Everything checkout needs besides the cart's lines.")
    @Input("CheckoutCompleteInput")
    public record CheckoutComplete(
            @Description("The cart to order (Cart.id).") @NonNull @Id String cartId,
            @NonNull @Description("A key the client generates once per checkout attempt (e.g. a UUID) and sends again on every retry: the same key always gives the same order.") String idempotencyKey,
            @Description("Required for guests; for signed-in customers it defaults to the email of their account.") String email,
            @Description("Shipping address, or the store to collect from.") @NonNull CheckoutFulfilment fulfilment,
            @Description("How the customer pays.") @NonNull Payment payment,
            @Description("Loyalty points to redeem on this order (signed-in customers); their value comes off the total.") Integer loyaltyPoints,
            @Description("Store credit to spend on this order (signed-in customers), a decimal amount in the shop's currency, e.g. \"12.50\"; "
                    + "at most the amount due. The payment method pays the rest.") String storeCreditAmount,
            @Description("Gift card codes to pay with (at most 5; spaces, dashes and case do not matter), each paying what is left of "
                    + "the amount due up to its balance, after the store credit. The payment method pays the rest.") List<String> giftCardCodes) {

        /** The gift card codes given, or an empty list. */
        public List<String> giftCards() {
            return giftCardCodes == null ? List.of() : giftCardCodes;
        }
    }

    @Description("How the order reaches the customer.")
    @Input("CheckoutFulfilmentInput")
    public record CheckoutFulfilment(
            @Description("SHIP, PICKUP or CURBSIDE.") @NonNull FulfilmentType type,
            @Description("The store, for PICKUP and CURBSIDE.") @Id String storeId,
            @Description("The delivery address, for SHIP.") ShippingAddress address,
            @Description("For CURBSIDE: how to recognise the car.") String curbsideNote) {
    }

    @Description("The delivery address for a shipped order.")
    @Input("ShippingAddressInput")
    public record ShippingAddress(
            @Description("Recipient's first name.") @NonNull String firstName,
            @Description("Recipient's last name.") @NonNull String lastName,
            @Description("Street and house number.") @NonNull String line1,
            @Description("Second address line.") String line2,
            @Description("City or town.") @NonNull String city,
            @Description("Postal code, checked for the country.") @NonNull String postalCode,
            @Description("State or region code, where tax depends on it.") String region,
            @NonNull @Description("ISO 3166-1 alpha-2, e.g. DE") String countryCode,
            @Description("Recipient's phone number, e.g. +49 30 555000.") String phone) {
    }

    @Description("How the customer pays.")
    @Input("PaymentInput")
    public record Payment(
            @Description("CARD (then card is required) or PAY_IN_STORE.") @NonNull PaymentMethod method,
            @Description("For CARD.") Card card) {
    }

    @Input("CardInput")
    @Description("Card details, used for this payment only and never stored (only the last four digits).")
    public record Card(
            @Description("Card number; spaces allowed. Only its last four digits are kept.") @NonNull String number,
            @Description("Expiry month, 1 to 12.") int expiryMonth,
            @Description("Expiry year, four digits.") int expiryYear,
            @Description("The 3 or 4 digits on the card.") @NonNull String cvc) {
        @Override
        public String toString() {
            return "Card[redacted]";
        }
    }
}
