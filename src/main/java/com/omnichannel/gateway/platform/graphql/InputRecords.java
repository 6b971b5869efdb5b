package com.omnichannel.gateway.platform.graphql;

import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.smallrye.graphql.schema.model.Field;
import io.smallrye.graphql.schema.model.InputType;
import io.smallrye.graphql.schema.model.ReferenceType;
import io.smallrye.graphql.schema.model.Wrapper;
import io.smallrye.graphql.spi.ClassloadingService;
import io.smallrye.graphql.transformation.Transformer;

/**
 * Input objects bound straight from the engine's map of values into their records. SmallRye binds an input object
 * by writing the map as JSON text and reading the text back with JSON-B, for every argument of every call: about a
 * fourteenth of an add-to-cart's CPU. Here each input type of the schema model whose Java type is a record made only
 * of what this class knows (the scalars as the engine gives them or as SmallRye's own transformer converts them,
 * enums, input records, lists of those) gets a binder, made once: it reads each field of the map under its GraphQL
 * name and calls the record's constructor, as JSON-B would.
 * <p>
 * A value that is not as the binder expects (another class than the field's, a null for a primitive, a constructor
 * or a transformer that refuses it) is not bound here: {@link #bind} answers {@link #UNBOUND} and the caller leaves
 * it to SmallRye, which answers with the value or its error as it always did. The same goes for every input type
 * with anything else (adapters, formats, sets, arrays, maps, optionals, classes that are not records).
 */
final class InputRecords {

    /** What {@link #bind} answers when the value is left to SmallRye. */
    static final Object UNBOUND = new Object();

    private final Map<String, RecordBinder> binders;

    private InputRecords(Map<String, RecordBinder> binders) {
        this.binders = binders;
    }

    /** Binders for every input type of the model that binds entirely here. */
    static InputRecords of(Map<String, InputType> inputs) {
        Map<String, InputType> byClass = new HashMap<>();
        for (InputType input : inputs.values()) {
            byClass.put(input.getClassName(), input);
        }
        Map<String, RecordBinder> binders = new HashMap<>();
        InputRecords records = new InputRecords(binders);
        Set<String> unsupported = new HashSet<>();
        for (InputType input : byClass.values()) {
            records.binderOf(input.getClassName(), byClass, unsupported);
        }
        return records;
    }

    /** The input types bound here, by Java class name. */
    Set<String> boundTypes() {
        return binders.keySet();
    }

    boolean binds(String className) {
        return binders.containsKey(className);
    }

    /** The record the map of values stands for, or {@link #UNBOUND} when SmallRye is to bind it. */
    Object bind(String className, Map<?, ?> values) {
        RecordBinder binder = binders.get(className);
        return binder == null ? UNBOUND : binder.bind(values);
    }

    /**
     * The binder of an input type, made when the type and every input type it holds bind here; null when not.
     * A binder is registered before its fields are read, so an input type that holds itself (through a list or a
     * nullable field) finds it.
     */
    private RecordBinder binderOf(String className, Map<String, InputType> byClass, Set<String> unsupported) {
        RecordBinder known = binders.get(className);
        if (known != null || unsupported.contains(className)) {
            return known;
        }
        InputType input = byClass.get(className);
        Class<?> type = load(className);
        if (input == null || type == null || !type.isRecord()) {
            unsupported.add(className);
            return null;
        }
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] parameterTypes = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            parameterTypes[i] = components[i].getType();
        }
        Constructor<?> constructor;
        try {
            constructor = type.getDeclaredConstructor(parameterTypes);
            constructor.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            unsupported.add(className);
            return null;
        }
        RecordBinder binder = new RecordBinder(constructor);
        binders.put(className, binder);
        boolean bindable = true;
        for (Field field : input.getFields().values()) {
            int index = indexOf(components, field);
            ValueReader reader = index < 0 ? null : reader(field, components[index].getType(), byClass, unsupported);
            if (reader == null || binder.names[index] != null) {
                bindable = false;
                break;
            }
            binder.names[index] = field.getName();
            binder.readers[index] = reader;
        }
        for (int i = 0; bindable && i < components.length; i++) {
            // A component the schema does not show is constructed with null, as JSON-B does; a primitive cannot be.
            bindable = binder.names[i] != null || !components[i].getType().isPrimitive();
        }
        if (!bindable) {
            binders.remove(className);
            unsupported.add(className);
            return null;
        }
        return binder;
    }

    private static int indexOf(RecordComponent[] components, Field field) {
        for (int i = 0; i < components.length; i++) {
            String name = components[i].getName();
            if (name.equals(field.getPropertyName()) || name.equals(field.getMethodName())) {
                return i;
            }
        }
        return -1;
    }

    /** How a field's value is read, or null when this class does not bind it. */
    private ValueReader reader(Field field, Class<?> javaType, Map<String, InputType> byClass, Set<String> unsupported) {
        if (field.isAdaptingTo() || field.isAdaptingWith() || field.hasTransformation()
                || field.getReference().isAdaptingTo() || field.getReference().isAdaptingWith()) {
            return null;
        }
        Wrapper wrapper = field.getWrapper();
        if (wrapper == null) {
            return single(field, javaType, byClass, unsupported);
        }
        if (!wrapper.isCollection() || wrapper.hasWrapper() || !List.class.equals(javaType)) {
            return null;
        }
        ValueReader element;
        if (isListOfIds(field)) {
            // SmallRye describes the elements of an id list with the list's own class (see IdListArguments); the
            // ids of this API are strings, as JSON-B reads them.
            element = value -> value instanceof String ? value : UNBOUND;
        } else {
            Class<?> elementType = load(field.getReference().getClassName());
            element = elementType == null ? null : single(field, elementType, byClass, unsupported);
        }
        if (element == null) {
            return null;
        }
        return value -> {
            if (!(value instanceof List<?> given)) {
                return UNBOUND;
            }
            List<Object> list = new ArrayList<>(given.size());
            for (Object item : given) {
                Object read = item == null ? null : element.read(item);
                if (read == UNBOUND) {
                    return UNBOUND;
                }
                list.add(read);
            }
            return list;
        };
    }

    private static boolean isListOfIds(Field field) {
        return field.getReference().getType() == ReferenceType.SCALAR && "ID".equals(field.getReference().getName())
                && field.getReference().getClassName().equals(field.getWrapper().getWrapperClassName());
    }

    /** How one value (not a list) of a field is read. */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    private ValueReader single(Field field, Class<?> javaType, Map<String, InputType> byClass, Set<String> unsupported) {
        ReferenceType kind = field.getReference().getType();
        Class<?> boxed = boxed(javaType);
        if (kind == ReferenceType.INPUT) {
            String className = field.getReference().getClassName();
            if (binderOf(className, byClass, unsupported) == null) {
                return null;
            }
            // Looked up when read: the binder of a type that holds itself is complete only after it is made.
            return value -> value instanceof Map<?, ?> map ? bind(className, map) : UNBOUND;
        }
        if (kind == ReferenceType.ENUM) {
            if (!javaType.isEnum()) {
                return null;
            }
            Class<? extends Enum> enumType = (Class<? extends Enum>) javaType;
            return value -> {
                if (enumType.isInstance(value)) {
                    return value;
                }
                try {
                    return value instanceof String name ? Enum.valueOf(enumType, name) : UNBOUND;
                } catch (IllegalArgumentException notAValue) {
                    return UNBOUND;
                }
            };
        }
        if (kind != ReferenceType.SCALAR || !field.getReference().getClassName().equals(javaType.getName())) {
            return null;
        }
        if (field.getReference().getClassName().equals(field.getReference().getGraphQLClassName())) {
            return value -> boxed.isInstance(value) ? value : UNBOUND;
        }
        // The scalar's Java type is not the engine's (a Long given as a BigInteger): SmallRye's own transformer
        // converts it, as before JSON-B saw it.
        Transformer transformer = Transformer.transformer(field);
        if (transformer == null) {
            return null;
        }
        return value -> {
            try {
                Object converted = transformer.in(value);
                return boxed.isInstance(converted) ? converted : UNBOUND;
            } catch (Exception refused) {
                return UNBOUND;
            }
        };
    }

    /** The class of a primitive's boxed values; the class itself otherwise. */
    private static Class<?> boxed(Class<?> type) {
        return MethodType.methodType(type).wrap().returnType();
    }

    /** Loaded as SmallRye loads the model's classes (primitives by name too); null when it cannot be. */
    private static Class<?> load(String className) {
        try {
            return ClassloadingService.get().loadClass(className);
        } catch (RuntimeException | LinkageError notLoadable) {
            return null;
        }
    }

    /** Reads one value as the engine gives it; {@link #UNBOUND} when it is not as expected. */
    @FunctionalInterface
    private interface ValueReader {
        Object read(Object value);
    }

    /** One input record: each constructor parameter's GraphQL name and how its value is read. */
    private static final class RecordBinder {

        private final Constructor<?> constructor;
        private final String[] names;
        private final ValueReader[] readers;
        private final boolean[] primitive;

        RecordBinder(Constructor<?> constructor) {
            this.constructor = constructor;
            Class<?>[] parameters = constructor.getParameterTypes();
            this.names = new String[parameters.length];
            this.readers = new ValueReader[parameters.length];
            this.primitive = new boolean[parameters.length];
            for (int i = 0; i < parameters.length; i++) {
                primitive[i] = parameters[i].isPrimitive();
            }
        }

        Object bind(Map<?, ?> values) {
            Object[] arguments = new Object[names.length];
            for (int i = 0; i < names.length; i++) {
                Object value = names[i] == null ? null : values.get(names[i]);
                if (value == null) {
                    if (primitive[i]) {
                        return UNBOUND;
                    }
                    continue;
                }
                Object read = readers[i].read(value);
                if (read == UNBOUND) {
                    return UNBOUND;
                }
                arguments[i] = read;
            }
            try {
                return constructor.newInstance(arguments);
            } catch (ReflectiveOperationException | RuntimeException refused) {
                return UNBOUND;
            }
        }
    }
}
