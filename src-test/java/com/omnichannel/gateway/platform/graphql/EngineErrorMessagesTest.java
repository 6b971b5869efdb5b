package com.omnichannel.gateway.platform.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import io.smallrye.graphql.SmallRyeGraphQLServerMessages;

/**
 * {@link ErrorNormalizingInstrumentation} takes engine internals out of messages by their text: graphql-java's
 * AST values ({@code StringValue{value='x'}}) and SmallRye's message codes ({@code SRGQL000013: }). These are the
 * messages the engines on the classpath really write, so a change of their format fails here, not in front of
 * clients.
 */
class EngineErrorMessagesTest {

    private static final GraphQL ENGINE = GraphQL.newGraphQL(new SchemaGenerator().makeExecutableSchema(
            new SchemaParser().parse("type Query { products(first: Int, lat: Float): Int }"),
            RuntimeWiring.newRuntimeWiring().build())).build();

    private static GraphQLError engineError(String query) {
        List<GraphQLError> errors = ENGINE.execute(query).getErrors();
        assertThat(errors).hasSize(1);
        return errors.get(0);
    }

    private static GraphQLError normalized(GraphQLError error) throws Exception {
        ExecutionResult result = ExecutionResult.newExecutionResult().addError(error).build();
        return new ErrorNormalizingInstrumentation().instrumentExecutionResult(result, null, null).get().getErrors().get(0);
    }

    @Test
    void graphql_java_writes_a_literal_of_the_wrong_type_as_its_ast_value_and_clients_get_the_value() throws Exception {
        GraphQLError error = engineError("{ products(first: \"ten\") }");
        assertThat(error.getMessage()).contains("with value 'StringValue{value='ten'}' is not a valid 'Int'");

        GraphQLError shaped = normalized(error);
        assertThat(shaped.getExtensions()).containsEntry("code", "BAD_USER_INPUT");
        assertThat(shaped.getMessage()).contains("argument 'first' with value ''ten'' is not a valid 'Int'")
                .doesNotContain("StringValue{");
    }

    @Test
    void numbers_are_written_without_quotes_and_cleaned_alike() throws Exception {
        GraphQLError error = engineError("{ products(first: 1.5) }");
        assertThat(error.getMessage()).contains("'FloatValue{value=1.5}'");
        assertThat(normalized(error).getMessage()).contains("with value ''1.5'' is not a valid 'Int'").doesNotContain("FloatValue{");
    }

    @Test
    void an_unknown_field_is_a_validation_failure_of_the_document() throws Exception {
        GraphQLError shaped = normalized(engineError("{ colour }"));
        assertThat(shaped.getExtensions()).containsEntry("code", "GRAPHQL_VALIDATION_FAILED");
        assertThat(shaped.getMessage()).contains("colour");
    }

    @Test
    void smallrye_prefixes_its_messages_with_a_code_that_clients_do_not_see() throws Exception {
        GraphQLError error = SmallRyeGraphQLServerMessages.msg.coercingParseValueException("BigInteger", "String", null);
        assertThat(error.getMessage()).startsWith("SRGQL000013: Expected type [BigInteger] but was [String].");

        GraphQLError shaped = normalized(error);
        assertThat(shaped.getExtensions()).containsEntry("code", "BAD_USER_INPUT");
        assertThat(shaped.getMessage()).isEqualTo("Expected type [BigInteger] but was [String].");
    }
}
