package com.omnichannel.gateway.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.support.GraphQL;

import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A null character (U+0000) in any text the API takes is the client's bad input: for every String and ID argument
 * and input field (at any depth) of every query and mutation of the committed schema, a request carrying one there
 * is refused with {@code BAD_USER_INPUT} before anything runs, never {@code INTERNAL} (PostgreSQL refuses the
 * character in text). The cases come from the schema, so a new argument is covered when it is added.
 */
@QuarkusTest
class NullCharacterTest {

    static final String NULL_TEXT = "a\u0000b";
    static final int MAX_INPUT_DEPTH = 4;

    /** One request: an operation and the variables that put a null character at one place. */
    record Case(String where, String document, Map<String, Object> variables) {
    }

    @Test
    void a_null_character_in_any_text_argument_or_input_field_is_bad_user_input() throws Exception {
        List<Case> cases = cases(schema());
        assertThat(cases).hasSizeGreaterThan(50);
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            JsonPath answer = GraphQL.anonymous().execute(c.document(), flatten(c.variables()));
            String code = answer.getString("errors[0].extensions.code");
            String message = answer.getString("errors[0].message");
            if (!"BAD_USER_INPUT".equals(code) || message == null || !message.contains("null character")) {
                failures.add(c.where() + ": " + answer.prettify());
            }
        }
        assertThat(failures).as("requests with a null character not refused as bad input").isEmpty();
    }

    @Test
    void a_null_character_written_in_the_document_is_bad_user_input_too() {
        for (String query : List.of("query { product(slug: \"lamp\\u0000\") { id } }",
                "mutation { customerSignIn(input: { email: \"a\\u0000@example.com\", password: \"x\" }) { userErrors { code } } }")) {
            JsonPath answer = GraphQL.anonymous().execute(query);
            assertThat(answer.getString("errors[0].extensions.code")).as(answer.prettify()).isEqualTo("BAD_USER_INPUT");
            assertThat(answer.getString("errors[0].message")).contains("null character");
        }
        // The escape of a backslash followed by "u0000" is text, not a null character.
        JsonPath fine = GraphQL.anonymous().execute("query { product(slug: \"no\\\\u0000such\") { id } }");
        assertThat(fine.getList("errors")).as(fine.prettify()).isNull();
        assertThat(fine.getMap("data")).as(fine.prettify()).containsEntry("product", null);
    }

    static GraphQLSchema schema() throws Exception {
        String sdl = Files.readString(Path.of("graphql-schema/schema.graphql"));
        return UnExecutableSchemaGenerator.makeUnExecutableSchema(new SchemaParser().parse(sdl));
    }

    static List<Case> cases(GraphQLSchema schema) {
        List<Case> cases = new ArrayList<>();
        for (GraphQLObjectType root : List.of(schema.getQueryType(), schema.getMutationType())) {
            String operation = root == schema.getQueryType() ? "query" : "mutation";
            for (GraphQLFieldDefinition field : root.getFieldDefinitions()) {
                for (GraphQLArgument target : field.getArguments()) {
                    for (Object withNull : placements(target.getType(), 0)) {
                        cases.add(caseFor(operation, field, target, withNull));
                    }
                }
            }
        }
        return cases;
    }

    private static Case caseFor(String operation, GraphQLFieldDefinition field, GraphQLArgument target, Object withNull) {
        Map<String, Object> variables = new LinkedHashMap<>();
        List<String> declarations = new ArrayList<>();
        List<String> arguments = new ArrayList<>();
        for (GraphQLArgument argument : field.getArguments()) {
            boolean isTarget = argument == target;
            if (!isTarget && !GraphQLTypeUtil.isNonNull(argument.getType())) {
                continue;
            }
            variables.put(argument.getName(), isTarget ? withNull : minimal(argument.getType(), 0));
            declarations.add("$" + argument.getName() + ": " + GraphQLTypeUtil.simplePrint(argument.getType()));
            arguments.add(argument.getName() + ": $" + argument.getName());
        }
        GraphQLType returned = GraphQLTypeUtil.unwrapAll(field.getType());
        String selection = returned instanceof GraphQLScalarType || returned instanceof GraphQLEnumType ? "" : " { __typename }";
        String document = operation + "(" + String.join(", ", declarations) + ") { " + field.getName() + "("
                + String.join(", ", arguments) + ")" + selection + " }";
        return new Case(field.getName() + "(" + target.getName() + ") " + withNull, document, variables);
    }

    /** Every value of this type that holds the null character at one text place, the rest minimal and valid. */
    static List<Object> placements(GraphQLInputType type, int depth) {
        GraphQLType inner = GraphQLTypeUtil.unwrapNonNull(type);
        if (inner instanceof GraphQLList list) {
            return placements((GraphQLInputType) list.getWrappedType(), depth).stream().map(v -> (Object) List.of(v)).toList();
        }
        if (inner instanceof GraphQLScalarType scalar) {
            return "String".equals(scalar.getName()) || "ID".equals(scalar.getName()) ? List.of(NULL_TEXT) : List.of();
        }
        List<Object> values = new ArrayList<>();
        if (inner instanceof GraphQLInputObjectType input && depth < MAX_INPUT_DEPTH) {
            for (GraphQLInputObjectField field : input.getFieldDefinitions()) {
                for (Object withNull : placements(field.getType(), depth + 1)) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> value = (Map<String, Object>) minimal(input, depth);
                    value.put(field.getName(), withNull);
                    values.add(value);
                }
            }
        }
        return values;
    }

    /** A valid value of this type with only what it requires. */
    static Object minimal(GraphQLInputType type, int depth) {
        GraphQLType inner = GraphQLTypeUtil.unwrapNonNull(type);
        if (inner instanceof GraphQLList list) {
            return List.of(minimal((GraphQLInputType) list.getWrappedType(), depth));
        }
        if (inner instanceof GraphQLEnumType enumType) {
            return enumType.getValues().get(0).getName();
        }
        if (inner instanceof GraphQLInputObjectType input) {
            Map<String, Object> value = new LinkedHashMap<>();
            for (GraphQLInputObjectField field : input.getFieldDefinitions()) {
                if (GraphQLTypeUtil.isNonNull(field.getType())) {
                    value.put(field.getName(), minimal(field.getType(), depth + 1));
                }
            }
            return value;
        }
        return switch (((GraphQLNamedType) inner).getName()) {
            case "Int", "BigInteger" -> 1;
            case "Float", "BigDecimal" -> 1.5;
            case "Boolean" -> false;
            case "DateTime" -> "2026-01-01T00:00:00Z";
            default -> "x";
        };
    }

    private static Object[] flatten(Map<String, Object> variables) {
        List<Object> pairs = new ArrayList<>();
        variables.forEach((name, value) -> {
            pairs.add(name);
            pairs.add(value);
        });
        return pairs.toArray();
    }
}
