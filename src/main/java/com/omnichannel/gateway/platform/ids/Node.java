package com.omnichannel.gateway.platform.ids;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Interface;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

/** An object that {@code node(id)} finds again by its id (Relay's object identification). */
@Interface
@Name("Node")
@Description("An object with an opaque id, unique across all types, that node(id) finds again (Relay object identification).")
public interface Node {

    /** The record component {@code id} of each implementing record; a getter, since interface fields are read from getters. */
    String id();

    @Id
    @NonNull
    @Description("Opaque id, unique across all types.")
    default String getId() {
        return id();
    }
}
