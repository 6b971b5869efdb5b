package com.omnichannel.gateway.credit;

import java.math.BigDecimal;
import java.time.Period;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Gift card settings: how long a card is valid from its issue, and the largest value one card may carry. */
@ConfigMapping(prefix = "app.gift-card")
public interface GiftCardConfig {

    /** A card expires this long after it is issued (ISO 8601 period, e.g. P5Y); an expired card refuses redemption. */
    @WithDefault("P5Y")
    Period validity();

    /** Largest value of one card (decimal, catalog currency). */
    @WithDefault("1000.00")
    BigDecimal maxValue();
}
