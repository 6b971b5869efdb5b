package com.omnichannel.gateway.customer;

import org.eclipse.microprofile.graphql.Ignore;

import com.omnichannel.gateway.platform.security.Channel;

/** The store and channel a customer prefers; the store is resolved from the store directory. */
public record CustomerPreferences(@Ignore String customerId, @Ignore Long preferredStoreKey, Channel preferredChannel) {
}
