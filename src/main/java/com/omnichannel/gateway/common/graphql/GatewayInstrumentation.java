package com.omnichannel.gateway.common.graphql;

import java.util.concurrent.CompletableFuture;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.introspection.Introspection;
import graphql.schema.DataFetcher;

/**
 * Everything this service adds to GraphQL execution, as one instrumentation: introspection switched off where
 * configured, query limits before execution,
 * plain field reads during it ({@link PlainFieldFetching}) and the error model after it
 * ({@link ErrorNormalizingInstrumentation}).
 */
public class GatewayInstrumentation extends SimplePerformantInstrumentation {

    private final boolean introspectionEnabled;
    private final SimplePerformantInstrumentation[] limits;
    private final PlainFieldFetching plainFields = new PlainFieldFetching();
    private final ErrorNormalizingInstrumentation errors = new ErrorNormalizingInstrumentation();

    public GatewayInstrumentation(boolean introspectionEnabled, SimplePerformantInstrumentation... limits) {
        this.introspectionEnabled = introspectionEnabled;
        this.limits = limits;
    }

    @Override
    public ExecutionInput instrumentExecutionInput(ExecutionInput executionInput, InstrumentationExecutionParameters parameters,
            InstrumentationState state) {
        if (!introspectionEnabled) {
            // The engine then answers __schema and __type with an error; __typename keeps working.
            executionInput.getGraphQLContext().put(Introspection.INTROSPECTION_DISABLED, true);
        }
        return executionInput;
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
            InstrumentationState state) {
        // Each limit aborts the execution (an error the client sees as BAD_USER_INPUT) when exceeded.
        for (SimplePerformantInstrumentation limit : limits) {
            limit.beginExecuteOperation(parameters, state);
        }
        return super.beginExecuteOperation(parameters, state);
    }

    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher, InstrumentationFieldFetchParameters parameters,
            InstrumentationState state) {
        return plainFields.instrumentDataFetcher(dataFetcher, parameters, state);
    }

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
            InstrumentationExecutionParameters parameters, InstrumentationState state) {
        return errors.instrumentExecutionResult(result, parameters, state);
    }
}
