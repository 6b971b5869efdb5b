package com.omnichannel.gateway.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The stacking rules and arithmetic of promotions, without the service around them. */
class PromotionEngineTest {

    private static final PromotionEngine.Shopper WEB = new PromotionEngine.Shopper("BRONZE", "WEB", Instant.now(), Map.of(), true);

    private static PromotionRule percent(long key, String code, String percent) {
        return new PromotionRule(key, "P" + key, code, PromotionKind.PERCENTAGE, new BigDecimal(percent), null, null, Set.of(), Set.of(),
                Set.of(), Set.of(), null, null, null, null, 0, false);
    }

    private static PromotionRule fixed(long key, String code, long amountMinor) {
        return new PromotionRule(key, "F" + key, code, PromotionKind.FIXED_AMOUNT, null, amountMinor, null, Set.of(), Set.of(),
                Set.of(), Set.of(), null, null, null, null, 0, false);
    }

    private static PromotionEngine.Line line(long product, long unitMinor, int quantity) {
        return new PromotionEngine.Line(product, Set.of(), quantity, unitMinor);
    }

    @Test
    void percentages_apply_before_fixed_amounts_whichever_is_the_coupon() {
        List<PromotionEngine.Line> lines = List.of(line(1, 10000, 1));
        // Automatic fixed 5.00 and a 10 % coupon: 10 % of 100.00 first, then 5.00 = 15.00 (not 14.50).
        var result = PromotionEngine.evaluate(lines, List.of(fixed(1, null, 500)), percent(2, "TEN", "10"), "TEN", WEB);
        assertThat(result.total()).isEqualTo(1500);
        assertThat(result.applied()).extracting(a -> a.rule().key()).containsExactly(2L, 1L);
        assertThat(result.couponProblem()).isNull();
    }

    @Test
    void percentages_compound_and_no_line_goes_below_zero() {
        List<PromotionEngine.Line> lines = List.of(line(1, 10000, 1), line(2, 300, 1));
        var result = PromotionEngine.evaluate(lines, List.of(percent(1, null, "20"), percent(2, null, "10"), fixed(3, null, 100000)), null, null, WEB);
        // 20 % then 10 % of the rest: 28.00 off 100.00 and 0.84 off 3.00; then the fixed amount takes all that is left.
        assertThat(result.lineDiscounts()).containsExactly(10000, 300);
        assertThat(result.applied()).extracting(PromotionEngine.Applied::amountMinor).containsExactly(2060L, 824L, 7416L);
    }

    @Test
    void a_fixed_amount_is_spread_in_proportion_and_adds_up_exactly() {
        long[] share = PromotionEngine.spread(1000, new long[] { 3333, 3333, 3334 }, i -> true);
        assertThat(share[0] + share[1] + share[2]).isEqualTo(1000);
        assertThat(share).containsExactly(333, 333, 334);
        long[] scoped = PromotionEngine.spread(500, new long[] { 9000, 1000, 5000 }, i -> i != 2);
        assertThat(scoped).containsExactly(450, 50, 0);
    }

    @Test
    void a_second_coupon_is_not_possible_and_an_unknown_one_is_reported() {
        var result = PromotionEngine.evaluate(List.of(line(1, 1000, 1)), List.of(), null, "NOPE", WEB);
        assertThat(result.couponProblem().code().name()).isEqualTo("COUPON_UNKNOWN");
        assertThat(result.total()).isZero();
    }
}
