package com.omnichannel.gateway.credit;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.paging.PageInfo;

@Description("A page of store credit ledger entries; follow pageInfo.endCursor for the next one.")
public record StoreCreditLedgerConnection(
        @Description("The entries of this page, newest first, each with its cursor.") @NonNull List<@NonNull Edge> edges,
        @Description("Whether more pages follow, and the cursors to ask for them.") @NonNull PageInfo pageInfo) {

    @Description("One store credit ledger entry in a page, with its cursor.")
    @Name("StoreCreditLedgerEdge")
    public record Edge(
            @Description("Opaque position of this item: pass it as 'after' to get the items that follow.") @NonNull String cursor,
            @Description("The ledger entry.") @NonNull StoreCreditEntry node) {
    }
}
