package com.omnichannel.gateway.loyalty;

import org.eclipse.microprofile.graphql.Description;

@Description("What a loyalty ledger entry records.")
public enum LoyaltyLedgerKind {
    @Description("Points of a delivered or picked-up order became available.")
    EARN,
    @Description("Points paid for part of an order.")
    REDEEM,
    @Description("Redeemed points given back because their order was cancelled.")
    REVERSE,
    @Description("A correction by staff, with a reason.")
    ADJUST,
    @Description("Points expired after a period without activity.")
    EXPIRE,
    @Description("Units of an order were returned: points earned on them taken back (negative), or points redeemed on them given back (positive).")
    RETURN
}
