package com.omnichannel.gateway.platform.http;

import java.util.List;
import java.util.Locale;

import com.omnichannel.gateway.platform.errors.ErrorCode;

import graphql.language.SourceLocation;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * How GraphQL answers look over HTTP: the media type a client gets, the status of requests that failed before
 * execution, and the error body of requests refused before the engine runs.
 * <p>
 * Clients that do not ask for {@code application/graphql-response+json} (no Accept, {@code *}{@code /*},
 * {@code application/json}) get {@code application/json}, as GraphQL over HTTP asks of servers; those that do get
 * HTTP 400 for requests that failed before execution (parse, validation, variables).
 */
public final class GraphQLHttpAnswers {

    public static final String GRAPHQL_RESPONSE_JSON = "application/graphql-response+json";
    private static final String REQUEST_ERROR = "graphql.request-error";

    private GraphQLHttpAnswers() {
    }

    /** Whether the client accepts {@code application/graphql-response+json}. */
    public static boolean acceptsGraphQLResponse(RoutingContext ctx) {
        return lower(ctx.request().getHeader("Accept")).contains(GRAPHQL_RESPONSE_JSON);
    }

    /** The Content-Type of an answer to this client. */
    public static String contentType(RoutingContext ctx) {
        return acceptsGraphQLResponse(ctx) ? GRAPHQL_RESPONSE_JSON + ";charset=UTF-8" : "application/json;charset=UTF-8";
    }

    /** Sets up the media type and status of the answer the engine will write for this request. */
    public static void negotiate(RoutingContext ctx) {
        if (acceptsGraphQLResponse(ctx)) {
            Context context = Vertx.currentContext();
            if (context != null && VertxContext.isDuplicatedContext(context)) {
                context.removeLocal(REQUEST_ERROR);
                ctx.addHeadersEndHandler(v -> {
                    if (Boolean.TRUE.equals(context.getLocal(REQUEST_ERROR)) && ctx.response().getStatusCode() == 200) {
                        ctx.response().setStatusCode(400);
                    }
                });
            }
            return;
        }
        ctx.addHeadersEndHandler(v -> {
            String type = ctx.response().headers().get("Content-Type");
            if (type != null && type.startsWith(GRAPHQL_RESPONSE_JSON)) {
                ctx.response().putHeader("Content-Type", "application/json;charset=UTF-8");
            }
        });
    }

    /**
     * Called by the engine's error handling when a request failed before execution (validation, variable
     * coercion: the result has no data). Remembered on the request's own Vert.x context, so that clients that
     * accept {@code application/graphql-response+json} get HTTP 400 for it.
     */
    public static void markRequestError() {
        Context context = Vertx.currentContext();
        if (context != null && VertxContext.isDuplicatedContext(context)) {
            context.putLocal(REQUEST_ERROR, Boolean.TRUE);
        }
    }

    public static void refuse(RoutingContext ctx, HttpRefusal refusal) {
        reply(ctx, refusal.status(), refusal.code(), refusal.getMessage(), refusal.locations());
    }

    /** Answers with one GraphQL error carrying {@code extensions.code}, and no data. */
    public static void reply(RoutingContext ctx, int status, ErrorCode code, String message, List<SourceLocation> locations) {
        JsonObject error = new JsonObject().put("message", message);
        if (locations != null && !locations.isEmpty()) {
            JsonArray array = new JsonArray();
            locations.forEach(l -> array.add(new JsonObject().put("line", l.getLine()).put("column", l.getColumn())));
            error.put("locations", array);
        }
        error.put("extensions", new JsonObject().put("code", code.name()));
        ctx.response().setStatusCode(status).putHeader("Content-Type", contentType(ctx)).putHeader("Cache-Control", "no-store")
                .end(new JsonObject().put("errors", new JsonArray().add(error)).encode());
    }

    static String lower(String header) {
        return header == null ? "" : header.toLowerCase(Locale.ROOT);
    }
}
