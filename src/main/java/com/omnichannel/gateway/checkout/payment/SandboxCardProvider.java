package com.omnichannel.gateway.checkout.payment;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.order.PaymentMethod;
import com.omnichannel.gateway.order.PaymentStatus;

import io.smallrye.mutiny.Uni;

/**
 * A card provider for development, tests and demos: no money moves. Documented test numbers approve or decline
 * (see README); any other number is refused as not a test card. Numbers must pass the Luhn check, the expiry
 * must not be past and the CVC must have 3 or 4 digits, as with a real provider.
 */
@ApplicationScoped
public class SandboxCardProvider implements PaymentProvider {

    /** Test card number → decline code, or null to approve. */
    static final Map<String, String> TEST_CARDS = Map.of(
            "4242424242424242", "",
            "5555555555554444", "",
            "4000000000000002", "card_declined",
            "4000000000009995", "insufficient_funds",
            "4000000000000069", "expired_card");

    @Override
    public PaymentMethod method() {
        return PaymentMethod.CARD;
    }

    @Override
    public PaymentProblem validate(PaymentRequest request) {
        PaymentRequest.Card card = request.card();
        if (card == null) {
            return new PaymentProblem("INVALID_CARD", "card", "Card details are required to pay by card");
        }
        String digits = card.number() == null ? "" : card.number().replaceAll("[\\s-]", "");
        if (!digits.matches("\\d{12,19}") || !luhn(digits)) {
            return new PaymentProblem("INVALID_CARD", "card.number", "This is not a valid card number");
        }
        if (card.expiryMonth() < 1 || card.expiryMonth() > 12 || card.expiryYear() < 2000 || card.expiryYear() > 2100) {
            return new PaymentProblem("INVALID_CARD", "card.expiryMonth", "The expiry date is not valid");
        }
        if (YearMonth.of(card.expiryYear(), card.expiryMonth()).isBefore(YearMonth.now(ZoneOffset.UTC))) {
            return new PaymentProblem("CARD_EXPIRED", "card.expiryYear", "The card has expired");
        }
        if (card.cvc() == null || !card.cvc().matches("\\d{3,4}")) {
            return new PaymentProblem("INVALID_CARD", "card.cvc", "The security code must have 3 or 4 digits");
        }
        if (!TEST_CARDS.containsKey(digits)) {
            return new PaymentProblem("INVALID_CARD", "card.number", "The sandbox accepts only its documented test cards");
        }
        return null;
    }

    @Override
    public Uni<PaymentResult> authorize(PaymentRequest request) {
        String digits = request.card().number().replaceAll("[\\s-]", "");
        String decline = TEST_CARDS.get(digits);
        String last4 = request.card().last4();
        if (decline == null || !decline.isEmpty()) {
            return Uni.createFrom().item(PaymentResult.declined(decline == null ? "card_declined" : decline, last4));
        }
        return Uni.createFrom().item(new PaymentResult(true, PaymentStatus.AUTHORIZED, "sandbox-auth-" + UUID.randomUUID(), last4, null));
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }
}
