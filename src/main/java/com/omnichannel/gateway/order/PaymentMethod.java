package com.omnichannel.gateway.order;

public enum PaymentMethod {
    /** A card, charged through the card payment provider. */
    CARD,
    /** Paid at the store when the order is collected (pickup and curbside only). */
    PAY_IN_STORE
}
