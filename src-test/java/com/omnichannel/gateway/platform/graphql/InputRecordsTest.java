package com.omnichannel.gateway.platform.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import jakarta.enterprise.inject.spi.CDI;

import org.junit.jupiter.api.Test;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingEnvironmentImpl;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.graphql.execution.datafetcher.AbstractDataFetcher;
import io.smallrye.graphql.execution.datafetcher.BatchDataFetcher;
import io.smallrye.graphql.execution.datafetcher.helper.ArgumentHelper;
import io.smallrye.graphql.schema.model.Argument;
import io.smallrye.graphql.schema.model.Operation;
import io.smallrye.graphql.schema.model.ReferenceType;
import io.smallrye.graphql.schema.model.Schema;

/**
 * Input objects bound straight into their records are the records SmallRye's JSON-B binding makes, for every
 * argument of every field of the schema that holds an input object, with values generated from the schema: every
 * field given, only the required ones, and the others given as null. What the direct binding does not take is left
 * to SmallRye, with SmallRye's answer or error.
 */
@QuarkusTest
class InputRecordsTest {

    private static final List<String> SHAPES = List.of("every field", "required fields only", "nullable fields null");

    @Test
    void every_input_argument_binds_to_the_record_smallrye_makes() throws Exception {
        Schema model = EngineDataLoaders.model(EngineDataLoaders.engine());
        GraphQLSchema schema = CDI.current().select(GraphQLSchema.class).get();
        InputRecords records = InputRecords.of(model.getInputs());
        List<Operation> operations = new ArrayList<>();
        operations.addAll(model.getQueries());
        operations.addAll(model.getMutations());
        operations.addAll(model.getSubscriptions());
        model.getTypes().values().forEach(type -> operations.addAll(type.getOperations().values()));

        TreeSet<String> boundDirectly = new TreeSet<>();
        TreeSet<String> notBound = new TreeSet<>();
        int compared = 0;
        for (Operation operation : operations) {
            for (Argument argument : operation.getArguments()) {
                if (argument.getReference().getType() != ReferenceType.INPUT) {
                    continue;
                }
                GraphQLInputObjectType type = (GraphQLInputObjectType) schema.getType(argument.getReference().getName());
                for (String shape : SHAPES) {
                    // Each binding gets its own copy of the values: SmallRye's writes converted values into the map.
                    Object smallRyes = argumentsOf(new ArgumentHelper(operation.getArguments()), argument, type, shape);
                    Object direct = argumentsOf(new EngineInputBinding.BoundInputArguments(operation.getArguments(), records),
                            argument, type, shape);
                    assertThat(direct).as("%s(%s: %s), %s", operation.getName(), argument.getName(), type.getName(), shape)
                            .isEqualTo(smallRyes);
                    if (records.bind(argument.getReference().getClassName(), objectOf(type, shape)) != InputRecords.UNBOUND) {
                        boundDirectly.add(type.getName());
                    } else {
                        notBound.add(type.getName() + " (" + shape + ")");
                    }
                    compared++;
                }
            }
        }
        assertThat(compared).isGreaterThan(100);
        // Every input argument of the schema binds here, nested inputs included (the cart's lines, addresses),
        // those with date-times and longs too (converted by SmallRye's own transformer first).
        assertThat(boundDirectly).contains("CartLinesAddInput", "CartCreateInput", "CartLinesUpdateInput", "ProductCreateInput",
                "CustomerAddressCreateInput", "CheckoutCompleteInput");
        assertThat(notBound).as("input arguments left to SmallRye").isEmpty();
    }

    @Test
    void every_fetcher_with_an_input_argument_binds_it_directly() throws Exception {
        GraphQLSchema schema = CDI.current().select(GraphQLSchema.class).get();
        TreeSet<String> withInputs = new TreeSet<>();
        TreeSet<String> throughJsonText = new TreeSet<>();
        for (GraphQLType type : schema.getAllTypesAsList()) {
            if (!(type instanceof GraphQLObjectType object) || object.getName().startsWith("__")) {
                continue;
            }
            for (GraphQLFieldDefinition field : object.getFieldDefinitions()) {
                boolean inputArgument = field.getArguments().stream()
                        .anyMatch(argument -> GraphQLTypeUtil.unwrapAll(argument.getType()) instanceof GraphQLInputObjectType);
                if (!inputArgument) {
                    continue;
                }
                DataFetcher<?> fetcher = schema.getCodeRegistry().getDataFetcher(FieldCoordinates.coordinates(object, field), field);
                String name = object.getName() + "." + field.getName();
                withInputs.add(name);
                java.lang.reflect.Field helper = (fetcher instanceof BatchDataFetcher<?> ? BatchDataFetcher.class : AbstractDataFetcher.class)
                        .getDeclaredField("argumentHelper");
                helper.setAccessible(true);
                if (!(helper.get(fetcher) instanceof EngineInputBinding.BoundInputArguments)) {
                    throughJsonText.add(name + " (" + fetcher.getClass().getSimpleName() + ")");
                }
            }
        }
        // Root fields (cartLinesAdd) and batched fields below the root (a variant's storeAvailability(near:)) alike.
        assertThat(withInputs).contains("Mutation.cartLinesAdd", "ProductVariant.storeAvailability");
        assertThat(throughJsonText).as("fields whose input arguments SmallRye binds through JSON text").isEmpty();
    }

    @Test
    void a_value_not_as_the_record_expects_is_left_to_smallrye() throws Exception {
        InputRecords records = InputRecords.of(EngineDataLoaders.model(EngineDataLoaders.engine()).getInputs());
        String line = "com.omnichannel.gateway.cart.CartLineInput";
        Map<String, Object> good = new LinkedHashMap<>(Map.of("variantId", "v-1", "quantity", 2));
        assertThat(records.bind(line, good)).hasToString("CartLineInput[variantId=v-1, quantity=2]");

        // Another class than the field's, a null for a primitive, an unknown type: SmallRye's to bind (or refuse).
        assertThat(records.bind(line, Map.of("variantId", 5, "quantity", 2))).isSameAs(InputRecords.UNBOUND);
        assertThat(records.bind(line, Map.of("variantId", "v-1"))).isSameAs(InputRecords.UNBOUND);
        assertThat(records.bind("java.lang.Object", good)).isSameAs(InputRecords.UNBOUND);

        // SmallRye then answers as it always did, whichever helper the fetcher has.
        Operation add = EngineDataLoaders.model(EngineDataLoaders.engine()).getMutations().stream()
                .filter(operation -> operation.getName().equals("cartLinesAdd")).findFirst().orElseThrow();
        Map<String, Object> wrongLine = new LinkedHashMap<>(Map.of("variantId", "v-1"));
        Map<String, Object> input = new LinkedHashMap<>(Map.of("cartId", "c-1", "lines", List.of(wrongLine)));
        Object smallRyes = outcome(new ArgumentHelper(add.getArguments()), Map.of("input", copy(input)));
        Object direct = outcome(new EngineInputBinding.BoundInputArguments(add.getArguments(), records), Map.of("input", copy(input)));
        assertThat(direct).isEqualTo(smallRyes);
    }

    private static Object outcome(ArgumentHelper helper, Map<String, Object> arguments) {
        DataFetchingEnvironment environment = DataFetchingEnvironmentImpl.newDataFetchingEnvironment().arguments(arguments).build();
        try {
            return helper.getArguments(environment);
        } catch (Exception refused) {
            return refused.getClass().getName();
        }
    }

    private static Object argumentsOf(ArgumentHelper helper, Argument argument, GraphQLInputObjectType type, String shape)
            throws Exception {
        Object value = objectOf(type, shape);
        if (argument.hasWrapper() && argument.getWrapper().isCollectionOrArrayOrMap()) {
            value = List.of(value, objectOf(type, shape));
        }
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put(argument.getName(), value);
        return helper.getArguments(DataFetchingEnvironmentImpl.newDataFetchingEnvironment().arguments(arguments).build());
    }

    /** An input object's values as the engine hands them to a fetcher, generated from its type. */
    private static Map<String, Object> objectOf(GraphQLInputObjectType type, String shape) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (GraphQLInputObjectField field : type.getFieldDefinitions()) {
            boolean required = GraphQLTypeUtil.isNonNull(field.getType());
            if (required || shape.equals("every field")) {
                values.put(field.getName(), valueOf(field.getType(), shape));
            } else if (shape.equals("nullable fields null")) {
                values.put(field.getName(), null);
            }
        }
        return values;
    }

    private static Object valueOf(GraphQLInputType type, String shape) {
        if (type instanceof GraphQLNonNull nonNull) {
            return valueOf((GraphQLInputType) nonNull.getWrappedType(), shape);
        }
        if (type instanceof GraphQLList list) {
            GraphQLInputType element = (GraphQLInputType) list.getWrappedType();
            return new ArrayList<>(List.of(valueOf(element, shape), valueOf(element, shape)));
        }
        if (type instanceof GraphQLInputObjectType object) {
            return objectOf(object, shape);
        }
        if (type instanceof GraphQLEnumType enumType) {
            return enumType.parseValue(enumType.getValues().get(enumType.getValues().size() - 1).getName());
        }
        GraphQLScalarType scalar = (GraphQLScalarType) type;
        Object raw = switch (scalar.getName()) {
            case "Int" -> 7;
            case "Float" -> 2.5;
            case "Boolean" -> true;
            case "BigInteger" -> 42;
            case "BigDecimal" -> "12.50";
            case "DateTime" -> "2026-03-04T05:06:07.891Z";
            case "Date" -> "2026-03-04";
            case "ID" -> "id-7";
            default -> "text with \"quotes\", a \\ and ü";
        };
        return scalar.getCoercing().parseValue(raw);
    }

    @SuppressWarnings("unchecked")
    private static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copied = new LinkedHashMap<>();
            map.forEach((key, item) -> copied.put((String) key, copy(item)));
            return copied;
        }
        if (value instanceof List<?> list) {
            return new ArrayList<>(list.stream().map(InputRecordsTest::copy).toList());
        }
        return value;
    }
}
