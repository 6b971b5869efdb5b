package com.omnichannel.gateway.platform.graphql;

import java.util.List;

import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import com.omnichannel.gateway.platform.errors.ApiException;
import com.omnichannel.gateway.platform.ids.GlobalId;
import com.omnichannel.gateway.platform.ids.Node;
import com.omnichannel.gateway.platform.ids.NodeLookup;

import io.smallrye.mutiny.Uni;

/** {@code node(id)}: any object by its id, through the lookup of the domain that owns its type. */
@GraphQLApi
public class NodeGraphQLApi {

    private final List<NodeLookup> lookups;

    public NodeGraphQLApi(Instance<NodeLookup> lookups) {
        this.lookups = lookups.stream().toList();
    }

    @Query("node")
    @Description("Any object by its id, with the same access rules as its own lookup (product, productVariant, category, "
            + "store, cart, order, customer, promotion; an address for its owner and staff): null where that lookup answers "
            + "null or misses, the same error where it refuses.")
    public Uni<Node> node(@Description("Any object's id (the id field of a Node).") @NonNull @Id String id) {
        String type = GlobalId.typeOf(id);
        for (NodeLookup lookup : lookups) {
            if (type != null ? lookup.types().contains(type) : lookup.findsUntyped(id)) {
                return Uni.createFrom().deferred(() -> lookup.find(type, id)).map(Node.class::cast);
            }
        }
        throw ApiException.badUserInput("Argument 'id' is not a valid id");
    }
}
