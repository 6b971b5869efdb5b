package com.omnichannel.gateway.order;

public enum PaymentStatus {
    /** Nothing taken yet: pay in store. */
    PENDING,
    /** The card amount is held; it is captured when goods leave the location. */
    AUTHORIZED,
    PAID,
    /** The authorization was released (cancelled before any capture). */
    VOIDED,
    REFUNDED
}
