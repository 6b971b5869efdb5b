package com.omnichannel.gateway.platform.graphql;

import io.smallrye.graphql.schema.model.Argument;
import io.smallrye.graphql.schema.model.Operation;
import io.smallrye.graphql.schema.model.Reference;
import io.smallrye.graphql.schema.model.ReferenceType;

/**
 * A list argument of ids ({@code @Id List<String> variantIds}, {@code [ID!]} in the schema) reaches its resolver as
 * the list of strings it is.
 * <p>
 * SmallRye GraphQL 2.17 describes such an argument's elements with the class of the list itself
 * ({@code java.util.List}) instead of {@code String}; each id then failed the check that an element is of its class
 * and was read as a JSON document (an opaque id is not one), so the operation failed before its resolver ran (a
 * subscription with "Your data fetcher must return a Publisher"). The ids of this API are strings, so the elements'
 * class is set to {@code String}. Ids inside input objects are read another way and are not affected.
 * {@code StockSubscriptionTest} subscribes with such an argument and fails if this stops applying.
 */
final class IdListArguments {

    private static final String ID = "ID";
    private static final String STRING = String.class.getName();

    private IdListArguments() {
    }

    static Operation apply(Operation operation) {
        if (operation.getArguments() == null) {
            return operation;
        }
        for (Argument argument : operation.getArguments()) {
            if (listOfIdsReadAsTheList(argument)) {
                Reference elements = new Reference.Builder().reference(argument.getReference()).className(STRING)
                        .graphQLClassName(STRING).build();
                argument.setReference(elements);
            }
        }
        return operation;
    }

    private static boolean listOfIdsReadAsTheList(Argument argument) {
        Reference reference = argument.getReference();
        return argument.hasWrapper() && argument.getWrapper().isCollectionOrArrayOrMap() && reference != null
                && reference.getType() == ReferenceType.SCALAR && ID.equals(reference.getName())
                && reference.getClassName() != null && reference.getClassName().equals(argument.getWrapper().getWrapperClassName());
    }
}
