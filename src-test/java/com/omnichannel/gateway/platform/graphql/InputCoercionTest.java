package com.omnichannel.gateway.platform.graphql;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.GraphQLWebSocket;
import com.omnichannel.gateway.support.TestData;

import graphql.language.EnumTypeDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.ObjectTypeDefinition;
import graphql.language.Type;
import graphql.language.TypeDefinition;
import graphql.language.TypeName;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Values that cannot be coerced to their declared type are request errors, as the GraphQL specification says:
 * 400 for clients that accept {@code application/graphql-response+json}, no {@code data}, {@code BAD_USER_INPUT}, and
 * nothing runs. The cases are generated from the committed schema: every argument of a query or mutation, and every
 * field of an input object an argument takes, of type Int, Float, Boolean, ID or an enum, each given values of other types.
 */
@QuarkusTest
class InputCoercionTest {

    private static final String GRAPHQL_RESPONSE = "application/graphql-response+json";

    /** What no Int, Float, Boolean, ID or enum input may be, by type; {@code "5"} and 4294967297 were once read as Ints. */
    private static final Map<String, List<Object>> WRONG_VALUES = Map.of(
            "Int", List.of("three", "5", 4.5, 4294967297L, -2147483649L, true),
            "Float", List.of("4.5", "three", true),
            "Boolean", List.of(1, "true", 0.0),
            "ID", List.of(true, 4.5),
            "enum", List.of("NOT_A_VALUE", 1, true));

    private static final TypeDefinitionRegistry SCHEMA = committedSchema();

    @Inject
    TestData data;

    @Inject
    Vertx vertx;

    @TestHTTPResource("/graphql")
    URI endpoint;

    static Stream<Arguments> wrongVariables() {
        List<Arguments> cases = new ArrayList<>();
        for (String operation : List.of("Query", "Mutation")) {
            ObjectTypeDefinition root = SCHEMA.getType(operation, ObjectTypeDefinition.class).orElseThrow();
            for (FieldDefinition field : root.getFieldDefinitions()) {
                for (InputValueDefinition argument : field.getInputValueDefinitions()) {
                    for (Leaf leaf : leaves(argument.getType(), new ArrayList<>(), 0)) {
                        for (Object wrong : WRONG_VALUES.get(leaf.kind())) {
                            String label = operation + "." + field.getName() + "(" + argument.getName() + ") " + leaf + " = " + wrong;
                            cases.add(Arguments.of(label, operation.toLowerCase(), field, argument, leaf, wrong));
                        }
                    }
                }
            }
        }
        assertThat(cases).as("cases generated from the schema").hasSizeGreaterThan(100);
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongVariables")
    void a_variable_of_another_type_is_a_request_error_and_nothing_runs(String label, String operation, FieldDefinition field,
            InputValueDefinition argument, Leaf leaf, Object wrong) {
        String document = operation + " Coercion($v: " + written(argument.getType()) + ") { " + field.getName() + "("
                + argument.getName() + ": $v" + otherRequiredArguments(field, argument) + ")" + selection(field) + " }";
        Object value = leaf.valueWith(wrong);
        Response modern = given().contentType("application/json").accept(GRAPHQL_RESPONSE)
                .body(Map.of("query", document, "variables", Map.of("v", value))).post("/graphql");
        assertThat(modern.statusCode()).as(document + " with " + value + ": " + modern.asString()).isEqualTo(400);
        assertThat(modern.contentType()).startsWith(GRAPHQL_RESPONSE);
        assertRequestError(modern.jsonPath(), "'v'");
    }

    @Test
    void json_clients_get_the_same_request_error_with_200() {
        Response legacy = given().contentType("application/json").accept("application/json")
                .body(Map.of("query", "query($n: Int) { products(first: $n) { edges { cursor } } }", "variables", Map.of("n", "three")))
                .post("/graphql");
        assertThat(legacy.statusCode()).isEqualTo(200);
        assertThat(legacy.contentType()).startsWith("application/json");
        assertRequestError(legacy.jsonPath(), "\"three\"");
    }

    @Test
    void values_of_their_type_still_pass() {
        JsonPath answer = GraphQL.anonymous().ok("query($n: Int, $m: Int) { a: products(first: $n) { edges { cursor } } "
                + "b: products(first: $m) { edges { cursor } } }", "n", 1, "m", 2.0);
        assertThat(answer.getList("data.a.edges")).hasSizeLessThanOrEqualTo(1);
        assertThat(answer.getList("data.b.edges")).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void literals_of_another_type_are_refused_before_anything_runs() {
        for (String literal : List.of("\"three\"", "\"5\"", "4.5", "4294967297", "true")) {
            Response modern = given().contentType("application/json").accept(GRAPHQL_RESPONSE)
                    .body(Map.of("query", "{ products(first: " + literal + ") { edges { cursor } } }")).post("/graphql");
            assertThat(modern.statusCode()).as(literal).isEqualTo(400);
            assertRequestError(modern.jsonPath(), "'first'");
        }
    }

    @Test
    void a_quantity_beyond_32_bits_adds_nothing_in_a_variable_or_in_a_literal() {
        var store = data.warehouse("Coercion stock", 50.0, 9.0);
        var product = data.product("Coercion socks", null, 999);
        data.stock(product.variant(0), store, 10);
        JsonPath created = GraphQL.anonymous().ok("mutation($input: CartCreateInput) { cartCreate(input: $input) { cartToken cart { id } } }",
                "input", Map.of("lines", List.of(Map.of("variantId", product.variant(0).id(), "quantity", 2))));
        String cartId = created.getString("data.cartCreate.cart.id");
        GraphQL holder = GraphQL.anonymous().header("X-Cart-Token", created.getString("data.cartCreate.cartToken"));

        Response inVariable = holder.post("mutation($input: CartLinesAddInput!) { cartLinesAdd(input: $input) { cart { id } } }",
                "input", Map.of("cartId", cartId, "lines", List.of(Map.of("variantId", product.variant(0).id(), "quantity", 4294967297L))));
        assertRequestError(inVariable.jsonPath(), "4294967297");
        Response inLiteral = holder.post("mutation { cartLinesAdd(input: { cartId: \"" + cartId + "\", lines: [{ variantId: \""
                + product.variant(0).id() + "\", quantity: 4294967297 }] }) { cart { id } } }");
        assertRequestError(inLiteral.jsonPath(), "4294967297");

        JsonPath cart = holder.ok("query($id: ID!) { cart(id: $id) { lines { quantity } } }", "id", cartId);
        assertThat(cart.getList("data.cart.lines.quantity")).containsExactly(2);
    }

    @Test
    void errors_of_subscriptions_carry_only_their_code_too() throws Exception {
        var product = data.product("Coercion private cart", null, 1000);
        String cartId = GraphQL.anonymous().ok("mutation($input: CartCreateInput) { cartCreate(input: $input) { cart { id } } }",
                "input", Map.of("lines", List.of(Map.of("variantId", product.variant(0).id(), "quantity", 1))))
                .getString("data.cartCreate.cart.id");
        String subscribe = "subscription($id: ID!, $token: String) { cartUpdated(cartId: $id, cartToken: $token) { id } }";
        try (GraphQLWebSocket stranger = new GraphQLWebSocket(vertx, endpoint, null)) {
            stranger.subscribe("1", subscribe, Map.of("id", cartId, "token", "wrong-token"));
            assertThat(errorsOf(answerTo("1", stranger))).singleElement()
                    .satisfies(error -> assertThat(error.getJsonObject("extensions").getMap()).isEqualTo(Map.of("code", "FORBIDDEN")));

            stranger.subscribe("2", subscribe, Map.of("id", true));
            JsonObject refused = answerTo("2", stranger);
            assertThat(refused.encode()).doesNotContain("\"data\"");
            assertThat(errorsOf(refused)).singleElement()
                    .satisfies(error -> assertThat(error.getJsonObject("extensions").getMap()).isEqualTo(Map.of("code", "BAD_USER_INPUT")));
        }
    }

    /** The first "next" or "error" message for the subscription (its "complete" and the others' are passed over). */
    private static JsonObject answerTo(String id, GraphQLWebSocket socket) throws InterruptedException {
        while (true) {
            JsonObject message = socket.next();
            if (id.equals(message.getString("id")) && List.of("next", "error").contains(message.getString("type"))) {
                return message;
            }
        }
    }

    /** The errors of a graphql-transport-ws message: an "error" message's payload, or a "next" message's errors. */
    private static List<JsonObject> errorsOf(JsonObject message) {
        Object payload = message.getValue("payload");
        JsonArray errors = payload instanceof JsonArray array ? array : ((JsonObject) payload).getJsonArray("errors");
        assertThat(errors).as(message.encode()).isNotNull();
        List<JsonObject> list = new ArrayList<>();
        for (int i = 0; i < errors.size(); i++) {
            list.add(errors.getJsonObject(i));
        }
        return list;
    }

    private static void assertRequestError(JsonPath answer, String mentioned) {
        assertThat(answer.getMap("")).doesNotContainKey("data");
        assertThat(answer.getList("errors")).hasSize(1);
        assertThat(answer.getMap("errors[0].extensions")).containsOnlyKeys("code").containsEntry("code", "BAD_USER_INPUT");
        assertThat(answer.getString("errors[0].message")).contains(mentioned);
    }

    // ---- generating the cases from the committed schema

    /**
     * Where in an argument's type an Int, Float, Boolean, ID or enum sits: the argument itself, or a field of the input
     * object it takes (within lists), down to three levels. {@code kind} is the scalar's name or "enum".
     */
    record Leaf(String kind, String path, Type<?> argumentType) {

        /** The argument's value with the wrong value at this leaf and what the other required fields need. */
        Object valueWith(Object wrong) {
            return path.isEmpty() ? wrong : valueAt(argumentType, List.of(path.split("\\.")), wrong);
        }

        @Override
        public String toString() {
            return path.isEmpty() ? kind : path + " (" + kind + ")";
        }
    }

    private static List<Leaf> leaves(Type<?> argumentType, List<String> path, int depth) {
        List<Leaf> found = new ArrayList<>();
        collect(argumentType, argumentType, path, depth, found);
        return found;
    }

    private static void collect(Type<?> argumentType, Type<?> type, List<String> path, int depth, List<Leaf> found) {
        String name = baseName(type);
        String kind = kindOf(name);
        if (kind != null) {
            found.add(new Leaf(kind, String.join(".", path), argumentType));
            return;
        }
        Optional<InputObjectTypeDefinition> input = SCHEMA.getType(name, InputObjectTypeDefinition.class);
        if (input.isEmpty() || depth >= 3) {
            return;
        }
        for (InputValueDefinition field : input.get().getInputValueDefinitions()) {
            List<String> deeper = new ArrayList<>(path);
            deeper.add(field.getName());
            collect(argumentType, field.getType(), deeper, depth + 1, found);
        }
    }

    private static String kindOf(String typeName) {
        if (List.of("Int", "Float", "Boolean", "ID").contains(typeName)) {
            return typeName;
        }
        return SCHEMA.getType(typeName, EnumTypeDefinition.class).isPresent() ? "enum" : null;
    }

    /** A value of the type, with the wrong value at the path below it; required fields get a value of their type. */
    private static Object valueAt(Type<?> type, List<String> path, Object wrong) {
        if (type instanceof NonNullType nonNull) {
            return valueAt(nonNull.getType(), path, wrong);
        }
        if (type instanceof ListType list) {
            return List.of(valueAt(list.getType(), path, wrong));
        }
        if (path.isEmpty()) {
            return wrong;
        }
        InputObjectTypeDefinition input = SCHEMA.getType(baseName(type), InputObjectTypeDefinition.class).orElseThrow();
        Map<String, Object> value = new LinkedHashMap<>();
        for (InputValueDefinition field : input.getInputValueDefinitions()) {
            if (field.getName().equals(path.get(0))) {
                value.put(field.getName(), valueAt(field.getType(), path.subList(1, path.size()), wrong));
            } else if (field.getType() instanceof NonNullType) {
                value.put(field.getName(), placeholder(field.getType()));
            }
        }
        return value;
    }

    /** A value of the type that coerces (its content does not matter: nothing runs). */
    private static Object placeholder(Type<?> type) {
        if (type instanceof NonNullType nonNull) {
            return placeholder(nonNull.getType());
        }
        if (type instanceof ListType) {
            return List.of();
        }
        String name = baseName(type);
        switch (name) {
            case "Int", "Float", "BigInteger", "BigDecimal":
                return 1;
            case "Boolean":
                return true;
            case "DateTime":
                return "2026-01-01T00:00:00Z";
            default:
                break;
        }
        Optional<EnumTypeDefinition> enumType = SCHEMA.getType(name, EnumTypeDefinition.class);
        if (enumType.isPresent()) {
            return enumType.get().getEnumValueDefinitions().get(0).getName();
        }
        Optional<InputObjectTypeDefinition> input = SCHEMA.getType(name, InputObjectTypeDefinition.class);
        if (input.isPresent()) {
            Map<String, Object> value = new LinkedHashMap<>();
            for (InputValueDefinition field : input.get().getInputValueDefinitions()) {
                if (field.getType() instanceof NonNullType) {
                    value.put(field.getName(), placeholder(field.getType()));
                }
            }
            return value;
        }
        return "x"; // String, ID
    }

    /** The other required arguments, as literals of their type. */
    private static String otherRequiredArguments(FieldDefinition field, InputValueDefinition chosen) {
        StringBuilder arguments = new StringBuilder();
        for (InputValueDefinition argument : field.getInputValueDefinitions()) {
            if (argument != chosen && argument.getType() instanceof NonNullType) {
                arguments.append(", ").append(argument.getName()).append(": ").append(literal(placeholder(argument.getType()),
                        argument.getType()));
            }
        }
        return arguments.toString();
    }

    private static String literal(Object value, Type<?> type) {
        if (value instanceof String text) {
            return "enum".equals(kindOf(baseName(type))) ? text : "\"" + text + "\"";
        }
        if (value instanceof List<?> list) {
            return list.isEmpty() ? "[]" : "[" + literal(list.get(0), type) + "]";
        }
        if (value instanceof Map<?, ?> map) {
            InputObjectTypeDefinition input = SCHEMA.getType(baseName(type), InputObjectTypeDefinition.class).orElseThrow();
            List<String> fields = new ArrayList<>();
            for (InputValueDefinition field : input.getInputValueDefinitions()) {
                if (map.containsKey(field.getName())) {
                    fields.add(field.getName() + ": " + literal(map.get(field.getName()), field.getType()));
                }
            }
            return "{ " + String.join(", ", fields) + " }";
        }
        return String.valueOf(value);
    }

    private static String selection(FieldDefinition field) {
        TypeDefinition<?> returned = SCHEMA.getType(baseName(field.getType())).orElse(null);
        boolean leaf = returned == null || returned instanceof EnumTypeDefinition
                || returned instanceof graphql.language.ScalarTypeDefinition;
        return leaf ? "" : " { __typename }";
    }

    private static String written(Type<?> type) {
        if (type instanceof NonNullType nonNull) {
            return written(nonNull.getType()) + "!";
        }
        if (type instanceof ListType list) {
            return "[" + written(list.getType()) + "]";
        }
        return ((TypeName) type).getName();
    }

    private static String baseName(Type<?> type) {
        if (type instanceof NonNullType nonNull) {
            return baseName(nonNull.getType());
        }
        if (type instanceof ListType list) {
            return baseName(list.getType());
        }
        return ((TypeName) type).getName();
    }

    private static TypeDefinitionRegistry committedSchema() {
        try {
            return new SchemaParser().parse(Files.readString(Path.of("graphql-schema/schema.graphql")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
