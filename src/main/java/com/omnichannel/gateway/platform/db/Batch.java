package com.omnichannel.gateway.platform.db;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.smallrye.mutiny.Uni;

/**
 * Resolves a relationship for a whole list of parents with one load, returning results in the parents' order,
 * as batch resolvers ({@code @Source List<P>}) must.
 */
public final class Batch {

    private Batch() {
    }

    /** Loads children for each parent with one call and returns them in the parents' order. */
    public static <P, C> Uni<List<List<C>>> many(List<P> parents, Function<P, Long> key,
            Function<Set<Long>, Uni<Map<Long, List<C>>>> load, List<C> none) {
        Set<Long> keys = new LinkedHashSet<>();
        parents.forEach(p -> keys.add(key.apply(p)));
        if (keys.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return load.apply(keys).map(byKey -> parents.stream().map(p -> byKey.getOrDefault(key.apply(p), none)).toList());
    }

    /**
     * Like {@link #many}, for parents that may carry their children already (read with them in the parent's statement,
     * or written by this request): {@code known} gives those (null when the parent does not carry them), and only the
     * other parents' children are loaded, in one call, or none when every parent carries its own.
     */
    public static <P, K, C> Uni<List<List<C>>> manyUnlessKnown(List<P> parents, Function<P, List<C>> known,
            Function<P, K> key, Function<Set<K>, Uni<Map<K, List<C>>>> load) {
        Set<K> keys = new LinkedHashSet<>();
        parents.forEach(p -> {
            if (known.apply(p) == null) {
                keys.add(key.apply(p));
            }
        });
        Uni<Map<K, List<C>>> loaded = keys.isEmpty() ? Uni.createFrom().item(Map.of()) : load.apply(keys);
        return loaded.map(byKey -> parents.stream().map(p -> {
            List<C> children = known.apply(p);
            return children != null ? children : byKey.getOrDefault(key.apply(p), List.<C>of());
        }).toList());
    }

    /** Loads one related object for each parent with one call (null where the parent has none), in order. */
    public static <P, C> Uni<List<C>> one(List<P> parents, Function<P, Long> key, Function<Set<Long>, Uni<Map<Long, C>>> load) {
        Set<Long> keys = new LinkedHashSet<>();
        parents.forEach(p -> {
            Long k = key.apply(p);
            if (k != null) {
                keys.add(k);
            }
        });
        if (keys.isEmpty()) {
            List<C> nulls = new ArrayList<>();
            parents.forEach(p -> nulls.add(null));
            return Uni.createFrom().item(nulls);
        }
        return load.apply(keys).map(byKey -> {
            List<C> result = new ArrayList<>(parents.size());
            for (P p : parents) {
                Long k = key.apply(p);
                result.add(k == null ? null : byKey.get(k));
            }
            return result;
        });
    }
}
