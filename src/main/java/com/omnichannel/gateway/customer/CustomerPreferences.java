package com.omnichannel.gateway.customer;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Ignore;

import com.omnichannel.gateway.platform.security.Channel;

/** The store and channel a customer prefers; the store is resolved from the store directory. */
@Description("How the customer likes to shop.")
public record CustomerPreferences(
        @Ignore String customerId,
        @Ignore Long preferredStoreKey,
        @Description("The channel the customer prefers to be reached through; null when not chosen.") Channel preferredChannel) {
}
