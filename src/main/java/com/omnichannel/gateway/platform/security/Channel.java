package com.omnichannel.gateway.platform.security;

import org.eclipse.microprofile.graphql.Description;

/** The kind of client a request comes from; recorded on carts, orders and events for cross-channel figures. */
@Description("Where a request, cart line, order or event comes from.")
public enum Channel {
    @Description("The web storefront (the default).") WEB,
    @Description("The mobile app (X-Channel: MOBILE).") MOBILE,
    @Description("An in-store kiosk (kiosk token, or a customer signed in at a kiosk).") KIOSK,
    @Description("Store staff, back office and integrations (staff or integration token).") STAFF,
    @Description("A store's point of sale: over-the-counter sales (posSaleRecord), and calls of a POS with a staff or "
            + "integration token and X-Channel: POS.") POS
}
