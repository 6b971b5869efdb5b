package com.omnichannel.gateway.platform.observability;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.MDC;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Gives every HTTP request an id: the caller's {@code X-Request-Id} when it is a plausible id (a load balancer's or
 * another service's), else a new one. It is echoed in the response and put in the logging context as
 * {@code requestId}, so that every log line written while handling the request carries it (in the JSON logs of
 * production as a field, in the console format as {@code [requestId]}).
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    private static final Pattern PLAUSIBLE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    void install(@Observes Router router) {
        router.route().order(-200).handler(this::assign);
    }

    private void assign(RoutingContext ctx) {
        // A request rerouted inside the service (GET /graphql runs as POST) keeps the id it was given first.
        String id = ctx.get(MDC_KEY);
        if (id == null) {
            id = ctx.request().getHeader(HEADER);
            if (id == null || !PLAUSIBLE.matcher(id).matches()) {
                id = UUID.randomUUID().toString();
            }
            ctx.put(MDC_KEY, id);
        }
        MDC.put(MDC_KEY, id);
        ctx.response().putHeader(HEADER, id);
        ctx.next();
    }
}
