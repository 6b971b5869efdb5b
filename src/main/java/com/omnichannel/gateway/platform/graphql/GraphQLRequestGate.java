package com.omnichannel.gateway.platform.graphql;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import com.omnichannel.gateway.platform.errors.ErrorCode;
import com.omnichannel.gateway.platform.ratelimit.RateLimiter;
import com.omnichannel.gateway.platform.security.CallerResolver;
import com.omnichannel.gateway.platform.security.Channel;
import com.omnichannel.gateway.platform.security.ChannelResolution;
import com.omnichannel.gateway.platform.security.TokenIssuer;

import graphql.GraphQLError;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.language.SourceLocation;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Sits in front of the GraphQL endpoint (POST and GET {@code /graphql}) and answers what the engine would answer
 * without our error model, or not at all:
 * <ul>
 * <li>malformed requests: a body that is not JSON, parameters of the wrong type, an unsupported content type
 * ({@code BAD_REQUEST}, HTTP 400/415), a body over the size limit ({@code REQUEST_TOO_LARGE}, 413), a missing or
 * unparseable document or one with too many tokens ({@code GRAPHQL_PARSE_FAILED}), a mutation over GET (405);</li>
 * <li>persisted queries ({@link PersistedQueries}): a request carrying only
 * {@code extensions.persistedQuery.sha256Hash} gets its document filled in, or {@code PERSISTED_QUERY_NOT_FOUND}
 * so that an APQ client sends it in full; a full document with a hash is registered when the hash matches;</li>
 * <li>channels that accept only trusted operations ({@code app.graphql.trusted-operations-only.<channel>}):
 * anything but their client's registered operations gets {@code OPERATION_NOT_ALLOWED} (403);</li>
 * <li>rejected credentials: {@code UNAUTHENTICATED} with a GraphQL error body instead of an empty 401;</li>
 * <li>anonymous catalog queries answered before by the {@link ResponseCache}.</li>
 * </ul>
 * Documents it has parsed before skip the parse. Parse failures answer 200 for {@code application/json} clients
 * and 400 for clients that accept {@code application/graphql-response+json}, as GraphQL over HTTP asks.
 */
@ApplicationScoped
public class GraphQLRequestGate {

    private static final Logger LOG = Logger.getLogger(GraphQLRequestGate.class);

    static final String PATH = "/graphql";
    static final String GRAPHQL_RESPONSE_JSON = "application/graphql-response+json";
    private static final String REQUEST_ERROR = "graphql.request-error";
    /** Clients send a small set of distinct documents; remembering that many bounds the memory arbitrary input can take. */
    static final int MAX_REMEMBERED_DOCUMENTS = 2000;
    /**
     * Automatic registrations share Redis with the carts: documents larger than real client operations are run but
     * not registered, and each client address may register only so many per window (rate-limit action
     * {@value #APQ_REGISTRATIONS}).
     */
    static final int MAX_REGISTERED_DOCUMENT_LENGTH = 32 * 1024;
    static final String APQ_REGISTRATIONS = "apq-registrations";

    private final Map<String, Document> parsedDocuments = new ConcurrentHashMap<>();
    private final PersistedQueries persistedQueries;
    private final ResponseCache responseCache;
    private final RateLimiter limiter;
    private final RateLimiter.Limit registrations;
    private final ParserOptions parserOptions;
    private final long maxBodySize;
    private final boolean schemaEndpointEnabled;

    public GraphQLRequestGate(PersistedQueries persistedQueries, ResponseCache responseCache, RateLimiter limiter, Config config) {
        this.persistedQueries = persistedQueries;
        this.responseCache = responseCache;
        this.limiter = limiter;
        this.registrations = limiter.limit(APQ_REGISTRATIONS, 100, Duration.ofHours(1));
        int maxTokens = config.getOptionalValue("app.graphql.max-tokens", Integer.class).orElse(ParserOptions.MAX_QUERY_TOKENS);
        this.parserOptions = ParserOptions.getDefaultOperationParserOptions().transform(b -> b.maxTokens(maxTokens));
        this.maxBodySize = config.getOptionalValue("quarkus.http.limits.max-body-size", MemorySize.class)
                .map(MemorySize::asLongValue).orElse(10_240L * 1024);
        this.schemaEndpointEnabled = config.getOptionalValue("app.graphql.schema-endpoint-enabled", Boolean.class).orElse(true);
    }

    void install(@Observes Router router) {
        router.post(PATH).order(-100).handler(BodyHandler.create().setBodyLimit(maxBodySize)).handler(this::checkPost);
        router.get(PATH).order(-100).handler(this::checkGet);
        router.route(PATH).order(-100).failureHandler(this::explainFailure);
        router.get(PATH + "/schema.graphql").order(-100).handler(this::schemaEndpoint);
    }

    /** What one request asks for, read from a JSON body or from GET parameters. */
    private record GraphQLRequest(String query, String operationName, JsonObject body, String persistedHash,
            Integer persistedVersion) {
    }

    /** A request the gate refuses, with the answer it gets. */
    private static final class Refusal extends RuntimeException {
        final int status;
        final ErrorCode code;

        Refusal(int status, ErrorCode code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }

    // ---- reading requests

    private void checkPost(RoutingContext ctx) {
        fixResponseContentType(ctx);
        String contentType = lower(ctx.request().getHeader("Content-Type"));
        try {
            GraphQLRequest request;
            if (contentType.startsWith("application/graphql") && !contentType.startsWith(GRAPHQL_RESPONSE_JSON)) {
                String text = ctx.body().asString();
                request = new GraphQLRequest(text, null, null, null, null);
            } else if (contentType.startsWith("application/json")) {
                request = fromJson(ctx.body().buffer());
            } else {
                throw new Refusal(415, ErrorCode.BAD_REQUEST,
                        "Send the request with Content-Type application/json (or application/graphql)");
            }
            process(ctx, request, false);
        } catch (Refusal refusal) {
            reply(ctx, refusal.status, refusal.code, refusal.getMessage(), null);
        }
    }

    private void checkGet(RoutingContext ctx) {
        if ("websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"))) {
            ctx.next(); // subscriptions
            return;
        }
        fixResponseContentType(ctx);
        try {
            JsonObject body = new JsonObject();
            putParameter(ctx, body, "query", false);
            putParameter(ctx, body, "operationName", false);
            putParameter(ctx, body, "variables", true);
            putParameter(ctx, body, "extensions", true);
            process(ctx, read(body), true);
        } catch (Refusal refusal) {
            reply(ctx, refusal.status, refusal.code, refusal.getMessage(), null);
        }
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
            throw new Refusal(400, ErrorCode.BAD_REQUEST, "The '" + name + "' parameter is not valid JSON");
        }
    }

    private static GraphQLRequest fromJson(Buffer buffer) {
        if (buffer == null || buffer.length() == 0) {
            throw new Refusal(400, ErrorCode.BAD_REQUEST, "The request has no body");
        }
        Object parsed;
        try {
            parsed = Json.decodeValue(buffer);
        } catch (DecodeException e) {
            throw new Refusal(400, ErrorCode.BAD_REQUEST, "The request body is not valid JSON");
        }
        if (!(parsed instanceof JsonObject body)) {
            throw new Refusal(400, ErrorCode.BAD_REQUEST, "The request body must be a JSON object");
        }
        return read(body);
    }

    /** Checks the parameters' types (GraphQL over HTTP) and reads the persisted-query extension. */
    private static GraphQLRequest read(JsonObject body) {
        Object query = body.getValue("query");
        if (query != null && !(query instanceof String)) {
            throw new Refusal(400, ErrorCode.BAD_REQUEST, "'query' must be a string");
        }
        Object operationName = body.getValue("operationName");
        if (operationName != null && !(operationName instanceof String)) {
            throw new Refusal(400, ErrorCode.BAD_REQUEST, "'operationName' must be a string");
        }
        Object variables = body.getValue("variables");
        if (variables != null && !(variables instanceof JsonObject)) {
            throw new Refusal(400, ErrorCode.BAD_REQUEST, "'variables' must be an object");
        }
        Object extensions = body.getValue("extensions");
        if (extensions != null && !(extensions instanceof JsonObject)) {
            throw new Refusal(400, ErrorCode.BAD_REQUEST, "'extensions' must be an object");
        }
        String hash = null;
        Integer version = null;
        if (extensions instanceof JsonObject ext && ext.getValue("persistedQuery") != null) {
            if (!(ext.getValue("persistedQuery") instanceof JsonObject persisted)
                    || !(persisted.getValue("sha256Hash") instanceof String sha)
                    || !(persisted.getValue("version") instanceof Number number)) {
                throw new Refusal(400, ErrorCode.BAD_REQUEST,
                        "'extensions.persistedQuery' must be { version: 1, sha256Hash: \"<hex>\" }");
            }
            hash = sha.toLowerCase(Locale.ROOT);
            version = number.intValue();
        }
        String text = (String) query;
        return new GraphQLRequest(text == null || text.isBlank() ? null : text, (String) operationName, body, hash, version);
    }

    // ---- deciding

    private void process(RoutingContext ctx, GraphQLRequest request, boolean get) {
        ChannelResolution resolution = channelOf(ctx);
        Channel channel = resolution.countedAs();
        OperationMetrics.rememberChannel(channel);
        if (resolution instanceof ChannelResolution.Resolved) {
            // The channel is the one the resolvers will see: the document this gate lets through needs no second check.
            TrustedOperationGuard.checkedAtGate();
        }
        boolean trustedOnlyChannel = persistedQueries.trustedOnly(channel);
        String hash = request.persistedHash();
        if (hash != null && request.persistedVersion() != 1) {
            throw new Refusal(400, ErrorCode.BAD_REQUEST, "Only version 1 of persisted queries is supported");
        }
        if (request.query() == null) {
            if (hash == null) {
                throw new Refusal(400, ErrorCode.BAD_USER_INPUT, "The request has no GraphQL document in 'query'");
            }
            if (trustedOnlyChannel) {
                PersistedQueries.TrustedOperation operation = persistedQueries.trusted(hash);
                if (operation == null || operation.channel() != channel) {
                    throw notAllowed(channel);
                }
                proceed(ctx, request, operation.document(), true, false, get);
                return;
            }
            Context context = Vertx.currentContext();
            persistedQueries.find(hash).subscribe().with(
                    document -> context.runOnContext(v -> {
                        if (document == null) {
                            // Apollo clients look for this message or code, then send the document in full.
                            reply(ctx, 200, ErrorCode.PERSISTED_QUERY_NOT_FOUND, "PersistedQueryNotFound", null);
                        } else {
                            proceedOrRefuse(ctx, request, document, true, false, get);
                        }
                    }),
                    failure -> context.runOnContext(v -> {
                        LOG.warnf("Persisted query lookup failed: %s", failure.toString());
                        reply(ctx, 503, ErrorCode.PERSISTED_QUERY_NOT_FOUND,
                                "Persisted queries are unavailable; send the full query", null);
                    }));
            return;
        }
        String actual = hash == null && !trustedOnlyChannel ? null : PersistedQueries.sha256(request.query());
        if (hash != null && !hash.equals(actual)) {
            throw new Refusal(400, ErrorCode.BAD_REQUEST, "provided sha does not match query");
        }
        if (trustedOnlyChannel) {
            PersistedQueries.TrustedOperation operation = persistedQueries.trusted(actual);
            if (operation == null || operation.channel() != channel) {
                throw notAllowed(channel);
            }
        }
        boolean register = hash != null && !trustedOnlyChannel && persistedQueries.automaticEnabled();
        proceed(ctx, request, request.query(), false, register, get);
    }

    private void proceedOrRefuse(RoutingContext ctx, GraphQLRequest request, String document, boolean fillIn,
            boolean register, boolean get) {
        try {
            proceed(ctx, request, document, fillIn, register, get);
        } catch (Refusal refusal) {
            reply(ctx, refusal.status, refusal.code, refusal.getMessage(), null);
        }
    }

    /** Parses (or recalls) the document, fills it into the request when it came by hash, and hands over to the engine. */
    private void proceed(RoutingContext ctx, GraphQLRequest request, String text, boolean fillIn, boolean register,
            boolean get) {
        Document document = parsedDocuments.get(text);
        if (document == null) {
            try {
                document = Parser.parse(ParserEnvironment.newParserEnvironment().document(text)
                        .parserOptions(parserOptions).build());
            } catch (InvalidSyntaxException e) {
                GraphQLError error = e.toInvalidSyntaxError();
                reply(ctx, acceptsGraphQLResponse(ctx) ? 400 : 200, ErrorCode.GRAPHQL_PARSE_FAILED, error.getMessage(),
                        error.getLocations());
                return;
            }
            if (parsedDocuments.size() < MAX_REMEMBERED_DOCUMENTS) {
                parsedDocuments.put(text, document);
            }
        }
        if (get && !isQuery(document, request.operationName())) {
            ctx.response().putHeader("Allow", "POST");
            reply(ctx, 405, ErrorCode.BAD_REQUEST, "Only queries may be sent with GET; send mutations with POST", null);
            return;
        }
        if (register && text.length() <= MAX_REGISTERED_DOCUMENT_LENGTH) {
            // Registration does not hold up the request; a client whose document was not registered gets
            // PERSISTED_QUERY_NOT_FOUND for the hash later and sends the document again.
            String address = ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
            limiter.hit(registrations, "ip:" + address)
                    .chain(decision -> decision.allowed() ? persistedQueries.register(request.persistedHash(), text)
                            : Uni.createFrom().voidItem())
                    .subscribe().with(
                            ok -> {
                            },
                            failure -> LOG.warnf("Could not register a persisted query: %s", failure.toString()));
        }
        String cacheKey = responseCache.keyFor(ctx, text, document, request.operationName(),
                request.body() == null ? null : request.body().getValue("variables"), acceptsGraphQLResponse(ctx));
        if (cacheKey != null) {
            Buffer cached = responseCache.lookup(cacheKey);
            if (cached != null) {
                ctx.response().putHeader(ResponseCache.HEADER, "hit").putHeader("Content-Type",
                        acceptsGraphQLResponse(ctx) ? GRAPHQL_RESPONSE_JSON + ";charset=UTF-8" : "application/json;charset=UTF-8")
                        .end(cached);
                return;
            }
            ctx.response().putHeader(ResponseCache.HEADER, "miss");
            responseCache.expect(cacheKey);
        }
        if (fillIn) {
            if (get) {
                ctx.queryParams().set("query", text);
            } else {
                ctx.setBody(Buffer.buffer(request.body().copy().put("query", text).encode()));
            }
        }
        ctx.next();
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

    /**
     * The channel of the request by {@link ChannelResolution}, from the token the security layer verified and the
     * {@code X-Channel} header. One it refuses is not answered here: it is counted and checked under the channel it
     * asked for, and refused before it runs ({@link TrustedOperationGuard}) or by the resolvers, with its error.
     */
    private static ChannelResolution channelOf(RoutingContext ctx) {
        Set<String> roles = Set.of();
        Object channelClaim = null;
        if (ctx.user() instanceof QuarkusHttpUser user) {
            SecurityIdentity identity = user.getSecurityIdentity();
            if (identity != null && !identity.isAnonymous()) {
                roles = identity.getRoles();
                channelClaim = identity.getPrincipal() instanceof JsonWebToken token ? token.getClaim(TokenIssuer.CHANNEL_CLAIM) : null;
            }
        }
        return ChannelResolution.of(roles, channelClaim, ctx.request().getHeader(CallerResolver.CHANNEL_HEADER));
    }

    private static Refusal notAllowed(Channel channel) {
        return new Refusal(403, ErrorCode.OPERATION_NOT_ALLOWED, "The " + channel
                + " channel accepts only the registered operations of its app; send one of them (or its hash)");
    }

    // ---- answers

    private void schemaEndpoint(RoutingContext ctx) {
        if (schemaEndpointEnabled) {
            ctx.next();
            return;
        }
        ctx.response().setStatusCode(404).end();
    }

    private void explainFailure(RoutingContext ctx) {
        if (ctx.response().headWritten()) {
            ctx.next();
            return;
        }
        if (ctx.statusCode() == 413) {
            reply(ctx, 413, ErrorCode.REQUEST_TOO_LARGE, "The request body is larger than " + maxBodySize + " bytes", null);
            return;
        }
        boolean authenticationFailed = ctx.failure() instanceof AuthenticationFailedException || ctx.statusCode() == 401;
        if (!authenticationFailed) {
            ctx.next();
            return;
        }
        ctx.response().putHeader("WWW-Authenticate", "Bearer");
        reply(ctx, 401, ErrorCode.UNAUTHENTICATED, "The bearer token is invalid or has expired", null);
    }

    /**
     * Called by the engine's error handling when a request failed before execution (validation, variable
     * coercion: the result has no data). Remembered on the request's own Vert.x context, so that clients that
     * accept {@code application/graphql-response+json} get HTTP 400 for it, as GraphQL over HTTP asks.
     */
    static void markRequestError() {
        Context context = Vertx.currentContext();
        if (context != null && VertxContext.isDuplicatedContext(context)) {
            context.putLocal(REQUEST_ERROR, Boolean.TRUE);
        }
    }

    /**
     * Clients that do not ask for {@code application/graphql-response+json} (no Accept, {@code *}{@code /*},
     * {@code application/json}) get {@code application/json}, as GraphQL over HTTP asks of servers; those that do
     * get HTTP 400 for requests that failed before execution.
     */
    private static void fixResponseContentType(RoutingContext ctx) {
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

    private static boolean acceptsGraphQLResponse(RoutingContext ctx) {
        return lower(ctx.request().getHeader("Accept")).contains(GRAPHQL_RESPONSE_JSON);
    }

    private static String lower(String header) {
        return header == null ? "" : header.toLowerCase(Locale.ROOT);
    }

    private static void reply(RoutingContext ctx, int status, ErrorCode code, String message, List<SourceLocation> locations) {
        JsonObject error = new JsonObject().put("message", message);
        if (locations != null && !locations.isEmpty()) {
            JsonArray array = new JsonArray();
            locations.forEach(l -> array.add(new JsonObject().put("line", l.getLine()).put("column", l.getColumn())));
            error.put("locations", array);
        }
        error.put("extensions", new JsonObject().put("code", code.name()));
        String type = acceptsGraphQLResponse(ctx) ? GRAPHQL_RESPONSE_JSON + ";charset=UTF-8" : "application/json;charset=UTF-8";
        ctx.response().setStatusCode(status).putHeader("Content-Type", type)
                .end(new JsonObject().put("errors", new JsonArray().add(error)).encode());
    }
}
