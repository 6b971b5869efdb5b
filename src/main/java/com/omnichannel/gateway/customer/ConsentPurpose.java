package com.omnichannel.gateway.customer;

import org.eclipse.microprofile.graphql.Description;

/** What a customer may agree to, each given or withdrawn separately. */
@Description("What a customer may agree to.")
public enum ConsentPurpose {
    @Description("Marketing emails.") EMAIL_MARKETING,
    @Description("Marketing text messages.") SMS_MARKETING,
    @Description("Recommendations from the customer's activity.") PERSONALISATION
}
