package com.omnichannel.gateway.store;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.paging.PageInfo;

public record LocationConnection(@NonNull List<@NonNull Edge> edges, @NonNull PageInfo pageInfo) {
    @org.eclipse.microprofile.graphql.Name("LocationEdge")
    public record Edge(@NonNull String cursor, @NonNull Location node) {
    }
}
