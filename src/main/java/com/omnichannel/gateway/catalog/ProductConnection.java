package com.omnichannel.gateway.catalog;

import java.util.List;

import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.paging.PageInfo;

public record ProductConnection(@NonNull List<@NonNull Edge> edges, @NonNull PageInfo pageInfo) {
    @Name("ProductEdge")
    public record Edge(@NonNull String cursor, @NonNull Product node) {
    }
}
