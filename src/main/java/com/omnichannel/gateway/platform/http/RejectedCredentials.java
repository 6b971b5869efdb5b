package com.omnichannel.gateway.platform.http;

import com.omnichannel.gateway.platform.errors.ErrorCode;

import io.quarkus.security.AuthenticationFailedException;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers a request whose bearer token was rejected (invalid, expired) with {@code UNAUTHENTICATED} in a GraphQL
 * error body and a Bearer challenge, instead of the empty 401 of the security layer. An invalid token is never
 * treated as an anonymous caller.
 */
public final class RejectedCredentials {

    private RejectedCredentials() {
    }

    /** Failure handler of the GraphQL routes. */
    public static void explain(RoutingContext ctx) {
        boolean authenticationFailed = ctx.failure() instanceof AuthenticationFailedException || ctx.statusCode() == 401;
        if (ctx.response().headWritten() || !authenticationFailed) {
            ctx.next();
            return;
        }
        ctx.response().putHeader("WWW-Authenticate", "Bearer");
        GraphQLHttpAnswers.reply(ctx, 401, ErrorCode.UNAUTHENTICATED, "The bearer token is invalid or has expired", null);
    }
}
