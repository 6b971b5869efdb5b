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
        // Silence counts from the connection's last read, also while it waits in the pool: one idle for nearly the
        // response timeout would be closed under the next statement handed to it (a bulk stock count queued behind a
        // checkout's row locks failed so). The pool retires idle connections at half the response timeout instead.
        long idleMillis = TimeUnit.MILLISECONDS.convert(input.poolOptions().getIdleTimeout(), input.poolOptions().getIdleTimeoutUnit());
        long retireMillis = timeouts.responseTimeout().toMillis() / 2;
        if (idleMillis <= 0 || idleMillis > retireMillis) {
            input.poolOptions().setIdleTimeout((int) retireMillis).setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
        }
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
