package com.omnichannel.gateway.platform.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import graphql.GraphQL;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;

/**
 * Why depth and complexity are limited by {@link OperationLimitsInstrumentation} and not by SmallRye's settings
 * ({@code quarkus.smallrye-graphql.instrumentation-query-depth} and {@code -complexity}), which install
 * graphql-java's analyses: those count a fragment once per document. When this test fails, graphql-java counts
 * fragments at every spread, and those settings may be worth another look.
 */
class EngineQueryLimitsTest {

    private static final GraphQLSchema SCHEMA = new SchemaGenerator().makeExecutableSchema(
            new SchemaParser().parse("type Query { categories: [Category] } type Category { id: ID parent: Category children: [Category] }"),
            RuntimeWiring.newRuntimeWiring().build());

    private static boolean refused(Instrumentation limit, String query) {
        return !GraphQL.newGraphQL(SCHEMA).instrumentation(limit).build().execute(query).getErrors().isEmpty();
    }

    @Test
    void graphql_java_does_not_count_a_fragment_spread_deep_down_after_a_shallow_first_use() {
        int maxDepth = 12;
        String query = "query { categories { ...Deep children { " + "children { ".repeat(maxDepth - 3) + "...Deep"
                + " }".repeat(maxDepth - 3) + " } } }\nfragment Deep on Category { parent { parent { id } } }";
        assertThat(refused(new MaxQueryDepthInstrumentation(maxDepth), query)).isFalse();
        assertThat(refused(new OperationLimitsInstrumentation(maxDepth, 5000, 30), query)).isTrue();
    }

    @Test
    void graphql_java_does_not_count_fragments_in_full_at_every_spread() {
        StringBuilder fragments = new StringBuilder("fragment L0 on Category { id parent { id } }\n");
        for (int level = 1; level <= 4; level++) {
            String below = "{ ...L" + (level - 1) + " }";
            fragments.append("fragment L").append(level).append(" on Category { a: children ").append(below)
                    .append(" b: children ").append(below).append(" c: children ").append(below).append(" }\n");
        }
        String query = "query { categories { ...L4 } }\n" + fragments;
        assertThat(refused(new MaxQueryComplexityInstrumentation(100), query)).isFalse();
        assertThat(refused(new OperationLimitsInstrumentation(12, 100, 1000), query)).isTrue();
    }
}
