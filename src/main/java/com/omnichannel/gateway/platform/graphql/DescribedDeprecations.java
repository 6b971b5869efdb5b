package com.omnichannel.gateway.platform.graphql;

import java.util.List;

import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLDirective;
import graphql.schema.GraphQLEnumValueDefinition;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.schema.SchemaTransformer;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;

/**
 * Marks as deprecated every field, argument, input field and enum value whose description starts with
 * "Deprecated:", with the rest of that sentence as the reason. SmallRye GraphQL does not read
 * {@code java.lang.Deprecated} on record components, so the description (which the schema shows anyway) is the one
 * place a deprecation is written; this makes it visible to tools that read {@code @deprecated} and
 * {@code isDeprecated} (codegen, IDEs, linters). SmallRye marks {@code @Deprecated} members deprecated with no reason; the
 * description's reason replaces that.
 */
final class DescribedDeprecations extends GraphQLTypeVisitorStub {

    static final String PREFIX = "Deprecated:";
    private static final String DEPRECATED = "deprecated";

    private DescribedDeprecations() {
    }

    static GraphQLSchema apply(GraphQLSchema schema) {
        return SchemaTransformer.transformSchema(schema, new DescribedDeprecations());
    }

    /**
     * The reason a description gives for a deprecation: the sentence after "Deprecated:", or null when the
     * description does not start with it.
     */
    static String reason(String description) {
        if (description == null || !description.startsWith(PREFIX)) {
            return null;
        }
        String rest = description.substring(PREFIX.length()).trim();
        int end = rest.indexOf(". ");
        String sentence = end < 0 ? rest : rest.substring(0, end + 1);
        return sentence.isEmpty() ? "No longer supported." : sentence;
    }

    // The directive SmallRye applies for @Deprecated has no reason; the printer would print it as it is.
    private static List<GraphQLAppliedDirective> withoutDeprecated(List<GraphQLAppliedDirective> directives) {
        return directives.stream().filter(directive -> !DEPRECATED.equals(directive.getName())).toList();
    }

    private static List<GraphQLDirective> withoutDeprecatedDirective(List<GraphQLDirective> directives) {
        return directives.stream().filter(directive -> !DEPRECATED.equals(directive.getName())).toList();
    }

    @Override
    public TraversalControl visitGraphQLFieldDefinition(GraphQLFieldDefinition field, TraverserContext<GraphQLSchemaElement> context) {
        String reason = reason(field.getDescription());
        if (reason == null) {
            return TraversalControl.CONTINUE;
        }
        return changeNode(context, field.transform(builder -> builder.deprecate(reason)
                .replaceAppliedDirectives(withoutDeprecated(field.getAppliedDirectives()))
                .replaceDirectives(withoutDeprecatedDirective(field.getDirectives()))));
    }

    @Override
    public TraversalControl visitGraphQLArgument(GraphQLArgument argument, TraverserContext<GraphQLSchemaElement> context) {
        String reason = reason(argument.getDescription());
        if (reason == null) {
            return TraversalControl.CONTINUE;
        }
        return changeNode(context, argument.transform(builder -> builder.deprecate(reason)
                .replaceAppliedDirectives(withoutDeprecated(argument.getAppliedDirectives()))
                .replaceDirectives(withoutDeprecatedDirective(argument.getDirectives()))));
    }

    @Override
    public TraversalControl visitGraphQLInputObjectField(GraphQLInputObjectField field,
            TraverserContext<GraphQLSchemaElement> context) {
        String reason = reason(field.getDescription());
        if (reason == null) {
            return TraversalControl.CONTINUE;
        }
        return changeNode(context, field.transform(builder -> builder.deprecate(reason)
                .replaceAppliedDirectives(withoutDeprecated(field.getAppliedDirectives()))
                .replaceDirectives(withoutDeprecatedDirective(field.getDirectives()))));
    }

    @Override
    public TraversalControl visitGraphQLEnumValueDefinition(GraphQLEnumValueDefinition value,
            TraverserContext<GraphQLSchemaElement> context) {
        String reason = reason(value.getDescription());
        if (reason == null) {
            return TraversalControl.CONTINUE;
        }
        return changeNode(context, value.transform(builder -> builder.deprecationReason(reason)
                .replaceAppliedDirectives(withoutDeprecated(value.getAppliedDirectives()))
                .replaceDirectives(withoutDeprecatedDirective(value.getDirectives()))));
    }
}
