package com.omnichannel.gateway.demo;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Demo data: loaded in dev mode and by the load benchmark, never in production. */
@ConfigMapping(prefix = "app.demo-data")
public interface DemoDataConfig {

    @WithDefault("false")
    boolean enabled();
}
