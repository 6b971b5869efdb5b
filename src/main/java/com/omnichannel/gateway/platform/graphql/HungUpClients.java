package com.omnichannel.gateway.platform.graphql;

import graphql.GraphQLContext;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext.ContextState;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Executions whose client hung up before the answer. The engine's HTTP handler ends the request's CDI context when
 * the connection closes, while the execution still runs: resolvers that ran after that found a request context
 * without the request (no caller, no token) and failed, and each failure was logged as an unexpected one. Here
 * an execution remembers the connection it answers on; resolvers are not called once it has closed
 * ({@link PlainFieldFetching}), and what failed after it closed is logged as the consequence of the hang-up it is
 * ({@link ErrorNormalizingInstrumentation}).
 */
final class HungUpClients {

    private static final String RESPONSE_KEY = "gateway.http-response";
    /** Where the engine's HTTP handler keeps the request's CDI context for its fetchers. */
    private static final String ENGINE_CONTEXT_STATE_KEY = "state";

    private static final LazyBean<CurrentVertxRequest> REQUESTS = new LazyBean<>(CurrentVertxRequest.class);

    private HungUpClients() {
    }

    /** Called as the execution starts, on the request, while its context is active. */
    static void remember(GraphQLContext context) {
        CurrentVertxRequest requests = REQUESTS.get();
        RoutingContext request = requests == null || !Arc.container().requestContext().isActive() ? null
                : requests.getCurrent();
        // Subscriptions over WebSocket run on after the upgrade's response: only plain HTTP answers are watched.
        if (request != null && request.request().getHeader("Upgrade") == null) {
            context.put(RESPONSE_KEY, request.response());
        }
    }

    /** Whether the execution answers a plain HTTP request (not a WebSocket, not a call from within the service). */
    static boolean overHttp(GraphQLContext context) {
        return context != null && context.get(RESPONSE_KEY) != null;
    }

    /**
     * Whether the client closed the connection before the execution's answer was sent: the connection reads as
     * closed, or the request's context has already been ended (a reset connection ends it before it reads as closed).
     */
    static boolean hungUp(GraphQLContext context) {
        if (context == null || !(context.get(RESPONSE_KEY) instanceof HttpServerResponse response) || response.ended()) {
            return false;
        }
        return response.closed() || context.get(ENGINE_CONTEXT_STATE_KEY) instanceof ContextState state && !state.isValid();
    }

    /** Stands for a resolver that was not called: no one is waiting for its answer. */
    static final class HungUp extends RuntimeException {

        HungUp() {
            super("The client closed the connection before the answer", null, false, false);
        }
    }
}
