package com.omnichannel.gateway.platform.graphql;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.platform.http.AnswerHeaders;
import com.omnichannel.gateway.platform.http.GraphQLHttpAnswers;
import com.omnichannel.gateway.platform.http.GraphQLHttpRequest;
import com.omnichannel.gateway.platform.http.GraphQLOverHttp;

import graphql.language.Document;
import io.vertx.ext.web.RoutingContext;

/**
 * The request side of the {@link ResponseCache}: a cacheable request it has an answer for is answered here,
 * before the engine runs (or, over GET with a matching {@code If-None-Match}, with 304); one it has none for is marked
 * ({@value ResponseCache#HEADER}: miss) so that the engine's answer is kept. Either way an anonymous answer is public
 * ({@link AnswerHeaders}); a kiosk's stays private to it ({@link CacheScope#shared()}).
 */
@ApplicationScoped
public class CachedAnswers {

    private final ResponseCache responseCache;

    public CachedAnswers(ResponseCache responseCache) {
        this.responseCache = responseCache;
    }

    /**
     * Whether the request was answered from the cache.
     *
     * @param scope who may share the answer, or null when it is not to be cached
     */
    boolean answered(RoutingContext ctx, CacheScope scope, GraphQLHttpRequest request, String text, Document document) {
        if (scope == null || (!responseCache.enabled() && !(scope.shared() && GraphQLOverHttp.cameAsGet(ctx)))) {
            // With the cache off, only a public answer over GET has something to gain: its HTTP tag. Any other
            // would have its answer encoded and hashed once more for nothing.
            return false;
        }
        boolean graphqlResponse = GraphQLHttpAnswers.acceptsGraphQLResponse(ctx);
        String key = responseCache.keyFor(scope, text, document, request.operationName(), request.variables(), graphqlResponse);
        if (key == null) {
            return false;
        }
        ResponseCache.Entry cached = responseCache.enabled() ? responseCache.lookup(key) : null;
        if (cached != null) {
            ctx.response().putHeader(ResponseCache.HEADER, "hit");
            if (scope.shared()) {
                AnswerHeaders.publicAnswer(ctx, cached.etag());
            }
            if (scope.shared() && AnswerHeaders.notModified(ctx, cached.etag())) {
                ctx.response().setStatusCode(304).end();
            } else {
                ctx.response().putHeader("Content-Type", GraphQLHttpAnswers.contentType(ctx)).end(cached.body());
            }
            return true;
        }
        if (responseCache.enabled()) {
            ctx.response().putHeader(ResponseCache.HEADER, "miss");
        }
        responseCache.expect(key, scope.shared(), ctx);
        return false;
    }
}
