package com.omnichannel.gateway.platform.graphql;

import com.omnichannel.gateway.platform.security.Secrets;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.omnichannel.gateway.platform.security.Channel;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;

/**
 * The documents clients may send by their SHA-256 hash (lower-case hex of the UTF-8 text).
 * <ul>
 * <li><b>Trusted operations</b>: the files in {@code graphql-schema/operations/<client>/}, packaged into the
 * service under {@code graphql-operations/} with an index, registered at start-up. An operation belongs to the
 * channel of its folder ({@code kiosk/} to KIOSK, ...): on a channel that accepts only trusted operations, only
 * its own client's operations run.</li>
 * <li><b>Automatic persisted queries</b> (Apollo's protocol): a client that sent a document with its hash may
 * later send the hash alone. These registrations live in Redis, shared by every instance, and expire when unused
 * for a while; they are never trusted.</li>
 * </ul>
 */
@ApplicationScoped
public class PersistedQueries {

    private static final Logger LOG = Logger.getLogger(PersistedQueries.class);
    static final String OPERATIONS_ROOT = "graphql-operations/";

    /** A trusted operation and the channel whose client sends it. */
    public record TrustedOperation(String path, Channel channel, String document) {
    }

    private final ReactiveRedisDataSource redis;
    private final boolean automaticEnabled;
    private final Duration automaticTtl;
    private final Map<String, TrustedOperation> trusted;
    private final EnumSet<Channel> trustedOnly = EnumSet.noneOf(Channel.class);

    public PersistedQueries(ReactiveRedisDataSource redis, GraphQLConfig config) {
        this.redis = redis;
        this.automaticEnabled = config.apq().enabled();
        this.automaticTtl = config.apq().ttl();
        this.trusted = loadTrustedOperations();
        for (Channel channel : Channel.values()) {
            if (config.trustedOperationsOnly().getOrDefault(channel.name().toLowerCase(Locale.ROOT), false)) {
                trustedOnly.add(channel);
            }
        }
        LOG.infof("Registered %d trusted operations", trusted.size());
    }

    /** Whether this channel accepts only its own client's trusted operations. */
    public boolean trustedOnly(Channel channel) {
        return trustedOnly.contains(channel);
    }

    /** Whether any channel accepts only trusted operations (when none does, there is nothing to check). */
    public boolean anyTrustedOnly() {
        return !trustedOnly.isEmpty();
    }

    /** Whether a request on this channel may run this document: any, unless the channel accepts only its own trusted operations. */
    public boolean allows(Channel channel, String document) {
        if (!trustedOnly.contains(channel)) {
            return true;
        }
        TrustedOperation operation = document == null ? null : trusted.get(sha256(document));
        return operation != null && operation.channel() == channel;
    }

    public static String sha256(String document) {
        return Secrets.sha256Hex(document);
    }

    /** The trusted operation with this hash, or null. */
    public TrustedOperation trusted(String hash) {
        return trusted.get(hash);
    }

    public Map<String, TrustedOperation> trustedOperations() {
        return trusted;
    }

    public boolean automaticEnabled() {
        return automaticEnabled;
    }

    /** The document of a hash: a trusted operation's, else an automatic registration's; null when unknown. */
    public Uni<String> find(String hash) {
        TrustedOperation operation = trusted.get(hash);
        if (operation != null) {
            return Uni.createFrom().item(operation.document());
        }
        if (!automaticEnabled) {
            return Uni.createFrom().nullItem();
        }
        // Reading extends the registration's life: clients keep sending the hashes they use.
        return redis.execute("GETEX", key(hash), "EX", String.valueOf(automaticTtl.toSeconds()))
                .map(response -> response == null ? null : response.toString());
    }

    /** Registers a document under its (verified) hash for automatic persisted queries. */
    public Uni<Void> register(String hash, String document) {
        if (trusted.containsKey(hash)) {
            return Uni.createFrom().voidItem();
        }
        return redis.execute("SET", key(hash), document, "EX", String.valueOf(automaticTtl.toSeconds()))
                .replaceWithVoid();
    }

    static String key(String hash) {
        return "apq:{" + hash + "}";
    }

    private static Map<String, TrustedOperation> loadTrustedOperations() {
        Map<String, TrustedOperation> operations = new HashMap<>();
        String index = read(OPERATIONS_ROOT + "index.txt");
        if (index == null) {
            LOG.warn("No trusted operations packaged (graphql-operations/index.txt is missing)");
            return Map.of();
        }
        for (String line : index.split("\\R")) {
            String path = line.trim();
            if (path.isEmpty()) {
                continue;
            }
            String document = read(OPERATIONS_ROOT + path);
            if (document == null) {
                throw new IllegalStateException("Trusted operation listed but not packaged: " + path);
            }
            Channel channel = channelOf(path);
            operations.put(sha256(document), new TrustedOperation(path, channel, document));
        }
        return Map.copyOf(operations);
    }

    /** The folder names the client: {@code kiosk/ScanBarcode.graphql} is sent on the KIOSK channel. */
    private static Channel channelOf(String path) {
        int slash = path.indexOf('/');
        String folder = slash < 0 ? "" : path.substring(0, slash).toUpperCase(Locale.ROOT);
        try {
            return Channel.valueOf(folder);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Operation folder is not a channel: " + path);
        }
    }

    private static String read(String resource) {
        try (InputStream in = PersistedQueries.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + resource, e);
        }
    }
}
