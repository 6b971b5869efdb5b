package com.omnichannel.gateway.returns;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShippingRefundRuleTest {

    @Test
    void shipping_comes_back_once_with_the_last_units_unless_the_rule_says_never() {
        assertThat(ShippingRefundRule.WHEN_ALL_RETURNED.refundOf(495, true, false)).isEqualTo(495);
        assertThat(ShippingRefundRule.WHEN_ALL_RETURNED.refundOf(495, false, false)).isZero();
        assertThat(ShippingRefundRule.WHEN_ALL_RETURNED.refundOf(495, true, true)).isZero();
        assertThat(ShippingRefundRule.WHEN_ALL_RETURNED.refundOf(0, true, false)).isZero();
        assertThat(ShippingRefundRule.NEVER.refundOf(495, true, false)).isZero();
    }
}
