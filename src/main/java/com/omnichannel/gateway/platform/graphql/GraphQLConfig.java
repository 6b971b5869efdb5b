package com.omnichannel.gateway.platform.graphql;

import java.time.Duration;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.WithDefault;

/**
 * The GraphQL endpoint's settings: request limits, persisted and trusted operations, what production exposes, the
 * response cache and the engine patches. CDI beans inject it; the engine's parts, which service loaders make before
 * or outside CDI, read it with {@link #current()}.
 */
@ConfigMapping(prefix = "app.graphql")
public interface GraphQLConfig {

    /** Levels of fields an operation may nest. */
    @WithDefault("12")
    int maxDepth();

    /** Fields an operation may select in all (fragments counted at every spread). */
    @WithDefault("5000")
    int maxComplexity();

    /** Aliased fields per operation. */
    @WithDefault("30")
    int maxAliases();

    /** Tokens per document, checked while parsing. */
    @WithDefault("15000")
    int maxTokens();

    /** Fragment definitions per document, checked before validation. */
    @WithDefault("50")
    int maxFragments();

    /** Whether introspection ({@code __schema}, {@code __type}) is answered. */
    @WithDefault("true")
    boolean introspectionEnabled();

    /** Whether the SDL is served at {@code /graphql/schema.graphql}. */
    @WithDefault("true")
    boolean schemaEndpointEnabled();

    Apq apq();

    /** Channels (web, mobile, kiosk, staff) that may send only their client's registered operations. */
    Map<String, Boolean> trustedOperationsOnly();

    ResponseCache responseCache();

    ParsedDocuments parsedDocuments();

    EnginePatches enginePatches();

    HttpCache httpCache();

    /** How long browsers and CDNs may keep public catalog answers to GET requests (see {@code AnswerHeaders}). */
    interface HttpCache {
        @WithDefault("PT30S")
        Duration maxAge();

        /** How long after that a cache may still serve the answer while it fetches a fresh one. */
        @WithDefault("PT60S")
        Duration staleWhileRevalidate();
    }

    /** Automatic persisted queries (Apollo's protocol), registered in Redis. */
    interface Apq {
        @WithDefault("true")
        boolean enabled();

        /** How long an unused registration lives. */
        @WithDefault("P1D")
        Duration ttl();
    }

    /** Anonymous catalog reads answered from memory. */
    interface ResponseCache {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("PT2S")
        Duration ttl();

        /** Memory for cached answers per instance. */
        @WithDefault("67108864")
        long maxBytes();
    }

    /** Parsed documents remembered per instance, so that a document sent again skips its parse. */
    interface ParsedDocuments {
        /** Estimated memory they may hold (text and syntax tree); the least recently used go first beyond it. */
        @WithDefault("16777216")
        long maxBytes();
    }

    /** The changes inside the GraphQL engine (see {@code EnginePatches}). */
    interface EnginePatches {
        @WithDefault("true")
        boolean enabled();
    }

    /** The settings as configured, for the engine's parts that CDI does not make. */
    static GraphQLConfig current() {
        return ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getConfigMapping(GraphQLConfig.class);
    }
}
