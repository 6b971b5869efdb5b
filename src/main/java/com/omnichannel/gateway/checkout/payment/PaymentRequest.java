package com.omnichannel.gateway.checkout.payment;

import com.omnichannel.gateway.cart.FulfilmentType;

/**
 * What to authorize. Card details are used for this call only: they are never stored or logged (only the last
 * four digits go on the order).
 */
public record PaymentRequest(String idempotencyKey, long amountMinor, String currency, FulfilmentType fulfilment,
        Card card) {

    public record Card(String number, int expiryMonth, int expiryYear, String cvc) {

        @Override
        public String toString() {
            return "Card[****" + last4() + "]";
        }

        public String last4() {
            String digits = number == null ? "" : number.replaceAll("[\\s-]", "");
            return digits.length() < 4 ? digits : digits.substring(digits.length() - 4);
        }
    }
}
