package com.omnichannel.gateway.platform.graphql;

import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLUnionType;
import graphql.schema.TypeResolver;

/**
 * Interfaces and unions resolved by type name in the schema that runs.
 * <p>
 * Every transformation of the schema ({@link DescribedDeprecations}, {@link StrictScalars}) builds new object types,
 * but SmallRye's interface and union type resolvers hand back the object types of the schema SmallRye built; a
 * fragment's type condition ({@code ... on Product}) is matched by identity, so it would never match. Applied once,
 * after the last transformation.
 */
final class TypeResolutionByName {

    private TypeResolutionByName() {
    }

    /** The schema with every interface's and union's resolver answering an object type of this schema. */
    static GraphQLSchema apply(GraphQLSchema schema) {
        GraphQLCodeRegistry registry = schema.getCodeRegistry();
        GraphQLCodeRegistry byName = registry.transform(builder -> schema.getAllTypesAsList().stream()
                .filter(type -> type instanceof GraphQLInterfaceType || type instanceof GraphQLUnionType)
                .map(GraphQLNamedType.class::cast)
                .filter(type -> builder.hasTypeResolver(type.getName()))
                .forEach(type -> {
                    TypeResolver resolver = type instanceof GraphQLInterfaceType i ? registry.getTypeResolver(i)
                            : registry.getTypeResolver((GraphQLUnionType) type);
                    builder.typeResolver(type.getName(), env -> {
                        GraphQLObjectType resolved = resolver.getType(env);
                        return resolved == null ? null : env.getSchema().getObjectType(resolved.getName());
                    });
                }));
        return schema.transform(builder -> builder.codeRegistry(byName));
    }
}
