package com.omnichannel.gateway.customer;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.security.Channel;

@Description("A customer's consent for one purpose: whether it is given, when and through which channel it last changed "
        + "(both null when the customer never decided, which counts as not given).")
public record Consent(
        @Description("What the consent is for.") @NonNull ConsentPurpose purpose,
        @Description("Whether the customer agrees; false when never decided.") boolean granted,
        @Description("The channel the consent was last changed through; null when never decided.") Channel channel,
        OffsetDateTime changedAt) {
}
