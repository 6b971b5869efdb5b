package com.omnichannel.gateway.platform.money;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Minor units are written as the decimal they stand for, as BigDecimal writes it, in every currency's digits. */
class MoneyTest {

    @Test
    void minor_units_are_written_as_big_decimal_writes_them() {
        List<Long> amounts = new ArrayList<>(List.of(0L, 1L, -1L, 5L, 9L, 10L, 99L, 100L, 101L, 1999L, -1999L, 100_000L,
                -5L, -100L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1));
        SplittableRandom random = new SplittableRandom(24);
        for (int i = 0; i < 20_000; i++) {
            long amount = random.nextLong() >> random.nextInt(64);
            amounts.add(amount);
        }
        for (int digits : new int[] { 0, 1, 2, 3, 4, 18, 19 }) {
            for (long amount : amounts) {
                assertThat(Money.plain(amount, digits)).as("%d with %d digits", amount, digits)
                        .isEqualTo(BigDecimal.valueOf(amount, digits).toPlainString());
            }
        }
    }

    @Test
    void amounts_are_written_in_the_currency_s_digits() {
        assertThat(Money.ofMinor(1999, "EUR")).isEqualTo(new Money("19.99", "EUR"));
        assertThat(Money.ofMinor(-5, "EUR")).isEqualTo(new Money("-0.05", "EUR"));
        assertThat(Money.ofMinor(1999, "JPY")).isEqualTo(new Money("1999", "JPY"));
        assertThat(Money.ofMinor(1999, "KWD")).isEqualTo(new Money("1.999", "KWD"));
        assertThat(Money.ofMinor(0, "USD")).isEqualTo(new Money("0.00", "USD"));
    }
}
