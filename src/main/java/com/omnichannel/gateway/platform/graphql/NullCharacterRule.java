package com.omnichannel.gateway.platform.graphql;

import java.util.Collection;
import java.util.Map;

import graphql.ExecutionResult;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.Node;
import graphql.language.StringValue;

/**
 * Refuses an operation, before anything runs, when any string it carries (an argument or input field written in
 * the document, or a variable) contains the null character U+0000. No text the shop stores or looks up may hold
 * one, and PostgreSQL refuses it in text (SQLSTATE 22021): caught here once, it is the client's bad input
 * ({@code BAD_USER_INPUT}) on every argument of every field, rather than a database error on some of them.
 */
final class NullCharacterRule extends SimplePerformantInstrumentation {

    static final String MESSAGE = "Text may not contain the null character (U+0000)";

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
            InstrumentationState state) {
        ExecutionContext context = parameters.getExecutionContext();
        if (holdsNull(context.getCoercedVariables().toMap().values()) || literalHoldsNull(context)) {
            throw new AbortExecutionException(MESSAGE);
        }
        return super.beginExecuteOperation(parameters, state);
    }

    /** A string literal can only hold one through an escape ({@code \u0000}) or the raw character. */
    private static boolean literalHoldsNull(ExecutionContext context) {
        String text = context.getExecutionInput().getQuery();
        if (text == null || (text.indexOf('\\') < 0 && text.indexOf('\0') < 0)) {
            return false;
        }
        return nodeHoldsNull(context.getOperationDefinition())
                || context.getFragmentsByName().values().stream().anyMatch(NullCharacterRule::nodeHoldsNull);
    }

    private static boolean nodeHoldsNull(Node<?> node) {
        if (node instanceof StringValue string && string.getValue() != null && string.getValue().indexOf('\0') >= 0) {
            return true;
        }
        for (Node<?> child : node.getChildren()) {
            if (nodeHoldsNull(child)) {
                return true;
            }
        }
        return false;
    }

    private static boolean holdsNull(Collection<?> values) {
        for (Object value : values) {
            if (value instanceof CharSequence text && text.toString().indexOf('\0') >= 0) {
                return true;
            }
            if (value instanceof Map<?, ?> map && holdsNull(map.values())) {
                return true;
            }
            if (value instanceof Collection<?> list && holdsNull(list)) {
                return true;
            }
        }
        return false;
    }
}
