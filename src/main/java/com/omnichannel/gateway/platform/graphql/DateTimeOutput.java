package com.omnichannel.gateway.platform.graphql;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Locale;

import com.omnichannel.gateway.platform.time.UtcTimestamps;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
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
 * Every {@code DateTime} the API answers, on any type, in queries, mutations and subscriptions, is written in one
 * place, here: UTC with exactly milliseconds and {@code Z} ({@link UtcTimestamps#format(Instant)}).
 * <p>
 * SmallRye's scalar writes what it is handed: a string its date formatter made from an {@code OffsetDateTime}
 * (ISO-8601 with as many fraction digits as the value has: microseconds from PostgreSQL, nanoseconds from the clock,
 * none on a whole second) or, where no formatter ran, the Java object, which the JSON writer formats its own way.
 * The scalar's output is replaced; inputs are read by SmallRye's scalar as before, so any ISO-8601 offset is
 * accepted.
 */
final class DateTimeOutput {

    static final String SCALAR = "DateTime";

    private DateTimeOutput() {
    }

    static GraphQLSchema apply(GraphQLSchema schema) {
        return SchemaTransformer.transformSchema(schema, new GraphQLTypeVisitorStub() {
            @Override
            public TraversalControl visitGraphQLScalarType(GraphQLScalarType scalar, TraverserContext<GraphQLSchemaElement> context) {
                if (!SCALAR.equals(scalar.getName()) || scalar.getCoercing() instanceof MillisecondsUtc) {
                    return TraversalControl.CONTINUE;
                }
                return changeNode(context, scalar.transform(builder -> builder.coercing(new MillisecondsUtc(scalar.getCoercing()))));
            }
        });
    }

    /** The answer for one DateTime value, from any of the shapes a resolver or SmallRye's formatter hands over. */
    static String write(Object value) {
        Instant instant;
        try {
            if (value instanceof OffsetDateTime time) {
                instant = time.toInstant();
            } else if (value instanceof Instant time) {
                instant = time;
            } else if (value instanceof ZonedDateTime time) {
                instant = time.toInstant();
            } else if (value instanceof LocalDateTime time) {
                instant = time.toInstant(ZoneOffset.UTC); // without an offset: UTC, as everything this service stores
            } else if (value instanceof Date time) {
                instant = time.toInstant();
            } else if (value instanceof String text) {
                instant = instant(text);
            } else {
                throw new CoercingSerializeException("DateTime cannot represent a " + value.getClass().getSimpleName());
            }
        } catch (DateTimeException e) {
            throw new CoercingSerializeException("DateTime cannot represent \"" + value + "\"");
        }
        return UtcTimestamps.format(instant);
    }

    private static Instant instant(String text) {
        try {
            return UtcTimestamps.parse(text).toInstant();
        } catch (DateTimeException withoutOffset) {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        }
    }

    /** Output in the one shape; input as the scalar it replaces reads it. */
    private record MillisecondsUtc(Coercing<?, ?> input) implements Coercing<Object, Object> {

        @Override
        public Object serialize(Object result, GraphQLContext context, Locale locale) throws CoercingSerializeException {
            return result == null ? null : write(result);
        }

        @Override
        @SuppressWarnings("deprecation")
        public Object serialize(Object result) throws CoercingSerializeException {
            return result == null ? null : write(result);
        }

        @Override
        public Object parseValue(Object value, GraphQLContext context, Locale locale) throws CoercingParseValueException {
            return input.parseValue(value, context, locale);
        }

        @Override
        @SuppressWarnings("deprecation")
        public Object parseValue(Object value) throws CoercingParseValueException {
            return input.parseValue(value);
        }

        @Override
        public Object parseLiteral(Value<?> literal, CoercedVariables variables, GraphQLContext context, Locale locale)
                throws CoercingParseLiteralException {
            return input.parseLiteral(literal, variables, context, locale);
        }

        @Override
        @SuppressWarnings("deprecation")
        public Object parseLiteral(Object literal) throws CoercingParseLiteralException {
            return input.parseLiteral(literal);
        }

        @Override
        public Value<?> valueToLiteral(Object value, GraphQLContext context, Locale locale) {
            return input.valueToLiteral(value, context, locale);
        }
    }
}
