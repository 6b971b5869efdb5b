package com.omnichannel.gateway.platform.security;

/** The kind of client a request comes from; recorded on carts, orders and events for cross-channel figures. */
public enum Channel {
    WEB,
    MOBILE,
    KIOSK,
    STAFF
}
