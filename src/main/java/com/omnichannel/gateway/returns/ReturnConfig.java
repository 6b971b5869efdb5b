package com.omnichannel.gateway.returns;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Returns: how long after hand-over units may be returned, and when shipping is refunded. */
@ConfigMapping(prefix = "app.returns")
public interface ReturnConfig {

    /** How long after units reached the customer (delivered or picked up) they may be returned. */
    @WithDefault("P30D")
    Duration window();

    /** Whether the shipping paid is refunded, and when. */
    @WithDefault("WHEN_ALL_RETURNED")
    ShippingRefundRule shippingRefund();
}
