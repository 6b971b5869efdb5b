package com.omnichannel.gateway.order;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Source;

import com.omnichannel.gateway.order.OrderPayloads.ShipmentPayload;
import com.omnichannel.gateway.platform.money.Money;
import com.omnichannel.gateway.platform.security.CallerResolver;

import io.smallrye.mutiny.Uni;

@GraphQLApi
public class PickupGraphQLApi {

    private final PickupHandOver handOver;
    private final PickupQueries pickups;
    private final CallerResolver callers;

    public PickupGraphQLApi(PickupHandOver handOver, PickupQueries pickups, CallerResolver callers) {
        this.handOver = handOver;
        this.pickups = pickups;
        this.callers = callers;
    }

    @Mutation("pickupHandOver")
    @Description("Staff: hand a ready pickup over at the counter with the collection code the customer shows. The shipment "
            + "is picked up (its order follows once all its shipments are) and the payment captured or recorded. A wrong "
            + "code, or another store's, is refused and counted: past the limit per store or per staff member the answer "
            + "is RATE_LIMITED until the window ends.")
    public Uni<@NonNull ShipmentPayload> pickupHandOver(
            @NonNull @Description("What to do; see the input type's fields.") PickupInputs.HandOver input) {
        return handOver.handOver(callers.current(), input);
    }

    @Name("pickup")
    @Description("The shipment's pickup once it is ready at the store; null before, and for delivered shipments.")
    public Uni<List<Pickup>> shipmentPickup(@Source List<Shipment> shipments) {
        return pickups.ofShipments(callers.current(), shipments);
    }

    @Name("pickup")
    @Description("The order's pickup: the one waiting that is to be collected soonest, else the last one; null before "
            + "any is ready.")
    public Uni<List<Pickup>> orderPickup(@Source List<Order> orders) {
        return pickups.ofOrders(callers.current(), orders);
    }

    @Name("amountDueAtPickup")
    @Description("What the till takes when the order is collected: its total while it is paid in store and not yet paid, else zero.")
    public @NonNull Money amountDueAtPickup(@Source Order order) {
        return PickupQueries.amountDueAtPickup(order);
    }
}
