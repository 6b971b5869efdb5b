package com.omnichannel.gateway.loyalty;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.ids.GlobalId;
import com.omnichannel.gateway.platform.security.Channel;

@Description("One entry of a customer's loyalty ledger; entries are never changed, corrections are new entries.")
public record LoyaltyLedgerEntry(
        @Description("Opaque id of the entry.") @NonNull @Id String id,
        @Description("Why the points changed.") @NonNull LoyaltyLedgerKind kind,
        @Description("Change of the available balance: positive or negative.") int points,
        @Description("Human-readable reason (the order number, or staff's reason for an adjustment).") @NonNull String reason,
        @Description("The order it belongs to, if any.") String orderNumber,
        @Description("The channel the points belong to: for an order's entries the order's channel (points of a kiosk order "
                + "picked up at the counter are KIOSK points), otherwise the channel it happened through; null for scheduled expiry.")
        Channel channel,
        @Description("The channel of whoever recorded the entry (STAFF for an order handed over at the counter); null for "
                + "scheduled expiry.") Channel actorChannel,
        @NonNull OffsetDateTime createdAt) {

    public static final String TYPE = "LoyaltyLedgerEntry";

    public static String globalId(long key) {
        return GlobalId.encode(TYPE, key);
    }
}
