package com.omnichannel.gateway.platform.http;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.platform.graphql.GraphQLConfig;

import io.vertx.ext.web.RoutingContext;

/**
 * The caching and compression headers of GraphQL answers. A public catalog answer to a GET request (one the
 * response cache would keep: anonymous, no cart token, only public reads, no errors) may be stored by browsers and
 * CDNs: {@code Cache-Control: public, max-age=N, stale-while-revalidate=M} ({@code app.graphql.http-cache.*}) with a
 * strong {@code ETag} over the answer's JSON, so a matching {@code If-None-Match} gets 304. Everything else (tokens,
 * also a kiosk's answers the response cache keeps, cart tokens, customer data, mutations, POST, errors) is
 * {@code no-store}. Answers under {@value #COMPRESSION_MIN_BYTES}
 * bytes are sent uncompressed: gzip would save next to nothing on them.
 */
@ApplicationScoped
public class AnswerHeaders {

    static final int COMPRESSION_MIN_BYTES = 1024;
    private static final String ETAG = "graphql.public-answer-etag";

    private final String publicCacheControl;

    public AnswerHeaders(GraphQLConfig config) {
        this.publicCacheControl = "public, max-age=" + config.httpCache().maxAge().toSeconds() + ", stale-while-revalidate="
                + config.httpCache().staleWhileRevalidate().toSeconds();
    }

    /** Sets the headers as the answer's head is written, when its status and whether it is public are known. */
    public void install(RoutingContext ctx) {
        ctx.addHeadersEndHandler(v -> {
            var headers = ctx.response().headers();
            String etag = ctx.get(ETAG);
            int status = ctx.response().getStatusCode();
            if (etag != null && (status == 200 || status == 304)) {
                headers.set("Cache-Control", publicCacheControl).set("ETag", etag)
                        .set("Vary", "Accept, Accept-Encoding, Authorization, X-Cart-Token, X-Channel");
                if (status == 200 && notModified(ctx, etag)) {
                    // The engine answered (the response cache had nothing to compare with): the client's copy is current.
                    ctx.response().setStatusCode(304);
                    headers.remove("Content-Length").remove("Content-Type");
                    return;
                }
            } else {
                headers.set("Cache-Control", "no-store");
            }
            // The server only compresses answers whose Content-Encoding is not preset to identity.
            String length = headers.get("Content-Length");
            if (length != null && Long.parseLong(length) < COMPRESSION_MIN_BYTES) {
                headers.set("Content-Encoding", "identity");
            } else if ("identity".equals(headers.get("Content-Encoding"))) {
                headers.remove("Content-Encoding");
            }
        });
    }

    /** Marks the answer to this GET request as public, with the tag of its JSON. */
    public static void publicAnswer(RoutingContext ctx, String etag) {
        if (GraphQLOverHttp.cameAsGet(ctx)) {
            ctx.put(ETAG, etag);
        }
    }

    /** The strong entity tag of an answer, from the SHA-256 of its JSON (hex). */
    public static String etagOf(String sha256Hex) {
        return "\"" + sha256Hex.substring(0, 32) + "\"";
    }

    /** Whether the client's {@code If-None-Match} names this tag (or any). */
    public static boolean notModified(RoutingContext ctx, String etag) {
        String ifNoneMatch = ctx.request().getHeader("If-None-Match");
        if (ifNoneMatch == null || !GraphQLOverHttp.cameAsGet(ctx)) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
