package com.omnichannel.gateway.inventory;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.paging.PageInfo;

@Description("A page of stock movements; follow pageInfo.endCursor for the next one.")
public record StockMovementConnection(
        @Description("The stock movements of this page, in order, each with its cursor.") @NonNull List<@NonNull Edge> edges,
        @Description("Whether more pages follow, and the cursors to ask for them.") @NonNull PageInfo pageInfo) {
    @Description("One stock movement in a page, with its cursor.")
    @Name("StockMovementEdge")
    public record Edge(
            @Description("Opaque position of this item: pass it as 'after' to get the items that follow.") @NonNull String cursor,
            @Description("The stock movement.") @NonNull StockMovement node) {
    }
}
