package com.omnichannel.gateway.customer;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.paging.PageInfo;

@Description("A page of customers; follow pageInfo.endCursor for the next one.")
public record CustomerConnection(
        @Description("The customers of this page, in order, each with its cursor.") @NonNull List<@NonNull Edge> edges,
        @Description("Whether more pages follow, and the cursors to ask for them.") @NonNull PageInfo pageInfo) {
    @Description("One customer in a page, with its cursor.")
    @Name("CustomerEdge")
    public record Edge(
            @Description("Opaque position of this item: pass it as 'after' to get the items that follow.") @NonNull String cursor,
            @Description("The customer.") @NonNull Customer node) {
    }
}
