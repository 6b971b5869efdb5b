package com.omnichannel.gateway.platform.db;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Singleton;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnectOptions;

/**
 * The reactive PostgreSQL pool as configured, with a prepared statement cache that also keeps long statements.
 * Vert.x caches statements of up to 2,048 characters only; a longer one (the checkout's order statement, which
 * writes the order, its lines, shipments and timeline at once) would be sent unnamed, so PostgreSQL would parse
 * and plan it on every execution.
 * <p>
 * The pool and its connections also get the {@link DatabaseTimeouts}: waiting for a connection, connecting, and
 * silence on a connection are bounded, so a PostgreSQL that hangs fails requests fast instead of holding them.
 */
@Singleton
public class PostgresPoolCreator implements PgPoolCreator {

    static final int CACHED_STATEMENT_MAX_LENGTH = 16_384;

    private final DatabaseTimeouts timeouts;

    public PostgresPoolCreator(DatabaseTimeouts timeouts) {
        this.timeouts = timeouts;
    }

    @Override
    public Pool create(Input input) {
        input.poolOptions().setConnectionTimeout((int) timeouts.acquisitionTimeout().toMillis())
                .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
        input.pgConnectOptionsList().forEach(options -> {
            options.setPreparedStatementCacheSqlLimit(CACHED_STATEMENT_MAX_LENGTH);
            options.setConnectTimeout((int) timeouts.connectTimeout().toMillis());
            options.setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
            options.setReadIdleTimeout((int) timeouts.responseTimeout().toMillis());
            options.addProperty("statement_timeout", String.valueOf(timeouts.statementTimeout().toMillis()));
        });
        List<SqlConnectOptions> databases = new ArrayList<>(input.pgConnectOptionsList());
        return PgBuilder.pool().with(input.poolOptions()).connectingTo(databases).using(input.vertx()).build();
    }
}
