package com.omnichannel.gateway.platform.http;

import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;

import com.omnichannel.gateway.platform.errors.ErrorCode;

import graphql.language.Document;
import graphql.language.OperationDefinition;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Reads GraphQL requests as GraphQL over HTTP defines them, and refuses malformed ones with our error model
 * ({@link HttpRefusal}): a body that is not JSON, parameters of the wrong type or an unsupported content type
 * ({@code BAD_REQUEST}, HTTP 400/415), a body over the size limit ({@code REQUEST_TOO_LARGE}, 413), a mutation
 * over GET (405).
 */
@ApplicationScoped
public class GraphQLOverHttp {

    private static final String GET_PARAMETERS = "graphql.get-parameters";

    private final long maxBodySize;

    public GraphQLOverHttp(Config config) {
        this.maxBodySize = config.getOptionalValue("quarkus.http.limits.max-body-size", MemorySize.class)
                .map(MemorySize::asLongValue).orElse(10_240L * 1024);
    }

    /**
     * Reads POST bodies up to the size limit; larger ones fail the route with 413 (see {@link #explainTooLarge}).
     * The endpoint takes no uploads: a multipart body is refused with 415 before any of it is read, so nothing of it
     * is stored (the body reader would otherwise write its files to disk first) and a malformed one is no error.
     */
    public Handler<RoutingContext> bodyReader() {
        BodyHandler reader = BodyHandler.create(false).setBodyLimit(maxBodySize);
        return ctx -> {
            if (GraphQLHttpAnswers.lower(ctx.request().getHeader("Content-Type")).startsWith("multipart/")) {
                // The unread body is not waited for: the connection closes after the answer.
                ctx.response().putHeader("Connection", "close");
                GraphQLHttpAnswers.refuse(ctx, new HttpRefusal(415, ErrorCode.BAD_REQUEST,
                        "Multipart requests (file uploads) are not accepted; send application/json"));
                return;
            }
            reader.handle(ctx);
        };
    }

    /** A POST request: a JSON body, or a document as {@code application/graphql}. */
    public GraphQLHttpRequest readPost(RoutingContext ctx) {
        String contentType = GraphQLHttpAnswers.lower(ctx.request().getHeader("Content-Type"));
        if (contentType.startsWith("application/graphql") && !contentType.startsWith(GraphQLHttpAnswers.GRAPHQL_RESPONSE_JSON)) {
            return new GraphQLHttpRequest(ctx.body().asString(), null, null, null, null);
        }
        if (contentType.startsWith("application/json")) {
            return fromJson(ctx.body().buffer());
        }
        throw new HttpRefusal(415, ErrorCode.BAD_REQUEST, "Send the request with Content-Type application/json (or application/graphql)");
    }

    /**
     * Reads a GET request's parameters (each URL-decoded once, documents as sent, newlines and comments included)
     * and reroutes the request as the POST with a JSON body it is equivalent to: the engine's own GET handling
     * decodes parameters a second time, strips newlines and mixes up {@code query} and {@code operationName}, so
     * no GET request reaches it. {@link #readRerouted} gives the request back to the POST route, which still knows
     * that it came as GET ({@link #cameAsGet}): only queries run, and public answers may be cached by HTTP caches.
     */
    public void rerouteGetAsPost(RoutingContext ctx) {
        JsonObject body = new JsonObject();
        putParameter(ctx, body, "query", false);
        putParameter(ctx, body, "operationName", false);
        putParameter(ctx, body, "variables", true);
        putParameter(ctx, body, "extensions", true);
        read(body);
        ctx.put(GET_PARAMETERS, body);
        ctx.request().headers().set("Content-Type", "application/json");
        ctx.reroute(HttpMethod.POST, ctx.request().path());
    }

    /** The request a GET carried, now the body of the rerouted POST, or null when the request came as POST. */
    public GraphQLHttpRequest readRerouted(RoutingContext ctx) {
        JsonObject body = ctx.get(GET_PARAMETERS);
        if (body == null) {
            return null;
        }
        ctx.setBody(Buffer.buffer(body.encode()));
        return read(body);
    }

    /** Whether the request came as GET (and was rerouted as POST by {@link #rerouteGetAsPost}). */
    public static boolean cameAsGet(RoutingContext ctx) {
        return ctx.get(GET_PARAMETERS) != null;
    }

    /** Refuses a GET request whose operation is not a query: GET must not change anything. */
    public void requireQueryOverGet(RoutingContext ctx, Document document, String operationName) {
        if (!isQuery(document, operationName)) {
            ctx.response().putHeader("Allow", "POST");
            throw new HttpRefusal(405, ErrorCode.BAD_REQUEST, "Only queries may be sent with GET; send mutations with POST");
        }
    }

    /** Failure handler: a body over the limit gets our error body instead of an empty 413. */
    public void explainTooLarge(RoutingContext ctx) {
        if (!ctx.response().headWritten() && ctx.statusCode() == 413) {
            GraphQLHttpAnswers.reply(ctx, 413, ErrorCode.REQUEST_TOO_LARGE, "The request body is larger than " + maxBodySize + " bytes",
                    null);
            return;
        }
        ctx.next();
    }

    private static void putParameter(RoutingContext ctx, JsonObject body, String name, boolean json) {
        String value = ctx.request().getParam(name);
        if (value == null) {
            return;
        }
        if (!json) {
            body.put(name, value);
            return;
        }
        try {
            body.put(name, Json.decodeValue(value));
        } catch (DecodeException e) {
            throw new HttpRefusal(400, ErrorCode.BAD_REQUEST, "The '" + name + "' parameter is not valid JSON");
        }
    }

    private static GraphQLHttpRequest fromJson(Buffer buffer) {
        if (buffer == null || buffer.length() == 0) {
            throw new HttpRefusal(400, ErrorCode.BAD_REQUEST, "The request has no body");
        }
        Object parsed;
        try {
            parsed = Json.decodeValue(buffer);
        } catch (DecodeException e) {
            throw new HttpRefusal(400, ErrorCode.BAD_REQUEST, "The request body is not valid JSON");
        }
        if (!(parsed instanceof JsonObject body)) {
            throw new HttpRefusal(400, ErrorCode.BAD_REQUEST, "The request body must be a JSON object");
        }
        return read(body);
    }

    /** Checks the parameters' types (GraphQL over HTTP) and reads the persisted-query extension. */
    private static GraphQLHttpRequest read(JsonObject body) {
        Object query = body.getValue("query");
        if (query != null && !(query instanceof String)) {
            throw new HttpRefusal(400, ErrorCode.BAD_REQUEST, "'query' must be a string");
        }
        Object operationName = body.getValue("operationName");
        if (operationName != null && !(operationName instanceof String)) {
            throw new HttpRefusal(400, ErrorCode.BAD_REQUEST, "'operationName' must be a string");
        }
        Object variables = body.getValue("variables");
        if (variables != null && !(variables instanceof JsonObject)) {
            throw new HttpRefusal(400, ErrorCode.BAD_REQUEST, "'variables' must be an object");
        }
        Object extensions = body.getValue("extensions");
        if (extensions != null && !(extensions instanceof JsonObject)) {
            throw new HttpRefusal(400, ErrorCode.BAD_REQUEST, "'extensions' must be an object");
        }
        String hash = null;
        Integer version = null;
        if (extensions instanceof JsonObject ext && ext.getValue("persistedQuery") != null) {
            if (!(ext.getValue("persistedQuery") instanceof JsonObject persisted)
                    || !(persisted.getValue("sha256Hash") instanceof String sha)
                    || !(persisted.getValue("version") instanceof Number number)) {
                throw new HttpRefusal(400, ErrorCode.BAD_REQUEST,
                        "'extensions.persistedQuery' must be { version: 1, sha256Hash: \"<hex>\" }");
            }
            hash = sha.toLowerCase(Locale.ROOT);
            version = number.intValue();
        }
        String text = (String) query;
        return new GraphQLHttpRequest(text == null || text.isBlank() ? null : text, (String) operationName, body, hash, version);
    }

    /** Whether the operation the request runs is a query (unknown or ambiguous names are left to the engine). */
    private static boolean isQuery(Document document, String operationName) {
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        for (OperationDefinition operation : operations) {
            boolean selected = operationName == null ? operations.size() == 1 : operationName.equals(operation.getName());
            if (selected) {
                return operation.getOperation() == OperationDefinition.Operation.QUERY;
            }
        }
        return true;
    }
}
