package com.omnichannel.gateway.platform.ids;

import java.util.Set;

import io.smallrye.mutiny.Uni;

/**
 * How {@code node(id)} finds an object of a domain: each domain that owns {@link Node} types implements it as a bean,
 * answering with exactly what its own direct lookup answers for the caller (null where that lookup would miss or
 * answer null, the same error where it refuses).
 */
public interface NodeLookup {

    /** The id types (the prefix inside an id, e.g. "Product") this lookup finds. */
    Set<String> types();

    /**
     * Whether this lookup finds an id that is not of the typed form (type null): carts, whose ids are random so that
     * they cannot be guessed.
     */
    default boolean findsUntyped(String id) {
        return false;
    }

    /** The object for the caller; {@code type} is null for an id of {@link #findsUntyped}. */
    Uni<? extends Node> find(String type, String id);
}
