package com.omnichannel.gateway.credit;

import java.math.BigDecimal;
import java.time.Period;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Gift card settings: how long a card is valid from its issue, the largest value one card may carry, the key of sold cards' codes. */
@ConfigMapping(prefix = "app.gift-card")
public interface GiftCardConfig {

    /** A card expires this long after it is issued (ISO 8601 period, e.g. P5Y); an expired card refuses redemption. */
    @WithDefault("P5Y")
    Period validity();

    /** Largest value of one card (decimal, catalog currency). */
    @WithDefault("1000.00")
    BigDecimal maxValue();

    /**
     * Key of the HMAC that derives the codes of gift cards sold as a product from their order line and unit
     * (GIFT_CARD_CODE_SECRET; required in production). Changing it changes the codes buyers read on their orders,
     * not the cards' stored digests, so it must stay the same once cards were sold.
     */
    String codeSecret();
}
