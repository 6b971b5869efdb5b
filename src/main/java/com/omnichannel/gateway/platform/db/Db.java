package com.omnichannel.gateway.platform.db;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.tuples.Tuple2;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/**
 * Set-based SQL on the reactive PostgreSQL pool. The pool is safe to use from parallel resolvers (unlike a
 * Hibernate Reactive session), so the read paths go through here. Every statement is counted; the count is
 * exported as a metric and lets tests prove that a request's statement count does not grow with page size.
 */
@ApplicationScoped
public class Db {

    /**
     * SQLSTATE of a statement that changed fewer rows than it had to: require_row_count (V9) fails it with this, so
     * that a COMMIT sent together with it (see {@link Tx#queryThenCommit}) rolls back.
     */
    public static final String TOO_FEW_ROWS = "OC409";

    private final Pool pool;
    private final LongAdder statements;
    private final Db background;

    @Inject
    public Db(Pool pool, MeterRegistry registry) {
        this.pool = pool;
        this.statements = new LongAdder();
        registry.more().counter("gateway.sql.statements", java.util.List.of(), statements);
        LongAdder backgroundStatements = new LongAdder();
        registry.more().counter("gateway.sql.background-statements", java.util.List.of(), backgroundStatements);
        this.background = new Db(pool, backgroundStatements);
    }

    private Db(Pool pool, LongAdder statements) {
        this.pool = pool;
        this.statements = statements;
        this.background = this;
    }

    /**
     * The same pool for work that runs on its own schedule rather than for a request (e.g. webhook delivery): its
     * statements are counted apart ({@code gateway.sql.background-statements}), so {@link #statementCount()} stays the
     * statements of requests, which tests compare.
     */
    public Db background() {
        return background;
    }

    public Uni<RowSet<Row>> query(String sql, Tuple args) {
        return run(pool, sql, args);
    }

    public Uni<RowSet<Row>> query(String sql) {
        statements.increment();
        return pool.query(sql).execute();
    }

    /**
     * Runs {@code work} in one transaction on one connection; it commits when the returned Uni succeeds and rolls back
     * when it fails. Actions registered with {@link Tx#afterCommit} run once the commit succeeded (never after a
     * rollback). BEGIN is sent together with the transaction's first statement rather than on its own, which saves a
     * round trip per transaction; work that sends no statement opens no transaction. Work that ends in an expected
     * outcome that must leave nothing behind (a shortage, a refusal) calls {@link Tx#rollBack} and returns it as its
     * result: the transaction then rolls back and the result is still the answer.
     */
    public <T> Uni<T> inTransaction(Function<Tx, Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            List<Runnable> afterCommit = new ArrayList<>();
            return pool.withConnection(connection -> {
                Tx tx = new Tx(connection, afterCommit);
                return Uni.createFrom().deferred(() -> work.apply(tx))
                        .onItemOrFailure().transformToUni((item, failure) -> tx.end(item, failure));
            }).invoke(() -> afterCommit.forEach(Runnable::run));
        });
    }

    /**
     * Runs work only while no other instance runs work of the same name: a PostgreSQL advisory lock, held by a
     * transaction of its own while the work runs (on other connections) and released when the work ends, or when
     * the instance holding it dies. Answers {@code whenBusy} at once, without running the work, when another
     * instance holds the lock. For periodic jobs every instance schedules and one at a time may do.
     */
    public <T> Uni<T> exclusively(String name, java.util.function.Supplier<Uni<T>> work, T whenBusy) {
        return inTransaction(tx -> tx.query("SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked", Tuple.of(name))
                .chain(rows -> rows.iterator().next().getBoolean("locked") ? work.get() : Uni.createFrom().item(whenBusy)));
    }

    /** Whether the failure is a statement's that changed fewer rows than it had to ({@link #TOO_FEW_ROWS}). */
    public static boolean isTooFewRows(Throwable failure) {
        return failure instanceof PgException pg && TOO_FEW_ROWS.equals(pg.getSqlState());
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
        private final SqlConnection connection;
        private final List<Runnable> afterCommit;
        private boolean begun;
        /** COMMIT has gone out (with the last statement): nothing more may be sent. */
        private boolean ended;
        /** A statement failed, so PostgreSQL has aborted the transaction: it can only roll back. */
        private Throwable aborted;
        /** The work's result is to be kept, its writes not. */
        private boolean rollBack;

        private Tx(SqlConnection connection, List<Runnable> afterCommit) {
            this.connection = connection;
            this.afterCommit = afterCommit;
        }

        /**
         * Rolls the transaction back when the work ends, with the work's result as the answer rather than a failure.
         * Also for a last statement ({@link #queryThenCommit}) that failed as foreseen, e.g. with {@link #TOO_FEW_ROWS}:
         * PostgreSQL turned its COMMIT into a rollback, and the work goes on to answer with what that means.
         * Actions registered with {@link #afterCommit} do not run.
         */
        public void rollBack() {
            if (ended && aborted == null) {
                throw new IllegalStateException("The transaction has already committed");
            }
            rollBack = true;
        }

        /** Runs the action after this transaction commits, e.g. to tell other instances of what it changed. */
        public void afterCommit(Runnable action) {
            afterCommit.add(action);
        }

        public Uni<RowSet<Row>> query(String sql, Tuple args) {
            return Uni.createFrom().deferred(() -> {
                requireOpen();
                return begun ? statement(sql, args) : begunWith(statement(sql, args));
            });
        }

        /**
         * The transaction's last statement, sent together with its COMMIT: whatever the statement locks is held only
         * until PostgreSQL has run it and committed, not for another round trip to the client and back. PostgreSQL
         * turns the COMMIT into a rollback when the statement fails, so a statement that must not commit in some
         * case (e.g. a level without the units) has to fail in that case rather than leave it to the caller; and
         * the work must not fail after it, as what it wrote is committed by then.
         */
        public Uni<RowSet<Row>> queryThenCommit(String sql, Tuple args) {
            return Uni.createFrom().deferred(() -> {
                requireOpen();
                if (rollBack) {
                    throw new IllegalStateException("The transaction is to roll back; it cannot commit");
                }
                Uni<Outcome> statement = (begun ? statement(sql, args) : begunWith(statement(sql, args)))
                        .onItemOrFailure().transform(Outcome::new);
                Uni<Outcome> commit = connection.query("COMMIT").execute().onItemOrFailure().transform(Outcome::new);
                ended = true;
                // Both go out at once; the answer waits for both (the connection is not handed back with the COMMIT
                // outstanding), and the statement's failure is the one that counts.
                return Uni.combine().all().unis(statement, commit).asTuple().chain(t -> {
                    Throwable failure = t.getItem1().failure() != null ? t.getItem1().failure() : t.getItem2().failure();
                    return failure != null ? Uni.createFrom().<RowSet<Row>>failure(failure) : Uni.createFrom().item(t.getItem1().rows());
                });
            });
        }

        private record Outcome(RowSet<Row> rows, Throwable failure) {
        }

        private void requireOpen() {
            if (ended) {
                throw new IllegalStateException("The transaction has already sent its COMMIT");
            }
            if (aborted != null) {
                throw new IllegalStateException("A statement of the transaction failed; nothing more can run in it", aborted);
            }
        }

        private Uni<RowSet<Row>> statement(String sql, Tuple args) {
            return run(connection, sql, args).onFailure().invoke(failure -> aborted = failure);
        }

        private Uni<RowSet<Row>> begunWith(Uni<RowSet<Row>> statement) {
            begun = true;
            // Both go out at once; the statement runs inside the transaction BEGIN opens.
            return Uni.combine().all().unis(connection.query("BEGIN").execute(), statement).asTuple().map(Tuple2::getItem2);
        }

        private <T> Uni<T> end(T item, Throwable failure) {
            if (!begun) {
                if (rollBack) {
                    afterCommit.clear();
                }
                return failure == null ? Uni.createFrom().item(item) : Uni.createFrom().failure(failure);
            }
            if (failure == null && rollBack) {
                afterCommit.clear();
                return ended ? Uni.createFrom().item(item)
                        : connection.query("ROLLBACK").execute().replaceWith(item);
            }
            if (failure == null && aborted == null) {
                return ended ? Uni.createFrom().item(item) : connection.query("COMMIT").execute().replaceWith(item);
            }
            // A statement that failed while the work went on regardless leaves nothing to commit.
            Throwable cause = failure != null ? failure
                    : new IllegalStateException("A statement of the transaction failed; it was rolled back", aborted);
            if (ended) {
                // Nothing is left to send: the last statement failed, so PostgreSQL turned its COMMIT into a rollback,
                // or the transaction committed and the work failed after it (which queryThenCommit's callers must avoid).
                return Uni.createFrom().failure(cause);
            }
            return connection.query("ROLLBACK").execute()
                    .onItemOrFailure().transformToUni((ignored, rollbackFailure) -> Uni.createFrom().failure(cause));
        }
    }
}
