package com.omnichannel.gateway.returns;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RefundProrationTest {

    @Test
    void returning_every_unit_in_any_number_of_returns_refunds_exactly_the_line_total() {
        // 3 units paid 89.99 together after a promotion and points: 29.99, 29.99, 30.01 in whatever returns.
        long total = 8999;
        assertThat(RefundProration.unitsShare(total, 3, 0, 1)).isEqualTo(2999);
        assertThat(RefundProration.unitsShare(total, 3, 1, 1)).isEqualTo(3000);
        assertThat(RefundProration.unitsShare(total, 3, 2, 1)).isEqualTo(3000);
        assertThat(RefundProration.unitsShare(total, 3, 0, 1) + RefundProration.unitsShare(total, 3, 1, 2)).isEqualTo(total);
        assertThat(RefundProration.unitsShare(total, 3, 0, 3)).isEqualTo(total);
        for (int quantity = 1; quantity <= 13; quantity++) {
            for (long line = 0; line < 2000; line += 7) {
                long sum = 0;
                for (int before = 0; before < quantity; before++) {
                    sum += RefundProration.unitsShare(line, quantity, before, 1);
                }
                assertThat(sum).isEqualTo(line);
            }
        }
    }

    @Test
    void no_unit_is_refunded_more_than_a_cent_above_its_even_share() {
        long total = 1000;
        for (int before = 0; before < 7; before++) {
            long share = RefundProration.unitsShare(total, 7, before, 1);
            assertThat(share).isBetween(142L, 143L);
        }
    }
}
