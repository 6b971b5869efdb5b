package com.omnichannel.gateway.platform.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.platform.ratelimit.RateLimiter;

import graphql.ExceptionWhileDataFetching;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.execution.ResultPath;
import graphql.language.SourceLocation;

/** Extra extensions of an API error (e.g. retry-after of RATE_LIMITED) reach the client beside the code. */
class ErrorNormalizingInstrumentationTest {

    @Test
    void a_rate_limited_error_carries_its_code_and_retry_after() throws Exception {
        GraphQLError fetching = new ExceptionWhileDataFetching(ResultPath.rootPath().segment("checkout"),
                RateLimiter.rateLimited(42), new SourceLocation(1, 3));
        ExecutionResult result = ExecutionResult.newExecutionResult().addError(fetching).build();
        ExecutionResult shaped = new ErrorNormalizingInstrumentation().instrumentExecutionResult(result, null, null).get();
        GraphQLError error = shaped.getErrors().get(0);
        assertThat(error.getExtensions()).containsEntry("code", "RATE_LIMITED").containsEntry("retryAfterSeconds", 42L);
        assertThat(error.getMessage()).contains("42 seconds");
        assertThat(error.getPath()).isEqualTo(List.of("checkout"));
    }

    @Test
    void the_engine_is_configured_to_pass_retry_after_to_clients() throws Exception {
        // SmallRye GraphQL writes only the extension fields it is told to
        Properties properties = new Properties();
        try (var in = getClass().getClassLoader().getResourceAsStream("application.properties")) {
            properties.load(in);
        }
        assertThat(List.of(properties.getProperty("quarkus.smallrye-graphql.error-extension-fields").split(",")))
                .contains("code", "retryAfterSeconds");
    }
}
