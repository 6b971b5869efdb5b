package com.omnichannel.gateway.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class PosReceiptTest {

    @Test
    void the_included_tax_is_shared_over_the_lines_without_losing_a_minor_unit() {
        var outcome = PosReceipt.of(List.of(new PosReceipt.Charged(1000, 1, 0), new PosReceipt.Charged(1000, 1, 0),
                new PosReceipt.Charged(1000, 1, 0)), 100, List.of(3000L));
        PosReceipt receipt = ((PosReceipt.Valid) outcome).receipt();
        assertThat(receipt.lines()).extracting(PosReceipt.Line::tax).containsExactly(33L, 33L, 34L);
        assertThat(receipt.lines().stream().mapToLong(PosReceipt.Line::tax).sum()).isEqualTo(100);
        assertThat(receipt.total()).isEqualTo(3000);
    }

    @Test
    void discounts_come_off_the_lines_and_tenders_must_add_up_to_the_total_exactly() {
        var ok = PosReceipt.of(List.of(new PosReceipt.Charged(4550, 2, 500)), 0, List.of(5000L, 3600L));
        assertThat(((PosReceipt.Valid) ok).receipt()).extracting(PosReceipt::subtotal, PosReceipt::discount, PosReceipt::total)
                .containsExactly(9100L, 500L, 8600L);
        var under = PosReceipt.of(List.of(new PosReceipt.Charged(4550, 2, 0)), 0, List.of(9000L));
        assertThat(((PosReceipt.Invalid) under).error().code().name()).isEqualTo("INVALID_PAYMENT");
        var over = PosReceipt.of(List.of(new PosReceipt.Charged(4550, 2, 0)), 0, List.of(9101L));
        assertThat(((PosReceipt.Invalid) over).error().code().name()).isEqualTo("INVALID_PAYMENT");
    }

    @Test
    void quantities_discounts_and_tax_out_of_range_are_refused_with_their_field() {
        var zero = PosReceipt.of(List.of(new PosReceipt.Charged(100, 0, 0)), 0, List.of(0L));
        assertThat(((PosReceipt.Invalid) zero).error().field()).containsExactly("input", "lines", "0", "quantity");
        var discount = PosReceipt.of(List.of(new PosReceipt.Charged(100, 1, 101)), 0, List.of(1L));
        assertThat(((PosReceipt.Invalid) discount).error().field()).containsExactly("input", "lines", "0", "discount");
        var tax = PosReceipt.of(List.of(new PosReceipt.Charged(100, 1, 0)), 101, List.of(100L));
        assertThat(((PosReceipt.Invalid) tax).error().field()).containsExactly("input", "taxIncluded");
    }
}
