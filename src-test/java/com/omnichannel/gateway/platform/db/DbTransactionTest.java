package com.omnichannel.gateway.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Db.inTransaction: BEGIN travels with the first statement, COMMIT with the last one when it is sent with
 * queryThenCommit, and the transaction commits or rolls back as a whole.
 */
@QuarkusTest
class DbTransactionTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String INSERT = "INSERT INTO db_transaction_probe (id) VALUES ($1)";

    @Inject
    Db db;

    @Inject
    Pool pool;

    @BeforeEach
    void probeTable() {
        pool.query("CREATE TABLE IF NOT EXISTS db_transaction_probe (id TEXT PRIMARY KEY)").execute().await().atMost(TIMEOUT);
    }

    @Test
    void the_statements_of_a_successful_transaction_are_committed_together_and_then_the_after_commit_actions_run() {
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        AtomicInteger afterCommit = new AtomicInteger();

        String result = db.inTransaction(tx -> {
            tx.afterCommit(afterCommit::incrementAndGet);
            return tx.query(INSERT, Tuple.of(a))
                    .chain(() -> tx.query("SELECT count(*) AS n FROM db_transaction_probe WHERE id = $1", Tuple.of(a)))
                    // Not visible outside before the commit: the statements run inside one transaction.
                    .call(() -> countOutside(a).invoke(n -> assertThat(n).isZero()))
                    .chain(() -> tx.query(INSERT, Tuple.of(b)))
                    .replaceWith("done");
        }).await().atMost(TIMEOUT);

        assertThat(result).isEqualTo("done");
        assertThat(rowsOutside(a) + rowsOutside(b)).isEqualTo(2);
        assertThat(afterCommit).hasValue(1);
    }

    @Test
    void a_failing_transaction_leaves_nothing_behind_and_runs_no_after_commit_action() {
        String a = UUID.randomUUID().toString();
        AtomicInteger afterCommit = new AtomicInteger();

        assertThatThrownBy(() -> db.inTransaction(tx -> {
            tx.afterCommit(afterCommit::incrementAndGet);
            return tx.query(INSERT, Tuple.of(a)).chain(() -> Uni.createFrom().failure(new IllegalArgumentException("refused")));
        }).await().atMost(TIMEOUT)).isInstanceOf(IllegalArgumentException.class).hasMessage("refused");

        assertThat(rowsOutside(a)).isZero();
        assertThat(afterCommit).hasValue(0);
    }

    @Test
    void work_that_goes_on_after_a_failed_statement_is_rolled_back_and_fails() {
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();

        // The duplicate key aborts the transaction in PostgreSQL; carrying on as if nothing happened must not report success.
        assertThatThrownBy(() -> db.inTransaction(tx -> tx.query(INSERT, Tuple.of(a))
                .chain(() -> tx.query(INSERT, Tuple.of(a)).onFailure().recoverWithNull())
                .chain(() -> tx.query(INSERT, Tuple.of(b)).onFailure().recoverWithNull())
                .replaceWith("carried on")).await().atMost(TIMEOUT))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("rolled back");

        assertThat(rowsOutside(a) + rowsOutside(b)).isZero();
    }

    @Test
    void the_last_statement_goes_out_with_the_commit_so_its_rows_are_committed_once_it_answers() {
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        AtomicInteger afterCommit = new AtomicInteger();

        String result = db.inTransaction(tx -> {
            tx.afterCommit(afterCommit::incrementAndGet);
            return tx.query(INSERT, Tuple.of(a))
                    .chain(() -> tx.queryThenCommit(INSERT, Tuple.of(b)))
                    // Already visible to others before the work is done: nothing else is sent to commit it.
                    .call(() -> countOutside(a).invoke(n -> assertThat(n).isEqualTo(1)))
                    .replaceWith("done");
        }).await().atMost(TIMEOUT);

        assertThat(result).isEqualTo("done");
        assertThat(rowsOutside(a) + rowsOutside(b)).isEqualTo(2);
        assertThat(afterCommit).hasValue(1);
    }

    @Test
    void a_last_statement_that_fails_takes_the_whole_transaction_back_with_it() {
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        AtomicInteger afterCommit = new AtomicInteger();

        // require_row_count (V9) fails a statement that changed fewer rows than it had to: here 1 instead of 2.
        assertThatThrownBy(() -> db.inTransaction(tx -> {
            tx.afterCommit(afterCommit::incrementAndGet);
            return tx.query(INSERT, Tuple.of(a)).chain(() -> tx.queryThenCommit("""
                    WITH inserted AS (INSERT INTO db_transaction_probe (id) VALUES ($1) RETURNING id)
                    SELECT require_row_count(count(*), 2, 'probe rows') FROM inserted""", Tuple.of(b)));
        }).await().atMost(TIMEOUT)).isInstanceOf(PgException.class)
                .satisfies(failure -> assertThat(((PgException) failure).getSqlState()).isEqualTo("OC409"));

        assertThat(rowsOutside(a) + rowsOutside(b)).isZero();
        assertThat(afterCommit).hasValue(0);
    }

    @Test
    void nothing_can_be_sent_after_the_last_statement() {
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();

        assertThatThrownBy(() -> db.inTransaction(tx -> tx.queryThenCommit(INSERT, Tuple.of(a))
                .chain(() -> tx.query(INSERT, Tuple.of(b)))).await().atMost(TIMEOUT))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("COMMIT");

        // What went out with the COMMIT stays committed; the statement after it was never sent.
        assertThat(rowsOutside(a)).isEqualTo(1);
        assertThat(rowsOutside(b)).isZero();
    }

    @Test
    void work_that_rolls_back_answers_with_its_result_and_leaves_nothing_behind() {
        String a = UUID.randomUUID().toString();
        AtomicInteger afterCommit = new AtomicInteger();

        String result = db.inTransaction(tx -> {
            tx.afterCommit(afterCommit::incrementAndGet);
            return tx.query(INSERT, Tuple.of(a)).map(rows -> {
                tx.rollBack();
                return "short of stock";
            });
        }).await().atMost(TIMEOUT);

        assertThat(result).isEqualTo("short of stock");
        assertThat(rowsOutside(a)).isZero();
        assertThat(afterCommit).hasValue(0);
    }

    @Test
    void a_last_statement_that_fails_as_foreseen_can_be_answered_as_a_result() {
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        AtomicInteger afterCommit = new AtomicInteger();

        String result = db.inTransaction(tx -> {
            tx.afterCommit(afterCommit::incrementAndGet);
            return tx.query(INSERT, Tuple.of(a)).chain(() -> tx.queryThenCommit("""
                    WITH inserted AS (INSERT INTO db_transaction_probe (id) VALUES ($1) RETURNING id)
                    SELECT require_row_count(count(*), 2, 'probe rows') FROM inserted""", Tuple.of(b)))
                    .replaceWith("committed")
                    .onFailure(Db::isTooFewRows).recoverWithItem(() -> {
                        tx.rollBack();
                        return "levels changed";
                    });
        }).await().atMost(TIMEOUT);

        assertThat(result).isEqualTo("levels changed");
        assertThat(rowsOutside(a) + rowsOutside(b)).isZero();
        assertThat(afterCommit).hasValue(0);
    }

    @Test
    void a_committed_transaction_cannot_be_rolled_back() {
        String a = UUID.randomUUID().toString();

        assertThatThrownBy(() -> db.inTransaction(tx -> tx.queryThenCommit(INSERT, Tuple.of(a)).invoke(tx::rollBack))
                .await().atMost(TIMEOUT)).isInstanceOf(IllegalStateException.class).hasMessageContaining("committed");

        assertThat(rowsOutside(a)).isEqualTo(1);
    }

    @Test
    void the_connection_goes_back_to_the_pool_without_an_open_transaction() {
        String a = UUID.randomUUID().toString();
        for (int i = 0; i < 40; i++) {
            db.inTransaction(tx -> tx.query(INSERT, Tuple.of(UUID.randomUUID().toString()))
                    .chain(() -> Uni.createFrom().failure(new IllegalStateException("undo")))).onFailure().recoverWithNull()
                    .await().atMost(TIMEOUT);
        }
        // Every pooled connection has been through a rolled-back transaction; a plain statement still commits on its own.
        db.query(INSERT, Tuple.of(a)).await().atMost(TIMEOUT);
        assertThat(rowsOutside(a)).isEqualTo(1);
    }

    private long rowsOutside(String id) {
        return countOutside(id).await().atMost(TIMEOUT);
    }

    /** Rows as another connection sees them. */
    private Uni<Long> countOutside(String id) {
        return pool.preparedQuery("SELECT count(*) AS n FROM db_transaction_probe WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.iterator().next().getLong("n"));
    }
}
