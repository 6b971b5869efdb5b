package com.omnichannel.gateway.credit;

import java.util.ArrayList;
import java.util.List;

import com.omnichannel.gateway.checkout.CheckoutTenders;
import com.omnichannel.gateway.platform.errors.UserError;

/**
 * Which tenders pay what of an order, from the amount due and what each tender holds: first the store credit the
 * shopper asked for (exactly that amount), then each gift card in the order given, paying what is left up to its
 * balance. Nothing ever pays more than is due; the payment method pays the remainder.
 */
final class TenderPlan {

    static final String STORE_CREDIT = OrderTender.Kind.STORE_CREDIT.name();
    static final String GIFT_CARD = OrderTender.Kind.GIFT_CARD.name();

    private TenderPlan() {
    }

    /** A gift card as found at checkout: null card when no card has the code. */
    record Card(int position, GiftCardRepository.CardRow card, boolean expired) {
    }

    /** The plan, or the first rule it breaks. */
    sealed interface Outcome {
        record Planned(CheckoutTenders.Applied applied) implements Outcome {
        }

        record Refused(UserError error) implements Outcome {
        }
    }

    /**
     * @param creditMinor   store credit asked for (more than 0), or null
     * @param creditBalance the customer's store credit balance
     */
    static Outcome plan(long amountDueMinor, Long creditMinor, long creditBalance, List<Card> cards) {
        List<CheckoutTenders.Tender> tenders = new ArrayList<>();
        long left = amountDueMinor;
        if (creditMinor != null) {
            if (creditMinor > amountDueMinor) {
                return refused("TENDER_EXCEEDS_AMOUNT_DUE", "Store credit can pay at most the amount due", "input", "storeCreditAmount");
            }
            if (creditMinor > creditBalance) {
                return refused("INSUFFICIENT_STORE_CREDIT", "The store credit balance is smaller than the amount asked for",
                        "input", "storeCreditAmount");
            }
            tenders.add(new CheckoutTenders.Tender(STORE_CREDIT, null, creditMinor));
            left -= creditMinor;
        }
        for (Card c : cards) {
            String position = Integer.toString(c.position());
            if (c.card() == null) {
                return refused("GIFT_CARD_UNKNOWN", "No gift card has this code", "input", "giftCardCodes", position);
            }
            if (c.expired()) {
                return refused("GIFT_CARD_EXPIRED", "This gift card has expired", "input", "giftCardCodes", position);
            }
            if (c.card().balanceMinor() == 0) {
                return refused("GIFT_CARD_EMPTY", "This gift card has nothing left to spend", "input", "giftCardCodes", position);
            }
            if (left == 0) {
                return refused("TENDER_EXCEEDS_AMOUNT_DUE", "The tenders before this gift card already pay the whole order",
                        "input", "giftCardCodes", position);
            }
            long take = Math.min(left, c.card().balanceMinor());
            tenders.add(new CheckoutTenders.Tender(GIFT_CARD, c.card().id(), take));
            left -= take;
        }
        return new Outcome.Planned(new CheckoutTenders.Applied(List.copyOf(tenders)));
    }

    private static Outcome refused(String code, String message, String... field) {
        return new Outcome.Refused(UserError.of(code, message, field));
    }
}
