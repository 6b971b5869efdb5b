package com.omnichannel.gateway.customer;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Staff accounts (signed in like customers, in their own realm). */
@ConfigMapping(prefix = "app.staff")
public interface StaffConfig {

    /** Staff work a shift on one token. */
    @WithDefault("PT8H")
    Duration tokenLifetime();
}
