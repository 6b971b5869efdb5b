package com.omnichannel.gateway.insights;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;

@Name("CustomerLoyaltySummary")
@Description("A customer's loyalty standing, for staff.")
public record LoyaltySummary(@Description("Points that can be spent now.") int pointsBalance,
        @Description("Points earned but not yet available (e.g. until the order is delivered).") int pendingPoints,
        @Description("The customer's tier, if the programme has tiers.") String tier) {
}
