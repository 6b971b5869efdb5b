package com.omnichannel.gateway.platform.graphql;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;

import com.omnichannel.gateway.platform.cache.CacheInvalidation;
import com.omnichannel.gateway.platform.http.AnswerHeaders;
import com.omnichannel.gateway.platform.redis.PubSubRelay;
import com.omnichannel.gateway.platform.security.Secrets;

import graphql.language.Document;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers repeated catalog reads from memory, the way a GraphQL server's full-response cache does: the same query,
 * variables and channel from any shopper who is not signed in and holds no cart get the same answer, and so do those
 * from the kiosk devices of one store; the first answer is kept for a short time
 * ({@code app.graphql.response-cache.ttl}, 2 s by default) and served without running the engine or the database.
 * <p>
 * What is cached: queries whose root fields are all public reads (the domains mark them {@link PublicRead}),
 * answered without errors, from callers in a {@link CacheScope}: anonymous ones (no {@code Authorization} header),
 * one scope per {@code X-Channel}; and kiosk devices (a token with the kiosk role, no customer, staff, admin or
 * integration role, and a store), one scope per store, as the public reads depend on a kiosk only through its channel
 * and store ({@code availabilityHere}, {@code storeAvailability} nearest to it). All scopes share one memory budget
 * ({@code max-bytes}) and are emptied together. Nothing else: no mutation, subscription, request with an
 * {@code X-Cart-Token}, or request of a customer (also in a kiosk session), staff member or integration ever reads or
 * fills it. Only anonymous answers are public for HTTP caches too ({@link AnswerHeaders}); a kiosk's stay private.
 * <p>
 * Expiry: after the TTL one request recomputes an answer while, for at most one more TTL, others still get the
 * previous one (so an expiry does not send every concurrent reader to the engine at once).
 * <p>
 * Freshness: every change a domain announces with {@link PublicDataChanged} (stock changes on every instance that
 * receives them, catalog changes on the instance that made them and, through Redis, on the others) empties the
 * cache as soon as it commits; an instance that was cut off from Redis empties its own when it is back, since it
 * may have missed such messages ({@link CacheInvalidation}). An answer computed while such a change happened is not
 * kept (each entry remembers the cache's generation when its request started). Twice the TTL bounds what no event
 * announces, e.g. a change made directly in the database.
 */
@ApplicationScoped
public class ResponseCache {

    static final String HEADER = "X-Response-Cache";
    static final String INVALIDATION_CHANNEL = "response-cache-invalidations";
    private static final String PENDING = "gateway.response-cache.pending";
    /** Documents longer than this are run but not cached: real client operations are far smaller. */
    static final int MAX_DOCUMENT_LENGTH = 16 * 1024;
    /**
     * What an entry holds besides its answer (its key, a 64-character hash, the entry and the map's node), counted
     * against {@code max-bytes} too: many tiny answers (one per distinct variable value) must not escape the budget.
     */
    static final int ENTRY_OVERHEAD_BYTES = 320;

    /**
     * A cached answer, fresh until {@code expiresAt} (System.nanoTime) while the cache is still at its generation.
     * After that, for one more TTL, one request recomputes it while the others are still given this answer, so
     * that an expiry does not send every concurrent reader to the engine at once.
     */
    record Entry(Buffer body, String etag, long expiresAt, long generation, AtomicBoolean refreshing) {
    }

    /**
     * A request whose answer is to be kept once it is known: its key, the generation when it started, and the
     * request, whose answer gets the tag of what is kept when it is public (anonymous).
     */
    record Pending(String key, long generation, boolean shared, RoutingContext request) {
    }

    private final boolean enabled;
    private final long ttlNanos;
    private final long maxBytes;
    private final CacheInvalidation invalidation;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final Counter hits;
    private final Counter misses;
    /** Root fields whose answers depend only on the request and public data: those marked {@link PublicRead}. */
    private volatile Set<String> publicQueryFields = Set.of();

    @Inject
    public ResponseCache(GraphQLConfig config, PubSubRelay relay, MeterRegistry meters) {
        this(config.responseCache().enabled(), config.responseCache().ttl(), config.responseCache().maxBytes(), relay, meters);
    }

    ResponseCache(boolean enabled, Duration ttl, long maxBytes, PubSubRelay relay, MeterRegistry meters) {
        this.enabled = enabled && !ttl.isZero() && !ttl.isNegative();
        this.ttlNanos = ttl.toNanos();
        this.maxBytes = maxBytes;
        this.invalidation = new CacheInvalidation(relay, INVALIDATION_CHANNEL, this::invalidate);
        this.hits = Counter.builder("gateway_response_cache_requests").tag("result", "hit")
                .description("Catalog queries answered from the response cache").register(meters);
        this.misses = Counter.builder("gateway_response_cache_requests").tag("result", "miss")
                .description("Cacheable queries the engine had to answer").register(meters);
    }

    void listen(@Observes StartupEvent event, BeanManager beans) {
        publicQueryFields = PublicReads.rootFields(beans);
        if (!enabled) {
            return;
        }
        invalidation.listen();
    }

    public boolean enabled() {
        return enabled;
    }

    /** The root query fields whose answers may be cached. */
    Set<String> publicQueryFields() {
        return publicQueryFields;
    }

    void changed(@Observes PublicDataChanged change) {
        if (change.allInstances() && enabled) {
            invalidation.everywhere();
        } else {
            invalidation.here();
        }
    }

    // ---- the request side (CachedAnswers, in the request gate)

    /**
     * The key under which this request's answer is cached, or null when it is not cacheable: no scope (see
     * {@link CacheScope}), not a query, or a root field that is not a public catalog read. Public answers to GET
     * requests may also be kept by HTTP caches, even where this cache is off.
     */
    String keyFor(CacheScope scope, String document, Document parsed, String operationName, Object variables,
            boolean graphqlResponseType) {
        if (scope == null || document.length() > MAX_DOCUMENT_LENGTH || !publicQuery(parsed, operationName, publicQueryFields)) {
            return null;
        }
        return Secrets.sha256Hex(String.join("\n", graphqlResponseType ? "gr" : "j", scope.channel(), scope.name(),
                operationName == null ? "" : operationName, Json.encode(variables), document));
    }

    /** The cached answer, or null (counted as a miss, whose answer {@link #expect} will keep). */
    Entry lookup(String key) {
        Entry entry = entries.get(key);
        if (entry != null && entry.generation() == generation.get()) {
            long age = System.nanoTime() - entry.expiresAt();
            if (age < 0 || (age < ttlNanos && !entry.refreshing().compareAndSet(false, true))) {
                hits.increment();
                return entry;
            }
        }
        misses.increment();
        return null;
    }

    /**
     * Remembers, on the request's own context, that its answer is to be kept under this key.
     *
     * @param shared whether the answer is public for HTTP caches too ({@link CacheScope#shared()})
     */
    void expect(String key, boolean shared, RoutingContext request) {
        Context context = Vertx.currentContext();
        if (context != null && VertxContext.isDuplicatedContext(context)) {
            context.putLocal(PENDING, new Pending(key, generation.get(), shared, request));
        }
    }

    // ---- the execution side (GatewayInstrumentation)

    /** Moves the request's pending key into the execution, where the answer will be. Called as execution begins. */
    void beginExecution(graphql.GraphQLContext execution) {
        Context context = Vertx.currentContext();
        if (context != null && VertxContext.isDuplicatedContext(context)) {
            Pending pending = context.getLocal(PENDING);
            if (pending != null) {
                context.removeLocal(PENDING);
                execution.put(PENDING, pending);
            }
        }
    }

    /** Whether the execution's answer is to be kept ({@link #expect}). */
    boolean expected(graphql.GraphQLContext execution) {
        return execution.get(PENDING) != null;
    }

    /**
     * Keeps the answer of a request that {@link #expect}ed one.
     *
     * @param encodedData the data of an answer without errors, as the JSON text that is sent ({@link EncodedAnswers});
     *                    null for any other answer, which is not kept
     */
    void completed(String encodedData, graphql.GraphQLContext execution) {
        Pending pending = execution.get(PENDING);
        if (pending != null && encodedData != null) {
            // Serves the answer's HTTP tag too (AnswerHeaders), so it is computed where this cache is off.
            Buffer body = Buffer.buffer("{\"data\":" + encodedData + "}");
            String etag = AnswerHeaders.etagOf(Secrets.sha256Hex(body.toString()));
            if (pending.shared() && pending.request() != null) {
                AnswerHeaders.publicAnswer(pending.request(), etag);
            }
            if (enabled) {
                store(pending.key(), pending.generation(), body, etag);
            }
        }
    }

    /** Keeps an answer unless the cache was emptied since its request started (it may predate a change). */
    boolean store(String key, long startedAt, Buffer body, String etag) {
        if (startedAt != generation.get()) {
            return false;
        }
        if (bytes.get() + weight(body) > maxBytes) {
            evictExpired();
            if (bytes.get() + weight(body) > maxBytes) {
                return false;
            }
        }
        Entry previous = entries.put(key, new Entry(body, etag, System.nanoTime() + ttlNanos, startedAt, new AtomicBoolean()));
        bytes.addAndGet(weight(body) - (previous == null ? 0 : weight(previous.body())));
        if (startedAt != generation.get()) {
            // Emptied while storing: this entry must not outlive that.
            entries.remove(key);
        }
        return true;
    }

    long generation() {
        return generation.get();
    }

    /** The memory the cached answers are counted at (answers and entries), at most {@code max-bytes}. */
    long retainedBytes() {
        return bytes.get();
    }

    int size() {
        return entries.size();
    }

    private static long weight(Buffer body) {
        return body.length() + ENTRY_OVERHEAD_BYTES;
    }

    // ---- invalidation

    /** Empties this instance's cache; answers being computed meanwhile are not kept. */
    public void invalidate() {
        generation.incrementAndGet();
        entries.clear();
        bytes.set(0);
    }

    private void evictExpired() {
        long now = System.nanoTime();
        long current = generation.get();
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext();) {
            Entry entry = it.next();
            if (now - entry.expiresAt() >= ttlNanos || entry.generation() != current) {
                it.remove();
                bytes.addAndGet(-weight(entry.body()));
            }
        }
    }

    private static boolean publicQuery(Document document, String operationName, Set<String> publicFields) {
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        for (OperationDefinition operation : operations) {
            boolean selected = operationName == null ? operations.size() == 1 : operationName.equals(operation.getName());
            if (selected) {
                if (operation.getOperation() != OperationDefinition.Operation.QUERY) {
                    return false;
                }
                for (Selection<?> selection : operation.getSelectionSet().getSelections()) {
                    if (!(selection instanceof Field field) || !publicFields.contains(field.getName())) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }
}
