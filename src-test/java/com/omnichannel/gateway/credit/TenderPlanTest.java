package com.omnichannel.gateway.credit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.checkout.CheckoutTenders;

class TenderPlanTest {

    private static final OffsetDateTime LATER = OffsetDateTime.of(2099, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private static TenderPlan.Card card(int position, long id, long balance) {
        return new TenderPlan.Card(position, new GiftCardRepository.CardRow(id, "ABCD", "EUR", 10_000, balance, LATER, LATER), false);
    }

    private static CheckoutTenders.Applied planned(TenderPlan.Outcome outcome) {
        assertThat(outcome).isInstanceOf(TenderPlan.Outcome.Planned.class);
        return ((TenderPlan.Outcome.Planned) outcome).applied();
    }

    private static String refusal(TenderPlan.Outcome outcome) {
        assertThat(outcome).isInstanceOf(TenderPlan.Outcome.Refused.class);
        return ((TenderPlan.Outcome.Refused) outcome).error().code().name();
    }

    @Test
    void store_credit_pays_exactly_what_was_asked_and_gift_cards_pay_what_is_left_up_to_their_balance() {
        CheckoutTenders.Applied applied = planned(TenderPlan.plan(10_000, 3_000L, 5_000, List.of(card(0, 1, 2_500), card(1, 2, 9_000))));
        assertThat(applied.tenders()).containsExactly(
                new CheckoutTenders.Tender("STORE_CREDIT", null, 3_000),
                new CheckoutTenders.Tender("GIFT_CARD", 1L, 2_500),
                new CheckoutTenders.Tender("GIFT_CARD", 2L, 4_500));
        assertThat(applied.totalMinor()).isEqualTo(10_000);
    }

    @Test
    void a_gift_card_larger_than_the_order_pays_the_order_and_keeps_the_rest() {
        CheckoutTenders.Applied applied = planned(TenderPlan.plan(1_999, null, 0, List.of(card(0, 7, 5_000))));
        assertThat(applied.tenders()).containsExactly(new CheckoutTenders.Tender("GIFT_CARD", 7L, 1_999));
    }

    @Test
    void no_tender_pays_more_than_is_due() {
        assertThat(refusal(TenderPlan.plan(1_000, 1_001L, 5_000, List.of()))).isEqualTo("TENDER_EXCEEDS_AMOUNT_DUE");
        assertThat(refusal(TenderPlan.plan(1_000, 1_000L, 5_000, List.of(card(0, 1, 100))))).isEqualTo("TENDER_EXCEEDS_AMOUNT_DUE");
        assertThat(refusal(TenderPlan.plan(1_000, null, 0, List.of(card(0, 1, 1_000), card(1, 2, 100))))).isEqualTo("TENDER_EXCEEDS_AMOUNT_DUE");
    }

    @Test
    void credit_beyond_the_balance_unknown_expired_and_empty_cards_are_refused() {
        assertThat(refusal(TenderPlan.plan(5_000, 2_000L, 1_999, List.of()))).isEqualTo("INSUFFICIENT_STORE_CREDIT");
        assertThat(refusal(TenderPlan.plan(5_000, null, 0, List.of(new TenderPlan.Card(0, null, false))))).isEqualTo("GIFT_CARD_UNKNOWN");
        TenderPlan.Card expired = new TenderPlan.Card(0, card(0, 1, 100).card(), true);
        assertThat(refusal(TenderPlan.plan(5_000, null, 0, List.of(expired)))).isEqualTo("GIFT_CARD_EXPIRED");
        assertThat(refusal(TenderPlan.plan(5_000, null, 0, List.of(card(0, 1, 0))))).isEqualTo("GIFT_CARD_EMPTY");
    }

    @Test
    void the_refusal_names_the_gift_card_by_its_position() {
        TenderPlan.Outcome outcome = TenderPlan.plan(5_000, null, 0, List.of(card(0, 1, 100), new TenderPlan.Card(1, null, false)));
        assertThat(((TenderPlan.Outcome.Refused) outcome).error().field()).containsExactly("input", "giftCardCodes", "1");
    }
}
