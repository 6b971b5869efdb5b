package com.omnichannel.gateway.platform.graphql;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.omnichannel.gateway.platform.errors.ErrorCode;
import com.omnichannel.gateway.platform.http.GraphQLHttpRequest;
import com.omnichannel.gateway.platform.http.HttpRefusal;
import com.omnichannel.gateway.platform.ratelimit.RateLimiter;
import com.omnichannel.gateway.platform.security.Channel;

import io.smallrye.mutiny.Uni;

/**
 * Which document an HTTP request runs, by the rules of {@link PersistedQueries}:
 * <ul>
 * <li>a request carrying only {@code extensions.persistedQuery.sha256Hash} gets the document of that hash, or
 * {@code PERSISTED_QUERY_NOT_FOUND} so that an APQ client sends it in full;</li>
 * <li>a full document with a hash is registered for automatic persisted queries when the hash matches;</li>
 * <li>on channels that accept only trusted operations ({@code app.graphql.trusted-operations-only.<channel>}),
 * anything but their client's registered operations gets {@code OPERATION_NOT_ALLOWED} (403).</li>
 * </ul>
 */
@ApplicationScoped
public class OperationDocuments {

    private static final Logger LOG = Logger.getLogger(OperationDocuments.class);

    /**
     * Automatic registrations share Redis with the carts: documents larger than real client operations are run but
     * not registered, and each client address may register only so many per window (rate-limit action
     * {@value #APQ_REGISTRATIONS}).
     */
    static final int MAX_REGISTERED_DOCUMENT_LENGTH = 32 * 1024;
    static final String APQ_REGISTRATIONS = "apq-registrations";

    /**
     * The document a request runs.
     *
     * @param text     the document
     * @param byHash   whether the request sent only its hash (the engine must be given the text)
     * @param register whether to register it for automatic persisted queries once it parsed
     */
    record Chosen(String text, boolean byHash, boolean register) {
    }

    private final PersistedQueries persistedQueries;
    private final RateLimiter limiter;
    private final RateLimiter.Limit registrations;

    public OperationDocuments(PersistedQueries persistedQueries, RateLimiter limiter) {
        this.persistedQueries = persistedQueries;
        this.limiter = limiter;
        this.registrations = limiter.limit(APQ_REGISTRATIONS, 100, Duration.ofHours(1));
    }

    /**
     * The document of this request on this channel; a failure with {@link HttpRefusal} when it has none, its hash
     * is unknown or wrong, or the channel may not run it. Known at once unless it must be looked up in Redis.
     */
    Uni<Chosen> choose(GraphQLHttpRequest request, Channel channel) {
        try {
            return request.query() == null ? byHash(request, channel) : Uni.createFrom().item(sentInFull(request, channel));
        } catch (HttpRefusal refusal) {
            return Uni.createFrom().failure(refusal);
        }
    }

    private Uni<Chosen> byHash(GraphQLHttpRequest request, Channel channel) {
        String hash = request.persistedHash();
        if (hash == null) {
            throw new HttpRefusal(400, ErrorCode.BAD_USER_INPUT, "The request has no GraphQL document in 'query'");
        }
        requireVersion1(request);
        if (persistedQueries.trustedOnly(channel)) {
            PersistedQueries.TrustedOperation operation = persistedQueries.trusted(hash);
            if (operation == null || operation.channel() != channel) {
                throw notAllowed(channel);
            }
            return Uni.createFrom().item(new Chosen(operation.document(), true, false));
        }
        return persistedQueries.find(hash).onFailure().transform(failure -> {
            LOG.warnf("Persisted query lookup failed: %s", failure.toString());
            return new HttpRefusal(503, ErrorCode.PERSISTED_QUERY_NOT_FOUND, "Persisted queries are unavailable; send the full query");
        }).map(document -> {
            if (document == null) {
                // Apollo clients look for this message or code, then send the document in full.
                throw new HttpRefusal(200, ErrorCode.PERSISTED_QUERY_NOT_FOUND, "PersistedQueryNotFound");
            }
            return new Chosen(document, true, false);
        });
    }

    private Chosen sentInFull(GraphQLHttpRequest request, Channel channel) {
        String hash = request.persistedHash();
        if (hash != null) {
            requireVersion1(request);
        }
        boolean trustedOnly = persistedQueries.trustedOnly(channel);
        String actual = hash == null && !trustedOnly ? null : PersistedQueries.sha256(request.query());
        if (hash != null && !hash.equals(actual)) {
            throw new HttpRefusal(400, ErrorCode.BAD_REQUEST, "provided sha does not match query");
        }
        if (trustedOnly) {
            PersistedQueries.TrustedOperation operation = persistedQueries.trusted(actual);
            if (operation == null || operation.channel() != channel) {
                throw notAllowed(channel);
            }
        }
        return new Chosen(request.query(), false, hash != null && !trustedOnly && persistedQueries.automaticEnabled());
    }

    /**
     * Registers a parsed document under its verified hash, without holding up the request: a client whose document
     * was not registered gets {@code PERSISTED_QUERY_NOT_FOUND} for the hash later and sends the document again.
     */
    void register(String hash, String text, String clientAddress) {
        if (text.length() > MAX_REGISTERED_DOCUMENT_LENGTH) {
            return;
        }
        limiter.hit(registrations, "ip:" + clientAddress)
                .chain(decision -> decision.allowed() ? persistedQueries.register(hash, text) : Uni.createFrom().voidItem())
                .subscribe().with(
                        ok -> {
                        },
                        failure -> LOG.warnf("Could not register a persisted query: %s", failure.toString()));
    }

    private static void requireVersion1(GraphQLHttpRequest request) {
        if (request.persistedVersion() != 1) {
            throw new HttpRefusal(400, ErrorCode.BAD_REQUEST, "Only version 1 of persisted queries is supported");
        }
    }

    private static HttpRefusal notAllowed(Channel channel) {
        return new HttpRefusal(403, ErrorCode.OPERATION_NOT_ALLOWED, "The " + channel
                + " channel accepts only the registered operations of its app; send one of them (or its hash)");
    }
}
