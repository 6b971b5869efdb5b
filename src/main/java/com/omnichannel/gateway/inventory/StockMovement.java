package com.omnichannel.gateway.inventory;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.security.Channel;
import com.omnichannel.gateway.store.Location;

@Description("One entry of the stock ledger: a change to a stock level, who made it, when, through which channel, why.")
public record StockMovement(
        @Description("Opaque id of the ledger entry.") @NonNull @Id String id,
        @Description("Where.") @NonNull Location location,
        @Description("What moved the stock.") @NonNull StockMovementKind kind,
        @Description("Change of units on hand (negative when units left); 0 for reservations.") int quantityDelta,
        @Description("Units on hand before.") int onHandBefore,
        @Description("Units on hand after.") int onHandAfter,
        @Description("Units reserved before.") int reservedBefore,
        @Description("Units reserved after.") int reservedAfter,
        @Description("Staff's reason; null when none.") String reason,
        @Description("Who caused it: the token subject of the caller (e.g. a staff member's id), or 'anonymous' for a guest's checkout.") @NonNull String actor,
        @Description("The channel it came through.") @NonNull Channel channel,
        @Description("What it belongs to, e.g. an order number; null when nothing.") String reference,
        @NonNull OffsetDateTime createdAt,
        @Ignore long variantKey) {

    public static final String TYPE = "StockMovement";

    // Identity is the stored key. Batch loaders hash their source objects; hashing every component (lists,
    // money, nested records) of hundreds of objects per request was measurable.
    @Override
    public boolean equals(Object other) {
        return other instanceof StockMovement that && id.equals(that.id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }
}
