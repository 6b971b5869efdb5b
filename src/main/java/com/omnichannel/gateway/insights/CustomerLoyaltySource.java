package com.omnichannel.gateway.insights;

import java.util.Map;
import java.util.Set;

import io.smallrye.mutiny.Uni;

/**
 * Where the customer 360 view gets loyalty summaries from: the loyalty domain implements it as a CDI bean. Without
 * one, {@code Customer.loyalty} is null.
 */
public interface CustomerLoyaltySource {

    /** Summaries of these customers, by customer id; customers without a loyalty account are left out. */
    Uni<Map<String, LoyaltySummary>> summariesOf(Set<String> customerIds);
}
