package com.omnichannel.gateway.inventory;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.security.Channel;
import com.omnichannel.gateway.store.Location;

@Description("One entry of the stock ledger: a change to a stock level, who made it, when, through which channel, why.")
public record StockMovement(@NonNull @Id String id, @NonNull Location location, @NonNull StockMovementKind kind,
        int quantityDelta, int onHandBefore, int onHandAfter, int reservedBefore, int reservedAfter, String reason,
        @NonNull String actor, @NonNull Channel channel, String reference, @NonNull OffsetDateTime createdAt,
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
