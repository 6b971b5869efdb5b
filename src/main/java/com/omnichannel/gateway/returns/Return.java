package com.omnichannel.gateway.returns;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.ids.GlobalId;
import com.omnichannel.gateway.platform.ids.Node;
import com.omnichannel.gateway.platform.money.Money;
import com.omnichannel.gateway.platform.security.Channel;
import com.omnichannel.gateway.store.Location;

@Description("A return of units of one order: asked for through any channel, received at any location, refunded.")
public record Return(
        @NonNull @Id String id,
        @Description("Where the return is in its lifecycle (see nextStatuses).") @NonNull ReturnStatus status,
        @Description("The statuses this return may move to next.") @NonNull List<@NonNull ReturnStatus> nextStatuses,
        @Description("How the units come back.") @NonNull ReturnMethod method,
        @Description("The order the units were bought with (Order.id).") @NonNull @Id String orderId,
        @Description("The number of that order.") @NonNull String orderNumber,
        @Description("The channel the order was placed through.") @NonNull Channel purchaseChannel,
        @Description("The channel the return was asked for through.") @NonNull Channel channel,
        @Description("For DROP_OFF: the store the customer means to bring the units to (any store may receive them); null otherwise.") Location dropOffStore,
        @Description("The location that received the units; null until received.") Location receivedAt,
        @Description("When the units were received; null until then.") OffsetDateTime receivedOn,
        @Description("Whether every unit asked for was received; null until received.") Boolean receivedFully,
        @Description("What the returned units were paid for (promotions and redeemed points prorated as checkout spread them), plus the "
                + "order's shipping when the shipping rule refunds it: over the units asked for until receipt, over the units received after.") @NonNull Money suggestedRefund,
        @Description("What refunds of this return have paid so far.") @NonNull Money refunded,
        @Description("Points the order earned on the returned units that were taken back (pending ones dropped, available ones taken off the balance).") int pointsTakenBack,
        @Description("Points that should have been taken back but had already been spent: forgiven, the balance never goes below zero.") int pointsForgiven,
        @Description("Points redeemed on the returned units, given back as points.") int pointsGivenBack,
        @Description("For an exchange: the order line of the variant given instead (OrderLine.id); null otherwise.") @Id String exchangeOrderLineId,
        @Description("For an exchange: the new item's price minus what the returned units were paid; charged when positive, refunded "
                + "with the return (suggestedRefund) when negative; null otherwise.") Money exchangePriceDifference,
        @NonNull OffsetDateTime createdAt,
        @NonNull OffsetDateTime updatedAt,
        @Ignore long key,
        @Ignore long orderKey) implements Node {

    public static final String TYPE = "Return";

    public static String globalId(long key) {
        return GlobalId.encode(TYPE, key);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Return that && key == that.key;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(key);
    }
}
