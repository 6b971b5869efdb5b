package com.omnichannel.gateway.cart;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A short code that moves a cart to another device, e.g. from a kiosk to the shopper's phone.")
public record CartHandoff(@NonNull @Description("8 characters shown as XXXX-XXXX, no look-alikes (0/O, 1/I); valid once.") String code,
        @NonNull @Description("What a QR code on the kiosk screen carries: a link that a phone's camera opens at the claim "
                + "(app.cart.handoff-link-template with the code).") String qrPayload,
        @NonNull OffsetDateTime expiresAt) {
}
