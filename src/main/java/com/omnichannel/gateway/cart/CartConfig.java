package com.omnichannel.gateway.cart;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Carts in Redis: every write extends a cart's life by its time to live. */
@ConfigMapping(prefix = "app.cart")
public interface CartConfig {

    @WithDefault("P14D")
    Duration anonymousTtl();

    @WithDefault("P90D")
    Duration customerTtl();

    /** How long a kiosk-to-phone hand-off code can be claimed. */
    @WithDefault("PT5M")
    Duration handoffTtl();
}
