package com.omnichannel.gateway.order;

import java.util.List;

import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.paging.PageInfo;

public record OrderConnection(@NonNull List<@NonNull Edge> edges, @NonNull PageInfo pageInfo) {
    @Name("OrderEdge")
    public record Edge(@NonNull String cursor, @NonNull Order node) {
    }
}
