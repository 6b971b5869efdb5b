package com.omnichannel.gateway.platform.graphql;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.schema.SchemaTransformer;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;

/**
 * {@code Int}, {@code Float} and {@code ID} inputs read as the GraphQL specification says, in variables and in literals
 * alike.
 * <p>
 * SmallRye GraphQL's own {@code Int} and {@code Float} accept strings ({@code "5"}, {@code "three"}) and any number,
 * and the value is narrowed to the Java type only when a resolver's argument is built: {@code 4294967297} became 1,
 * {@code 4.5} became 4 and {@code "three"} failed inside the resolver; its {@code ID} took {@code true} and {@code 4.5}.
 * Here an {@code Int} input is a whole number from -2<sup>31</sup> to 2<sup>31</sup>-1, a {@code Float} input a finite
 * number and an {@code ID} input a string or a whole number (read as its digits); anything else is refused while
 * the engine coerces the variables (a request error, before anything runs) or validates the document (a literal).
 * Output is left to SmallRye's scalars, as is every other scalar ({@code Boolean} is graphql-java's, which reads
 * inputs strictly; {@code BigInteger} and {@code BigDecimal} take strings on purpose).
 */
final class StrictScalars {

    private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);

    private StrictScalars() {
    }

    /** The schema with its {@code Int}, {@code Float} and {@code ID} reading inputs strictly. */
    static GraphQLSchema apply(GraphQLSchema schema) {
        return SchemaTransformer.transformSchema(schema, new GraphQLTypeVisitorStub() {
            @Override
            public TraversalControl visitGraphQLScalarType(GraphQLScalarType scalar, TraverserContext<GraphQLSchemaElement> context) {
                Coercing<?, ?> strict = switch (scalar.getName()) {
                    case "Int" -> new Strict(scalar.getCoercing(), StrictScalars::intValue, StrictScalars::intLiteral);
                    case "Float" -> new Strict(scalar.getCoercing(), StrictScalars::floatValue, StrictScalars::floatLiteral);
                    case "ID" -> new Strict(scalar.getCoercing(), StrictScalars::idValue, StrictScalars::idLiteral);
                    default -> null;
                };
                if (strict == null || scalar.getCoercing() instanceof Strict) {
                    return TraversalControl.CONTINUE;
                }
                return changeNode(context, scalar.transform(builder -> builder.coercing(strict)));
            }
        });
    }

    /** An Int input from a variable (JSON): a whole number in range; 5.0 is 5, as JSON does not tell them apart. */
    static Integer intValue(Object input) {
        BigDecimal number = number(input);
        if (number == null) {
            throw new CoercingParseValueException("Int cannot represent " + shown(input) + ": it is not a number");
        }
        BigInteger whole;
        try {
            whole = number.toBigIntegerExact();
        } catch (ArithmeticException notWhole) {
            throw new CoercingParseValueException("Int cannot represent " + shown(input) + ": it is not a whole number");
        }
        if (whole.compareTo(INT_MIN) < 0 || whole.compareTo(INT_MAX) > 0) {
            throw new CoercingParseValueException("Int cannot represent " + shown(input)
                    + ": it is outside the 32-bit range " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE);
        }
        return whole.intValue();
    }

    static Integer intLiteral(Value<?> literal) {
        if (!(literal instanceof IntValue value)) {
            throw new CoercingParseLiteralException("Int cannot represent a non-integer value");
        }
        BigInteger whole = value.getValue();
        if (whole.compareTo(INT_MIN) < 0 || whole.compareTo(INT_MAX) > 0) {
            throw new CoercingParseLiteralException("Int cannot represent " + whole + ": it is outside the 32-bit range "
                    + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE);
        }
        return whole.intValue();
    }

    static Double floatValue(Object input) {
        BigDecimal number = number(input);
        if (number == null) {
            throw new CoercingParseValueException("Float cannot represent " + shown(input) + ": it is not a number");
        }
        double value = number.doubleValue();
        if (Double.isInfinite(value)) {
            throw new CoercingParseValueException("Float cannot represent " + shown(input) + ": it is not a finite number");
        }
        return value;
    }

    static Double floatLiteral(Value<?> literal) {
        BigDecimal number = literal instanceof IntValue value ? new BigDecimal(value.getValue())
                : literal instanceof FloatValue value ? value.getValue() : null;
        if (number == null || Double.isInfinite(number.doubleValue())) {
            throw new CoercingParseLiteralException("Float cannot represent a non-numeric value");
        }
        return number.doubleValue();
    }

    /** An ID input: a string, or a whole number, which is read as its digits. */
    static String idValue(Object input) {
        if (input instanceof String text) {
            return text;
        }
        BigDecimal number = number(input);
        if (number != null) {
            try {
                return number.toBigIntegerExact().toString();
            } catch (ArithmeticException notWhole) {
                // refused below
            }
        }
        throw new CoercingParseValueException("ID cannot represent " + shown(input) + ": it is neither a string nor a whole number");
    }

    static String idLiteral(Value<?> literal) {
        if (literal instanceof StringValue value) {
            return value.getValue();
        }
        if (literal instanceof IntValue value) {
            return value.getValue().toString();
        }
        throw new CoercingParseLiteralException("ID cannot represent a value that is neither a string nor a whole number");
    }

    /** A JSON number as an exact decimal; null for anything else (strings, booleans, objects), and NaN or infinities. */
    private static BigDecimal number(Object input) {
        if (input instanceof Integer || input instanceof Long || input instanceof Short || input instanceof Byte) {
            return BigDecimal.valueOf(((Number) input).longValue());
        }
        if (input instanceof BigInteger big) {
            return new BigDecimal(big);
        }
        if (input instanceof BigDecimal big) {
            return big;
        }
        if (input instanceof Double || input instanceof Float) {
            double value = ((Number) input).doubleValue();
            return Double.isFinite(value) ? new BigDecimal(Double.toString(value)) : null;
        }
        return null;
    }

    /** The refused value as a client wrote it, strings quoted, cut short. */
    private static String shown(Object input) {
        String text = input instanceof String string ? "\"" + string + "\"" : String.valueOf(input);
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    private interface ValueReader {
        Object read(Object input);
    }

    private interface LiteralReader {
        Object read(Value<?> literal);
    }

    /** Strict input, output as the scalar it replaces wrote it. */
    private record Strict(Coercing<?, ?> output, ValueReader values, LiteralReader literals) implements Coercing<Object, Object> {

        @Override
        public Object serialize(Object result, GraphQLContext context, Locale locale) throws CoercingSerializeException {
            return output.serialize(result, context, locale);
        }

        @Override
        @SuppressWarnings("deprecation")
        public Object serialize(Object result) throws CoercingSerializeException {
            return output.serialize(result);
        }

        @Override
        public Object parseValue(Object input, GraphQLContext context, Locale locale) throws CoercingParseValueException {
            return values.read(input);
        }

        @Override
        @SuppressWarnings("deprecation")
        public Object parseValue(Object input) throws CoercingParseValueException {
            return values.read(input);
        }

        @Override
        public Object parseLiteral(Value<?> literal, CoercedVariables variables, GraphQLContext context, Locale locale)
                throws CoercingParseLiteralException {
            return literals.read(literal);
        }

        @Override
        @SuppressWarnings("deprecation")
        public Object parseLiteral(Object literal) throws CoercingParseLiteralException {
            if (!(literal instanceof Value<?> value)) {
                throw new CoercingParseLiteralException("Not a literal value");
            }
            return literals.read(value);
        }

        @Override
        public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
            return output.valueToLiteral(input, context, locale);
        }
    }
}
