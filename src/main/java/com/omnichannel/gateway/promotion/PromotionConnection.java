package com.omnichannel.gateway.promotion;

import java.util.List;

import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.paging.PageInfo;

public record PromotionConnection(@NonNull List<@NonNull Edge> edges, @NonNull PageInfo pageInfo) {

    @Name("PromotionEdge")
    public record Edge(@NonNull String cursor, @NonNull Promotion node) {
    }
}
