package com.omnichannel.gateway.platform.graphql;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingFieldSelectionSet;
import graphql.schema.DelegatingDataFetchingEnvironment;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.GraphQLUnmodifiedType;
import graphql.schema.LightDataFetcher;
import graphql.schema.SelectedField;
import io.smallrye.graphql.execution.datafetcher.FieldDataFetcher;

/**
 * Lighter field fetching. Plain record components are read directly: the engine's default fetcher for a property
 * rebuilds a per-field execution context (including the selection set as JSON) before reading it, and for list
 * pages with hundreds of fields that was most of the request's CPU time. Only fields whose values go out as they
 * are (strings, numbers, booleans, ids, enums, objects, and date-times, which the scalar writes itself) take this
 * path; anything whose accessor cannot be found keeps the engine's fetcher. The engine's fetchers (resolver
 * calls, batch loads, formatted fields) are given no selection set (see {@link WithoutSelectionSet}), and are not
 * called once the client has hung up ({@link HungUpClients}).
 * <p>
 * Both rely on SmallRye's fetcher classes; each reports to {@link EnginePatches} the first time it is at work, so
 * that a version of SmallRye whose fetchers it no longer recognises shows as a patch that never applied.
 */
public class PlainFieldFetching {

    private static volatile boolean plainReadSeen;
    private static volatile boolean selectionSetAskedFor;

    /**
     * Scalars whose values go out as the component holds them. {@code DateTime} too: whatever SmallRye's formatter
     * would have made of it, the scalar writes every DateTime itself ({@link DateTimeOutput}), from the component's
     * value as well as from the formatter's text, so the formatting (and the scalar's parsing of its text) was
     * wasted: 2.5 % of an order history's CPU.
     */
    private static final Set<String> PLAIN_SCALARS = Set.of("String", "ID", "Int", "Float", "Boolean", DateTimeOutput.SCALAR);
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.publicLookup();

    private final Map<Class<?>, Map<String, MethodHandle>> accessors = new ConcurrentHashMap<>();

    /**
     * What one of SmallRye's fetchers ({@link #isSmallRyes}) of a field is replaced with: a plain read, or the
     * fetcher given no selection set and not called for a client that hung up. Asked once per fetcher
     * ({@link GatewayInstrumentation}).
     */
    DataFetcher<?> replacement(DataFetcher<?> original, GraphQLFieldDefinition field) {
        if (original instanceof FieldDataFetcher && isPlain(GraphQLTypeUtil.unwrapAll(field.getType()))) {
            return new PlainRead(field.getName(), original);
        }
        return environment -> {
            if (HungUpClients.hungUp(environment.getGraphQlContext())) {
                throw new HungUpClients.HungUp();
            }
            Object ranAlready = PlannedQueries.fetchedBefore(environment);
            return ranAlready != null ? ranAlready : original.get(new WithoutSelectionSet(environment));
        };
    }

    /** The environment as SmallRye's fetchers are given it: without a selection set ({@link WithoutSelectionSet}). */
    static DataFetchingEnvironment withoutSelectionSet(DataFetchingEnvironment environment) {
        return new WithoutSelectionSet(environment);
    }

    /** Resolver calls, batch loads and formatted fields: SmallRye's fetchers, which build its context first. */
    static boolean isSmallRyes(DataFetcher<?> fetcher) {
        String name = fetcher.getClass().getName();
        return name.startsWith("io.smallrye.graphql.") || name.startsWith("io.quarkus.smallrye.graphql.");
    }

    /**
     * SmallRye's fetchers copy the field's whole selection set, as JSON, twice, into the context they build for each
     * call (for resolvers that ask which sub-fields were selected; none here does). For the root field of a cart read
     * that is every field of the answer: a tenth of the request's CPU. They are given no selection set instead.
     */
    private static final class WithoutSelectionSet extends DelegatingDataFetchingEnvironment {

        WithoutSelectionSet(DataFetchingEnvironment environment) {
            super(environment);
        }

        @Override
        public DataFetchingFieldSelectionSet getSelectionSet() {
            if (!selectionSetAskedFor) {
                // SmallRye's fetcher reads the selection set here: this is the copy the patch spares.
                selectionSetAskedFor = true;
                EnginePatches.applied(EnginePatches.Patch.NO_SELECTION_SET_COPY);
            }
            return NoSelection.INSTANCE;
        }
    }

    private enum NoSelection implements DataFetchingFieldSelectionSet {
        INSTANCE;

        @Override
        public boolean contains(String fieldGlobPattern) {
            return false;
        }

        @Override
        public boolean containsAnyOf(String fieldGlobPattern, String... fieldGlobPatterns) {
            return false;
        }

        @Override
        public boolean containsAllOf(String fieldGlobPattern, String... fieldGlobPatterns) {
            return false;
        }

        @Override
        public List<SelectedField> getFields() {
            return List.of();
        }

        @Override
        public List<SelectedField> getImmediateFields() {
            return List.of();
        }

        @Override
        public List<SelectedField> getFields(String fieldGlobPattern, String... fieldGlobPatterns) {
            return List.of();
        }

        @Override
        public Map<String, List<SelectedField>> getFieldsGroupedByResultKey() {
            return Map.of();
        }

        @Override
        public Map<String, List<SelectedField>> getFieldsGroupedByResultKey(String fieldGlobPattern, String... fieldGlobPatterns) {
            return Map.of();
        }
    }

    private static boolean isPlain(GraphQLUnmodifiedType type) {
        return type instanceof GraphQLObjectType || type instanceof GraphQLEnumType
                || (type instanceof GraphQLScalarType scalar && PLAIN_SCALARS.contains(scalar.getName()));
    }

    /**
     * A plain record component's value, read through its accessor. A light fetcher: the engine calls it with the
     * source object alone, without building the field's execution context (only a component that is not found asks
     * for it, to fall back to SmallRye's fetcher).
     */
    private final class PlainRead implements LightDataFetcher<Object> {

        private final String name;
        private final DataFetcher<?> original;
        /** The accessor for the last source type seen: a field is nearly always read from one record type. */
        private volatile Accessor last;

        PlainRead(String name, DataFetcher<?> original) {
            this.name = name;
            this.original = original;
        }

        @Override
        public Object get(GraphQLFieldDefinition field, Object source, Supplier<DataFetchingEnvironment> environment) throws Exception {
            if (source == null) {
                return null;
            }
            Accessor accessor = last;
            if (accessor == null || accessor.type() != source.getClass()) {
                accessor = new Accessor(source.getClass(), accessors.computeIfAbsent(source.getClass(), c -> new ConcurrentHashMap<>())
                        .computeIfAbsent(name, n -> find(source.getClass(), n)));
                last = accessor;
            }
            if (accessor.handle() == NOT_FOUND) {
                // SmallRye's fetcher (a getter, not a record component), spared the selection set like the others:
                // for it the engine would work out the whole operation's fields on every request.
                return original.get(new WithoutSelectionSet(environment.get()));
            }
            if (!plainReadSeen) {
                plainReadSeen = true;
                EnginePatches.applied(EnginePatches.Patch.PLAIN_FIELD_READS);
            }
            try {
                return accessor.handle().invoke(source);
            } catch (Throwable t) {
                throw t instanceof Exception e ? e : new IllegalStateException(t);
            }
        }

        @Override
        public Object get(DataFetchingEnvironment environment) throws Exception {
            return get(environment.getFieldDefinition(), environment.getSource(), () -> environment);
        }
    }

    private record Accessor(Class<?> type, MethodHandle handle) {
    }

    private static final MethodHandle NOT_FOUND = MethodHandles.constant(Object.class, null);

    private static MethodHandle find(Class<?> type, String name) {
        if (!type.isRecord()) {
            return NOT_FOUND;
        }
        try {
            for (var component : type.getRecordComponents()) {
                if (component.getName().equals(name)) {
                    return LOOKUP.unreflect(component.getAccessor()).asType(MethodType.methodType(Object.class, Object.class));
                }
            }
        } catch (IllegalAccessException e) {
            return NOT_FOUND;
        }
        return NOT_FOUND;
    }
}
