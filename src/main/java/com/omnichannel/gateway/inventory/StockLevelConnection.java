package com.omnichannel.gateway.inventory;

import java.util.List;

import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.paging.PageInfo;

public record StockLevelConnection(@NonNull List<@NonNull Edge> edges, @NonNull PageInfo pageInfo) {
    @Name("StockLevelEdge")
    public record Edge(@NonNull String cursor, @NonNull StockLevel node) {
    }
}
