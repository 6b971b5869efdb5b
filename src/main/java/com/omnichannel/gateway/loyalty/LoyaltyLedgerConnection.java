package com.omnichannel.gateway.loyalty;

import java.util.List;

import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.paging.PageInfo;

public record LoyaltyLedgerConnection(@NonNull List<@NonNull Edge> edges, @NonNull PageInfo pageInfo) {

    @Name("LoyaltyLedgerEdge")
    public record Edge(@NonNull String cursor, @NonNull LoyaltyLedgerEntry node) {
    }
}
