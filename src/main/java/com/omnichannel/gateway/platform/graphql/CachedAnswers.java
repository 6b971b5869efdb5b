package com.omnichannel.gateway.platform.graphql;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.platform.http.GraphQLHttpAnswers;
import com.omnichannel.gateway.platform.http.GraphQLHttpRequest;

import graphql.language.Document;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * The request side of the {@link ResponseCache}: a cacheable request it has an answer for is answered here,
 * before the engine runs; one it has none for is marked ({@value ResponseCache#HEADER}: miss) so that the engine's
 * answer is kept.
 */
@ApplicationScoped
public class CachedAnswers {

    private final ResponseCache responseCache;

    public CachedAnswers(ResponseCache responseCache) {
        this.responseCache = responseCache;
    }

    /** Whether the request was answered from the cache. */
    boolean answered(RoutingContext ctx, GraphQLHttpRequest request, String text, Document document) {
        boolean graphqlResponse = GraphQLHttpAnswers.acceptsGraphQLResponse(ctx);
        String key = responseCache.keyFor(ctx, text, document, request.operationName(), request.variables(), graphqlResponse);
        if (key == null) {
            return false;
        }
        Buffer cached = responseCache.lookup(key);
        if (cached != null) {
            ctx.response().putHeader(ResponseCache.HEADER, "hit").putHeader("Content-Type", GraphQLHttpAnswers.contentType(ctx))
                    .end(cached);
            return true;
        }
        ctx.response().putHeader(ResponseCache.HEADER, "miss");
        responseCache.expect(key);
        return false;
    }
}
