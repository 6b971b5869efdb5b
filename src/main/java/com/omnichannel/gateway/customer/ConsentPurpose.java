package com.omnichannel.gateway.customer;

/** What a customer may agree to, each given or withdrawn separately. */
public enum ConsentPurpose {
    EMAIL_MARKETING,
    SMS_MARKETING,
    PERSONALISATION
}
