package com.omnichannel.gateway.credit;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.ids.GlobalId;
import com.omnichannel.gateway.platform.money.Money;
import com.omnichannel.gateway.platform.security.Channel;

@Description("One entry of a customer's store credit ledger; entries are never changed, corrections are new entries.")
public record StoreCreditEntry(
        @Description("Opaque id of the entry.") @NonNull @Id String id,
        @Description("Why the balance changed.") @NonNull StoreCreditEntryKind kind,
        @Description("Change of the balance: positive (credited) or negative (spent, taken away).") @NonNull Money amount,
        @Description("Human-readable reason (the refund's, staff's, or the order's).") @NonNull String reason,
        @Description("The order it belongs to (SPEND, RESTORE), if any.") String orderNumber,
        @Description("The channel it happened through.") Channel channel,
        @Description("When it was written.") @NonNull OffsetDateTime createdAt) {

    public static final String TYPE = "StoreCreditEntry";

    public static String globalId(long key) {
        return GlobalId.encode(TYPE, key);
    }
}
