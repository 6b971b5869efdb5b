package com.omnichannel.gateway.common.db;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Set-based SQL on the reactive PostgreSQL pool. The pool is safe to use from parallel resolvers (unlike a
 * Hibernate Reactive session), so the read paths go through here. Every statement is counted; the count is
 * exported as a metric and lets tests prove that a request's statement count does not grow with page size.
 */
@ApplicationScoped
public class Db {

    private final Pool pool;
    private final LongAdder statements = new LongAdder();

    public Db(Pool pool, MeterRegistry registry) {
        this.pool = pool;
        registry.more().counter("gateway.sql.statements", java.util.List.of(), statements);
    }

    public Uni<RowSet<Row>> query(String sql, Tuple args) {
        return run(pool, sql, args);
    }

    public Uni<RowSet<Row>> query(String sql) {
        statements.increment();
        return pool.query(sql).execute();
    }

    /**
     * Runs {@code work} in one transaction on one connection; it commits when the returned Uni succeeds. Actions
     * registered with {@link Tx#afterCommit} run once the commit succeeded (never after a rollback).
     */
    public <T> Uni<T> inTransaction(Function<Tx, Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            List<Runnable> afterCommit = new ArrayList<>();
            return pool.withTransaction(connection -> work.apply(new Tx(connection, afterCommit)))
                    .invoke(() -> afterCommit.forEach(Runnable::run));
        });
    }

    /** Total statements sent since start. */
    public long statementCount() {
        return statements.sum();
    }

    private Uni<RowSet<Row>> run(SqlClient client, String sql, Tuple args) {
        statements.increment();
        return client.preparedQuery(sql).execute(args);
    }

    /** A transaction's connection; statements on it run one after another. */
    public final class Tx {
        private final SqlClient connection;
        private final List<Runnable> afterCommit;

        private Tx(SqlClient connection, List<Runnable> afterCommit) {
            this.connection = connection;
            this.afterCommit = afterCommit;
        }

        /** Runs the action after this transaction commits, e.g. to tell other instances of what it changed. */
        public void afterCommit(Runnable action) {
            afterCommit.add(action);
        }

        public Uni<RowSet<Row>> query(String sql, Tuple args) {
            return run(connection, sql, args);
        }
    }
}
