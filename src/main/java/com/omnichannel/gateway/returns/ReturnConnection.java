package com.omnichannel.gateway.returns;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.paging.PageInfo;

@Description("A page of returns; follow pageInfo.endCursor for the next one.")
public record ReturnConnection(
        @Description("The returns of this page, in order, each with its cursor.") @NonNull List<@NonNull Edge> edges,
        @Description("Whether more pages follow, and the cursors to ask for them.") @NonNull PageInfo pageInfo) {

    @Description("One return in a page, with its cursor.")
    @Name("ReturnEdge")
    public record Edge(
            @Description("Opaque position of this item: pass it as 'after' to get the items that follow.") @NonNull String cursor,
            @Description("The return.") @NonNull Return node) {
    }
}
