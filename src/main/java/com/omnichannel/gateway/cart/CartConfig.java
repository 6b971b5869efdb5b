package com.omnichannel.gateway.cart;

import java.time.Duration;

import jakarta.validation.constraints.Pattern;

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

    /**
     * The link a hand-off QR code carries, {code} standing for the code: the page (or app link) of the shop where a
     * phone claims the cart, so the phone's camera opens it.
     */
    @WithDefault("https://shop.example/handoff/{code}")
    @Pattern(regexp = ".*\\{code\\}.*", message = "must contain the placeholder of the code")
    String handoffLinkTemplate();
}
