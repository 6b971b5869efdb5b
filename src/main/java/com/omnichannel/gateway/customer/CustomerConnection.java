package com.omnichannel.gateway.customer;

import java.util.List;

import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.paging.PageInfo;

public record CustomerConnection(@NonNull List<@NonNull Edge> edges, @NonNull PageInfo pageInfo) {
    @Name("CustomerEdge")
    public record Edge(@NonNull String cursor, @NonNull Customer node) {
    }
}
