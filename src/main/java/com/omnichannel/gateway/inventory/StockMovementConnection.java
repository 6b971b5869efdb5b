package com.omnichannel.gateway.inventory;

import java.util.List;

import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.paging.PageInfo;

public record StockMovementConnection(@NonNull List<@NonNull Edge> edges, @NonNull PageInfo pageInfo) {
    @Name("StockMovementEdge")
    public record Edge(@NonNull String cursor, @NonNull StockMovement node) {
    }
}
