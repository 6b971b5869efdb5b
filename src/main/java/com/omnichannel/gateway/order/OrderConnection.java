package com.omnichannel.gateway.order;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.paging.PageInfo;

@Description("A page of orders; follow pageInfo.endCursor for the next one.")
public record OrderConnection(
        @Description("The orders of this page, in order, each with its cursor.") @NonNull List<@NonNull Edge> edges,
        @Description("Whether more pages follow, and the cursors to ask for them.") @NonNull PageInfo pageInfo) {
    @Description("One order in a page, with its cursor.")
    @Name("OrderEdge")
    public record Edge(
            @Description("Opaque position of this item: pass it as 'after' to get the items that follow.") @NonNull String cursor,
            @Description("The order.") @NonNull Order node) {
    }
}
