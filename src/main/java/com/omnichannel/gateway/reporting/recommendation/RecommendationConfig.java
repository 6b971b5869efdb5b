package com.omnichannel.gateway.reporting.recommendation;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Recommendations: how long ranked lists stay in Redis, and the period best-sellers are counted over. */
@ConfigMapping(prefix = "app.recommendations")
public interface RecommendationConfig {

    @WithDefault("PT60S")
    Duration cacheTtl();

    @WithDefault("P90D")
    Duration bestSellerWindow();
}
