package com.omnichannel.gateway.platform.graphql;

import io.quarkus.arc.Arc;

/**
 * An application-scoped bean looked up on first use. The engine's instrumentation is built by the engine's builder,
 * not by CDI, and may run before the container is up; until then {@link #get()} answers null.
 */
final class LazyBean<T> {

    private final Class<T> type;
    private volatile T bean;

    LazyBean(Class<T> type) {
        this.type = type;
    }

    T get() {
        T found = bean;
        if (found == null && Arc.container() != null) {
            found = Arc.container().instance(type).get();
            bean = found;
        }
        return found;
    }
}
