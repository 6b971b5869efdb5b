package com.omnichannel.gateway.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.support.Accounts;
import com.omnichannel.gateway.support.GraphQL;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Request ids in responses and logs, and no personal data in the log. */
@QuarkusTest
class LoggingTest {

    /** Every log record written while it is installed, with its message formatted and its request id. */
    static final class Capture extends Handler implements AutoCloseable {
        final List<String> lines = new CopyOnWriteArrayList<>();

        Capture() {
            java.util.logging.Logger.getLogger("").addHandler(this);
        }

        @Override
        public void publish(LogRecord record) {
            String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
            Object requestId = record instanceof ExtLogRecord ext ? ext.getMdc("requestId") : null;
            lines.add("[" + requestId + "] " + message + (record.getThrown() == null ? "" : " " + record.getThrown()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            java.util.logging.Logger.getLogger("").removeHandler(this);
        }
    }

    @Test
    void a_request_id_sent_by_the_caller_is_echoed_and_a_missing_one_is_made_up() {
        Response given = given().header("X-Request-Id", "lb-1234-abcd").contentType("application/json")
                .body(Map.of("query", "{ __typename }")).post("/graphql");
        assertThat(given.header("X-Request-Id")).isEqualTo("lb-1234-abcd");

        Response made = given().contentType("application/json").body(Map.of("query", "{ __typename }")).post("/graphql");
        assertThat(made.header("X-Request-Id")).matches("[0-9a-f-]{36}");

        Response implausible = given().header("X-Request-Id", "x".repeat(500)).get("/q/health/live");
        assertThat(implausible.header("X-Request-Id")).matches("[0-9a-f-]{36}");
    }

    @Test
    void the_log_holds_no_emails_names_tokens_or_passwords() {
        try (Capture capture = new Capture()) {
            Accounts.Account account = Accounts.register();
            GraphQL.anonymous().header("X-Request-Id", "req-personal-data").execute(Accounts.SIGN_IN, "input",
                    Map.of("email", account.email(), "password", "Wrong-password-1"));
            Accounts.signIn(GraphQL.anonymous(), account.email(), Accounts.PASSWORD);
            account.client().ok("query { me { email firstName lastName } }");
            // A failure that is logged: an invalid token.
            given().header("Authorization", "Bearer " + account.accessToken() + "x").header("X-Request-Id", "req-bad-token")
                    .contentType("application/json").body(Map.of("query", "{ me { email } }")).post("/graphql");

            assertThat(capture.lines).allSatisfy(line -> assertThat(line)
                    .doesNotContainIgnoringCase(account.email())
                    .doesNotContain(account.accessToken(), account.refreshToken(), Accounts.PASSWORD, "Wrong-password-1",
                            "Mustermann"));
        }
    }
}
