package com.omnichannel.gateway.promotion;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Promotions: how long cart reads take promotion definitions and product categories from memory (applying a coupon
 * and checkout always read the database).
 */
@ConfigMapping(prefix = "app.promotions")
public interface PromotionConfig {

    @WithDefault("PT5S")
    Duration cacheTtl();

    @WithDefault("PT1M")
    Duration categoryCacheTtl();
}
