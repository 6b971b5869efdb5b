package com.omnichannel.gateway.platform.graphql;

import java.util.Map;

import graphql.Directives;
import graphql.Scalars;
import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLAppliedDirectiveArgument;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.schema.SchemaTransformer;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;

/**
 * The custom scalars say which specification their values follow, as {@code @specifiedBy(url:)} in the SDL and
 * {@code specifiedByURL} in introspection, so that code generators and clients can map them to a type of their own.
 * SmallRye GraphQL has no annotation or setting for it; the schema it builds is given the URLs here, before it is
 * printed and served. The descriptions say the rest of the contract (what the service answers).
 */
final class ScalarSpecifications {

    record Specification(String url, String description) {
    }

    static final Map<String, Specification> SCALARS = Map.of(
            "DateTime", new Specification("https://www.rfc-editor.org/rfc/rfc3339",
                    "A date and time with its offset, RFC 3339 (ISO-8601). Answers are UTC with exactly milliseconds and Z "
                            + "(2026-12-06T23:01:02.120Z); inputs may have any offset and fraction."),
            "BigInteger", new Specification("https://www.rfc-editor.org/rfc/rfc8259#section-6",
                    "A whole number of any size, written as a JSON number (RFC 8259, section 6) without fraction or exponent "
                            + "(cart versions)."),
            "BigDecimal", new Specification("https://www.rfc-editor.org/rfc/rfc8259#section-6",
                    "A decimal number of any size and precision, written as a JSON number (RFC 8259, section 6)."));

    private ScalarSpecifications() {
    }

    static GraphQLSchema apply(GraphQLSchema schema) {
        return SchemaTransformer.transformSchema(schema, new GraphQLTypeVisitorStub() {
            @Override
            public TraversalControl visitGraphQLScalarType(GraphQLScalarType scalar, TraverserContext<GraphQLSchemaElement> context) {
                Specification specification = SCALARS.get(scalar.getName());
                if (specification == null || specification.url().equals(scalar.getSpecifiedByUrl())) {
                    return TraversalControl.CONTINUE;
                }
                // The URL for introspection; the applied directive for the printed SDL, which prints applied directives.
                GraphQLAppliedDirective specifiedBy = GraphQLAppliedDirective.newDirective().name(Directives.SpecifiedByDirective.getName())
                        .argument(GraphQLAppliedDirectiveArgument.newArgument().name("url").type(GraphQLNonNull.nonNull(Scalars.GraphQLString))
                                .valueProgrammatic(specification.url()).build())
                        .build();
                return changeNode(context, scalar.transform(builder -> builder.specifiedByUrl(specification.url())
                        .description(specification.description()).withAppliedDirective(specifiedBy)));
            }
        });
    }
}
