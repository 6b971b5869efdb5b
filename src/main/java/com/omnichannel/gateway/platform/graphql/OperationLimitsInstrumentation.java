package com.omnichannel.gateway.platform.graphql;

import java.util.HashMap;
import java.util.Map;

import graphql.ExecutionResult;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;

/**
 * Refuses an operation, before anything runs, when it is too deep, selects too many fields (its complexity) or
 * uses too many aliases. Fragments count in full at every place they are spread: graphql-java's own depth and
 * complexity analyses visit each fragment once per document, so a fragment spread at many places (or deep down
 * after a shallow first use) escaped them. Aliases are limited because they let one small document run the same
 * expensive field hundreds of times, e.g. a mutation.
 * <p>
 * Where introspection is on (dev and test), the depth of an operation that selects only {@code __schema} and
 * {@code __type} is not limited: the standard introspection query of GraphiQL and schema tools is deeper than any
 * client operation, and reads only the schema. Its complexity and aliases are limited as for any operation.
 */
public class OperationLimitsInstrumentation extends SimplePerformantInstrumentation {

    private final int maxDepth;
    private final int maxComplexity;
    private final int maxAliases;
    /** Whether the depth of schema reads is unlimited (where introspection is on). */
    private final boolean introspectionUnlimited;

    public OperationLimitsInstrumentation(int maxDepth, int maxComplexity, int maxAliases) {
        this(maxDepth, maxComplexity, maxAliases, false);
    }

    public OperationLimitsInstrumentation(int maxDepth, int maxComplexity, int maxAliases, boolean introspectionUnlimited) {
        this.maxDepth = maxDepth;
        this.maxComplexity = maxComplexity;
        this.maxAliases = maxAliases;
        this.introspectionUnlimited = introspectionUnlimited;
    }

    /** Whether every root selection reads the schema ({@code __schema} or {@code __type}). */
    static boolean onlyIntrospection(SelectionSet root) {
        return root != null && !root.getSelections().isEmpty() && root.getSelections().stream()
                .allMatch(s -> s instanceof Field field && (field.getName().equals("__schema") || field.getName().equals("__type")));
    }

    /** Depth (levels of fields), complexity (fields) and aliases of a selection set with its fragments expanded. */
    record Cost(long depth, long fields, long aliases) {
        static final Cost NONE = new Cost(0, 0, 0);
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
            InstrumentationState state) {
        var context = parameters.getExecutionContext();
        SelectionSet root = context.getOperationDefinition().getSelectionSet();
        Cost cost = cost(root, context.getFragmentsByName(), new HashMap<>());
        if (cost.depth() > maxDepth && !(introspectionUnlimited && onlyIntrospection(root))) {
            throw new AbortExecutionException("The operation's depth is " + cost.depth() + "; at most " + maxDepth + " is allowed");
        }
        if (cost.fields() > maxComplexity) {
            throw new AbortExecutionException("The operation's complexity is " + cost.fields() + " fields; at most "
                    + maxComplexity + " are allowed");
        }
        if (cost.aliases() > maxAliases) {
            throw new AbortExecutionException("The operation uses " + cost.aliases() + " aliases; at most " + maxAliases
                    + " are allowed");
        }
        return super.beginExecuteOperation(parameters, state);
    }

    /** Documents were validated before execution, so fragments do not cycle; each is measured once and reused. */
    static Cost cost(SelectionSet set, Map<String, FragmentDefinition> fragments, Map<String, Cost> perFragment) {
        if (set == null) {
            return Cost.NONE;
        }
        long depth = 0;
        long fields = 0;
        long aliases = 0;
        for (Selection<?> selection : set.getSelections()) {
            Cost inner;
            if (selection instanceof Field field) {
                Cost below = cost(field.getSelectionSet(), fragments, perFragment);
                inner = new Cost(below.depth() + 1, below.fields() + 1, below.aliases() + (field.getAlias() != null ? 1 : 0));
            } else if (selection instanceof InlineFragment inline) {
                inner = cost(inline.getSelectionSet(), fragments, perFragment);
            } else if (selection instanceof FragmentSpread spread) {
                inner = perFragment.get(spread.getName());
                if (inner == null) {
                    FragmentDefinition fragment = fragments.get(spread.getName());
                    inner = fragment == null ? Cost.NONE : cost(fragment.getSelectionSet(), fragments, perFragment);
                    perFragment.put(spread.getName(), inner);
                }
            } else {
                inner = Cost.NONE;
            }
            depth = Math.max(depth, inner.depth());
            fields = saturatedAdd(fields, inner.fields());
            aliases = saturatedAdd(aliases, inner.aliases());
        }
        return new Cost(depth, fields, aliases);
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
