package com.omnichannel.gateway.platform.graphql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import graphql.execution.ExecutionContext;
import graphql.execution.FieldCollector;
import graphql.execution.FieldCollectorParameters;
import graphql.execution.MergedField;
import graphql.execution.MergedSelectionSet;
import graphql.introspection.Introspection;
import graphql.language.Definition;
import graphql.language.DirectivesContainer;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import io.smallrye.graphql.execution.datafetcher.BatchDataFetcher;
import io.smallrye.graphql.execution.datafetcher.helper.ArgumentHelper;

/**
 * A query, or a mutation of one field, prepared once for {@link PlannedQueries}: for every field of every object
 * the answer can hold, its result key, its definition, the fetcher that resolves it and the shape of its value, so
 * that executing the operation walks this tree instead of collecting fields, looking up definitions and fetchers and
 * deciding how to complete each value for every field of every object again.
 * <p>
 * Only operations whose fields do not depend on the request are planned: no directives anywhere in the document
 * (they are what makes the selected fields depend on variables), no introspection of the schema, and only object
 * types below the root (an interface or union needs its concrete type resolved per value), and only root fields
 * whose fetcher is this service's (which hands the engine what the plan fetched, {@link PlannedQueries#fetchedBefore});
 * operations of several mutations, which run one after another, and subscriptions are not planned either.
 * Everything else is executed by the engine as before.
 */
final class QueryPlan {

    /** How a field's value is completed, from its type. */
    sealed interface Shape permits NonNull, ListOf, Leaf, Obj {
    }

    record NonNull(Shape inner) implements Shape {
    }

    record ListOf(Shape inner) implements Shape {
    }

    /** A scalar or an enum value, serialized by its type. */
    record Leaf(GraphQLScalarType scalar, GraphQLEnumType enumType) implements Shape {
    }

    record Obj(GraphQLObjectType type, PlannedField[] fields) implements Shape {
    }

    /**
     * One field of an object type as the operation selects it. {@code fetcher} is null for {@code __typename}.
     * {@code batched} is set for a batched field whose batches a run asks for itself (null for other fields).
     * {@code index} numbers the fields of the plan, for what a run keeps per field (its argument values).
     */
    record PlannedField(String key, MergedField merged, GraphQLFieldDefinition definition, GraphQLObjectType parent,
            DataFetcher<?> fetcher, Batched batched, Shape shape, int index) {

        boolean typename() {
            return fetcher == null;
        }
    }

    /**
     * A batched field (a resolver given the list of sources): the name of the data loader SmallRye gives it, after
     * the source type and the field, and SmallRye's converter of its arguments into the resolver's parameters (null
     * when it has none).
     */
    record Batched(String loaderName, ArgumentHelper arguments) {
    }

    private final Obj root;
    private final int fieldCount;

    private QueryPlan(Obj root, int fieldCount) {
        this.root = root;
        this.fieldCount = fieldCount;
    }

    Obj root() {
        return root;
    }

    int fieldCount() {
        return fieldCount;
    }

    /**
     * The plan of the execution's operation, or null when it is one the engine executes itself. {@code fetchers}
     * gives the fetcher the engine would call for a field (as this service's instrumentation replaces it).
     */
    static QueryPlan of(ExecutionContext execution, MergedSelectionSet rootFields,
            BiFunction<DataFetcher<?>, GraphQLFieldDefinition, DataFetcher<?>> fetchers) {
        if (hasDirectives(execution.getDocument())) {
            return null;
        }
        boolean mutation = execution.getOperationDefinition().getOperation() == OperationDefinition.Operation.MUTATION;
        if (mutation && rootFields.size() != 1) {
            // Several mutations run one after the other, each completed before the next starts: the engine's.
            return null;
        }
        Planner planner = new Planner(execution, fetchers);
        GraphQLObjectType rootType = mutation ? execution.getGraphQLSchema().getMutationType() : execution.getGraphQLSchema().getQueryType();
        PlannedField[] fields = planner.fields(rootType, rootFields);
        return fields == null ? null : new QueryPlan(new Obj(rootType, fields), planner.count);
    }

    private static final class Planner {

        private final ExecutionContext execution;
        private final GraphQLSchema schema;
        private final BiFunction<DataFetcher<?>, GraphQLFieldDefinition, DataFetcher<?>> fetchers;
        private final FieldCollector collector = new FieldCollector();
        private int count;

        Planner(ExecutionContext execution, BiFunction<DataFetcher<?>, GraphQLFieldDefinition, DataFetcher<?>> fetchers) {
            this.execution = execution;
            this.schema = execution.getGraphQLSchema();
            this.fetchers = fetchers;
        }

        /** The fields selected on an object type, or null when one of them cannot be planned. */
        PlannedField[] fields(GraphQLObjectType type, MergedSelectionSet selected) {
            List<PlannedField> fields = new ArrayList<>(selected.size());
            for (Map.Entry<String, MergedField> entry : selected.getSubFields().entrySet()) {
                PlannedField field = field(type, entry.getKey(), entry.getValue());
                if (field == null) {
                    return null;
                }
                fields.add(field);
            }
            return fields.toArray(PlannedField[]::new);
        }

        private PlannedField field(GraphQLObjectType parent, String key, MergedField merged) {
            String name = merged.getName();
            if (name.equals(Introspection.TypeNameMetaFieldDef.getName())) {
                return new PlannedField(key, merged, Introspection.TypeNameMetaFieldDef, parent, null, null, null, count++);
            }
            GraphQLFieldDefinition definition = parent.getFieldDefinition(name);
            if (definition == null) {
                // __schema and __type: introspection is the engine's.
                return null;
            }
            DataFetcher<?> own = schema.getCodeRegistry().getDataFetcher(FieldCoordinates.coordinates(parent, definition), definition);
            DataFetcher<?> fetcher = fetchers.apply(own, definition);
            if (fetcher == own && isRoot(parent)) {
                // A fetcher this service does not replace would not take what the plan fetched: the engine would
                // call the resolver a second time should the plan be left to it.
                return null;
            }
            Batched batched = own instanceof BatchDataFetcher<?> batch ? batched(batch, parent, definition) : null;
            int index = count++;
            Shape shape = shape(definition.getType(), merged);
            return shape == null ? null : new PlannedField(key, merged, definition, parent, fetcher, batched, shape, index);
        }

        /** A batched field as a run asks for its batches, or null to leave it to SmallRye's fetcher, object by object. */
        private static Batched batched(BatchDataFetcher<?> fetcher, GraphQLObjectType parent, GraphQLFieldDefinition definition) {
            ArgumentHelper arguments = null;
            if (!definition.getArguments().isEmpty()) {
                try {
                    arguments = FetcherFields.BATCHED == null ? null : FetcherFields.BATCHED.helperOf(fetcher);
                } catch (IllegalAccessException | ClassCastException e) {
                    arguments = null;
                }
                if (arguments == null) {
                    EnginePatches.notApplied(EnginePatches.Patch.BATCHES_FROM_PLANS,
                            "no argumentHelper in " + BatchDataFetcher.class.getName() + " for " + parent.getName() + "." + definition.getName());
                    return null;
                }
            }
            return new Batched(parent.getName() + "_" + definition.getName(), arguments);
        }

        private boolean isRoot(GraphQLObjectType type) {
            return type == schema.getQueryType() || type == schema.getMutationType();
        }

        private Shape shape(GraphQLOutputType type, MergedField merged) {
            if (type instanceof GraphQLNonNull nonNull) {
                Shape inner = shape((GraphQLOutputType) nonNull.getWrappedType(), merged);
                return inner == null ? null : new NonNull(inner);
            }
            if (type instanceof GraphQLList list) {
                Shape inner = shape((GraphQLOutputType) list.getWrappedType(), merged);
                return inner == null ? null : new ListOf(inner);
            }
            if (type instanceof GraphQLScalarType scalar) {
                return new Leaf(scalar, null);
            }
            if (type instanceof GraphQLEnumType enumType) {
                return new Leaf(null, enumType);
            }
            if (type instanceof GraphQLObjectType object) {
                FieldCollectorParameters parameters = FieldCollectorParameters.newParameters().schema(schema).objectType(object)
                        .fragments(execution.getFragmentsByName()).variables(Map.of()).graphQLContext(execution.getGraphQLContext())
                        .build();
                PlannedField[] fields = fields(object, collector.collectFields(parameters, merged));
                return fields == null ? null : new Obj(object, fields);
            }
            // Interfaces and unions: the concrete type is resolved per value, by the engine.
            return null;
        }
    }

    /** Whether any operation, fragment or selection of the document carries a directive. */
    static boolean hasDirectives(Document document) {
        for (Definition<?> definition : document.getDefinitions()) {
            if (definition instanceof OperationDefinition operation
                    && (!operation.getDirectives().isEmpty() || hasDirectives(operation.getSelectionSet()))) {
                return true;
            }
            if (definition instanceof FragmentDefinition fragment
                    && (!fragment.getDirectives().isEmpty() || hasDirectives(fragment.getSelectionSet()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasDirectives(SelectionSet selections) {
        if (selections == null) {
            return false;
        }
        for (Selection<?> selection : selections.getSelections()) {
            if (selection instanceof DirectivesContainer<?> directed && !directed.getDirectives().isEmpty()) {
                return true;
            }
            SelectionSet inner = selection instanceof Field field ? field.getSelectionSet()
                    : selection instanceof InlineFragment inline ? inline.getSelectionSet() : null;
            if (hasDirectives(inner)) {
                return true;
            }
        }
        return false;
    }
}
