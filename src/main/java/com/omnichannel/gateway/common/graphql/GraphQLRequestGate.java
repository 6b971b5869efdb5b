package com.omnichannel.gateway.common.graphql;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.omnichannel.gateway.common.error.ErrorCode;

import graphql.GraphQLError;
import io.quarkus.security.AuthenticationFailedException;
import graphql.language.SourceLocation;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Sits in front of the GraphQL endpoint and answers requests the engine would reject without our error model:
 * a missing or unparseable document ({@code GRAPHQL_PARSE_FAILED}) and rejected credentials
 * ({@code UNAUTHENTICATED} with a GraphQL error body instead of an empty 401). Documents it has parsed before
 * skip the parse.
 */
@ApplicationScoped
public class GraphQLRequestGate {

    static final String PATH = "/graphql";
    /** Clients send a small set of distinct documents; remembering that many bounds the memory arbitrary input can take. */
    static final int MAX_REMEMBERED_DOCUMENTS = 2000;

    private final Set<String> parsedDocuments = ConcurrentHashMap.newKeySet();

    void install(@Observes Router router) {
        router.post(PATH).order(-100).handler(BodyHandler.create()).handler(this::checkDocument);
        router.route(PATH).order(-100).failureHandler(this::explainAuthenticationFailure);
    }

    private void checkDocument(RoutingContext ctx) {
        JsonObject body;
        try {
            body = ctx.body().asJsonObject();
        } catch (DecodeException | ClassCastException e) {
            ctx.next(); // not a single JSON object: the engine answers it
            return;
        }
        if (body == null) {
            ctx.next();
            return;
        }
        Object query = body.getValue("query");
        if (!(query instanceof String text) || text.isBlank()) {
            reply(ctx, 400, ErrorCode.BAD_USER_INPUT, "The request has no GraphQL document in 'query'", null);
            return;
        }
        if (parsedDocuments.contains(text)) {
            ctx.next();
            return;
        }
        try {
            Parser.parse(text);
        } catch (InvalidSyntaxException e) {
            GraphQLError error = e.toInvalidSyntaxError();
            reply(ctx, 200, ErrorCode.GRAPHQL_PARSE_FAILED, error.getMessage(), error.getLocations());
            return;
        }
        if (parsedDocuments.size() < MAX_REMEMBERED_DOCUMENTS) {
            parsedDocuments.add(text);
        }
        ctx.next();
    }

    private void explainAuthenticationFailure(RoutingContext ctx) {
        boolean authenticationFailed = ctx.failure() instanceof AuthenticationFailedException || ctx.statusCode() == 401;
        if (!authenticationFailed || ctx.response().headWritten()) {
            ctx.next();
            return;
        }
        ctx.response().putHeader("WWW-Authenticate", "Bearer");
        reply(ctx, 401, ErrorCode.UNAUTHENTICATED, "The bearer token is invalid or has expired", null);
    }

    private static void reply(RoutingContext ctx, int status, ErrorCode code, String message,
            java.util.List<SourceLocation> locations) {
        JsonObject error = new JsonObject().put("message", message);
        if (locations != null && !locations.isEmpty()) {
            JsonArray array = new JsonArray();
            locations.forEach(l -> array.add(new JsonObject().put("line", l.getLine()).put("column", l.getColumn())));
            error.put("locations", array);
        }
        error.put("extensions", new JsonObject().put("code", code.name()));
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("errors", new JsonArray().add(error)).encode());
    }
}
