package com.omnichannel.gateway.platform.graphql;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.omnichannel.gateway.platform.http.AnswerHeaders;
import com.omnichannel.gateway.platform.http.GraphQLHttpAnswers;
import com.omnichannel.gateway.platform.http.GraphQLHttpRequest;
import com.omnichannel.gateway.platform.http.GraphQLOverHttp;
import com.omnichannel.gateway.platform.http.HttpRefusal;
import com.omnichannel.gateway.platform.http.ParsedDocuments;
import com.omnichannel.gateway.platform.http.RejectedCredentials;
import com.omnichannel.gateway.platform.security.CallerResolver;
import com.omnichannel.gateway.platform.security.Channel;
import com.omnichannel.gateway.platform.security.ChannelResolution;
import com.omnichannel.gateway.platform.security.TokenClaims;

import graphql.language.Document;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Sits in front of the GraphQL endpoint (POST and GET {@code /graphql}) and answers, with our error model, what the
 * engine would answer without it or not at all. In the order a request meets them:
 * <ol>
 * <li>the HTTP protocol ({@link GraphQLOverHttp}): malformed requests, body size, rejected credentials
 * ({@link RejectedCredentials});</li>
 * <li>the channel, by the rule the resolvers use ({@link ChannelResolution});</li>
 * <li>the document: by hash, persisted or trusted, and whether the channel may run it ({@link OperationDocuments});</li>
 * <li>its parse ({@link ParsedDocuments}) and, over GET, that it is a query;</li>
 * <li>catalog queries of anonymous callers and kiosk devices answered before by the response cache
 * ({@link CachedAnswers}, {@link CacheScope}).</li>
 * </ol>
 * A GET request is read here and rerouted as the equivalent POST ({@link GraphQLOverHttp#rerouteGetAsPost}), so it
 * meets the same steps, as a GET: only queries, and public answers cacheable by HTTP caches ({@link AnswerHeaders}).
 * What passes goes on to the engine, with the document filled in when it came by hash. The schema endpoint
 * ({@code /graphql/schema.graphql}) answers 404 where {@code app.graphql.schema-endpoint-enabled} is false.
 */
@ApplicationScoped
public class GraphQLRequestGate {

    static final String PATH = "/graphql";

    private final GraphQLOverHttp http;
    private final ParsedDocuments documents;
    private final OperationDocuments operations;
    private final CachedAnswers cachedAnswers;
    private final AnswerHeaders answerHeaders;
    private final boolean schemaEndpointEnabled;

    public GraphQLRequestGate(GraphQLOverHttp http, ParsedDocuments documents, OperationDocuments operations,
            CachedAnswers cachedAnswers, AnswerHeaders answerHeaders, GraphQLConfig config) {
        this.answerHeaders = answerHeaders;
        this.http = http;
        this.documents = documents;
        this.operations = operations;
        this.cachedAnswers = cachedAnswers;
        this.schemaEndpointEnabled = config.schemaEndpointEnabled();
    }

    void install(@Observes Router router) {
        router.post(PATH).order(-100).handler(http.bodyReader()).handler(this::checkPost);
        router.get(PATH).order(-100).handler(this::checkGet);
        router.route(PATH).order(-100).failureHandler(http::explainTooLarge).failureHandler(RejectedCredentials::explain);
        router.get(PATH + "/schema.graphql").order(-100).handler(this::schemaEndpoint);
    }

    private void checkPost(RoutingContext ctx) {
        GraphQLHttpAnswers.negotiate(ctx);
        answerHeaders.install(ctx);
        try {
            GraphQLHttpRequest fromGet = http.readRerouted(ctx);
            process(ctx, fromGet != null ? fromGet : http.readPost(ctx), fromGet != null);
        } catch (HttpRefusal refusal) {
            GraphQLHttpAnswers.refuse(ctx, refusal);
        }
    }

    private void checkGet(RoutingContext ctx) {
        if ("websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"))) {
            ctx.next(); // subscriptions
            return;
        }
        try {
            http.rerouteGetAsPost(ctx);
        } catch (HttpRefusal refusal) {
            GraphQLHttpAnswers.refuse(ctx, refusal);
        }
    }

    private void process(RoutingContext ctx, GraphQLHttpRequest request, boolean get) {
        SecurityIdentity identity = identityOf(ctx);
        ChannelResolution resolution = channelOf(ctx, identity);
        CacheScope scope = CacheScope.of(ctx, identity, resolution);
        Channel channel = resolution.countedAs();
        OperationMetrics.rememberChannel(channel);
        if (resolution instanceof ChannelResolution.Resolved) {
            // The channel is the one the resolvers will see: the document this gate lets through needs no second check.
            TrustedOperationGuard.checkedAtGate();
        }
        Context context = Vertx.currentContext();
        operations.choose(request, channel).subscribe().with(
                chosen -> onRequestContext(context, () -> proceed(ctx, request, chosen, get, scope)),
                failure -> onRequestContext(context, () -> {
                    if (failure instanceof HttpRefusal refusal) {
                        GraphQLHttpAnswers.refuse(ctx, refusal);
                    } else {
                        ctx.fail(failure);
                    }
                }));
    }

    /** Documents known at once are handled in the same call; those looked up in Redis back on the request's context. */
    private static void onRequestContext(Context context, Runnable step) {
        if (context == null || Vertx.currentContext() == context) {
            step.run();
        } else {
            context.runOnContext(v -> step.run());
        }
    }

    /** Parses (or recalls) the document, fills it into the request when it came by hash, and hands over to the engine. */
    private void proceed(RoutingContext ctx, GraphQLHttpRequest request, OperationDocuments.Chosen chosen, boolean get,
            CacheScope scope) {
        String text = chosen.text();
        Document document;
        try {
            document = documents.parse(ctx, text);
            if (get) {
                http.requireQueryOverGet(ctx, document, request.operationName());
            }
        } catch (HttpRefusal refusal) {
            GraphQLHttpAnswers.refuse(ctx, refusal);
            return;
        }
        if (chosen.register()) {
            String address = ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
            operations.register(request.persistedHash(), text, address);
        }
        if (cachedAnswers.answered(ctx, scope, request, text, document)) {
            return;
        }
        if (chosen.byHash()) {
            ctx.setBody(Buffer.buffer(request.body().copy().put("query", text).encode()));
        }
        ctx.next();
    }

    /** The identity the security layer verified from the request's token, or null for an anonymous caller. */
    private static SecurityIdentity identityOf(RoutingContext ctx) {
        if (ctx.user() instanceof QuarkusHttpUser user) {
            SecurityIdentity identity = user.getSecurityIdentity();
            return identity == null || identity.isAnonymous() ? null : identity;
        }
        return null;
    }

    /**
     * The channel of the request by {@link ChannelResolution}, from the token the security layer verified and the
     * {@code X-Channel} header. One it refuses is not answered here: it is counted and checked under the channel it
     * asked for, and refused before it runs ({@link TrustedOperationGuard}) or by the resolvers, with its error.
     */
    private static ChannelResolution channelOf(RoutingContext ctx, SecurityIdentity identity) {
        Set<String> roles = identity == null ? Set.of() : identity.getRoles();
        Object channelClaim = identity != null && identity.getPrincipal() instanceof JsonWebToken token
                ? TokenClaims.channel(token) : null;
        return ChannelResolution.of(roles, channelClaim, ctx.request().getHeader(CallerResolver.CHANNEL_HEADER));
    }

    private void schemaEndpoint(RoutingContext ctx) {
        if (schemaEndpointEnabled) {
            ctx.next();
            return;
        }
        ctx.response().setStatusCode(404).end();
    }
}
