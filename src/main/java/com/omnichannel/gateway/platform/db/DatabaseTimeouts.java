package com.omnichannel.gateway.platform.db;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How long a request waits for PostgreSQL before it fails with {@code DATABASE_UNAVAILABLE}: a database that
 * accepts connections but answers nothing (hung, or a network that drops packets) must not hold requests, or the
 * pool, for ever. Connections cut by these timeouts are replaced by new ones, so the service recovers by itself.
 */
@ConfigMapping(prefix = "app.db")
public interface DatabaseTimeouts {

    /** Waiting for a connection of the pool (all busy, or a new one being opened). */
    @WithDefault("PT5S")
    Duration acquisitionTimeout();

    /** Opening a TCP connection. */
    @WithDefault("PT3S")
    Duration connectTimeout();

    /**
     * Silence on a connection (nothing read) after which it is closed: a statement waiting longer for its answer
     * fails. Above {@link #statementTimeout()}, so that PostgreSQL ends a statement that is merely slow first.
     */
    @WithDefault("PT15S")
    Duration responseTimeout();

    /** PostgreSQL's statement_timeout for the service's sessions: a slow statement is cancelled by the server. */
    @WithDefault("PT10S")
    Duration statementTimeout();
}
