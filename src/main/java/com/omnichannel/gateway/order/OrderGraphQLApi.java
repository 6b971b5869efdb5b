package com.omnichannel.gateway.order;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import com.omnichannel.gateway.catalog.ProductVariant;
import com.omnichannel.gateway.platform.graphql.SelectedFields;
import com.omnichannel.gateway.platform.security.CallerResolver;
import com.omnichannel.gateway.order.OrderPayloads.OrderPayload;
import com.omnichannel.gateway.order.OrderPayloads.ShipmentPayload;

import com.omnichannel.gateway.store.PickupWindow;

import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

@GraphQLApi
public class OrderGraphQLApi {

    private final OrderQueries orders;
    private final OrderLifecycle lifecycle;
    private final Shipments shipments;
    private final CallerResolver callers;
    private final SelectedFields selected;

    public OrderGraphQLApi(OrderQueries orders, OrderLifecycle lifecycle, Shipments shipments, CallerResolver callers,
            SelectedFields selected) {
        this.selected = selected;
        this.orders = orders;
        this.lifecycle = lifecycle;
        this.shipments = shipments;
        this.callers = callers;
    }

    // ---- reads

    @Query("order")
    @Description("An order by id or number (case, spaces and dashes do not matter): the signed-in customer's own, or any for staff. Null otherwise.")
    public Uni<Order> order(
            @Description("The order's id; give id or number.") @Id String id,
            @Description("The order number, e.g. OC-7KQ2M-XH4PD; give id or number.") String number) {
        return orders.order(callers.current(), id, number);
    }

    @Query("orderLookup")
    @Description("A guest's order by its number (case, spaces and dashes do not matter) and the email it was placed with; null unless both match. Attempts are limited per client address and per order number, each alias counting (RATE_LIMITED with retryAfterSeconds).")
    public Uni<Order> orderLookup(
            @Description("The order number from the confirmation, e.g. OC-7KQ2M-XH4PD.") @NonNull String number,
            @Description("The email the order was placed with (case does not matter).") @NonNull String email) {
        return orders.lookup(callers.clientAddressKey(), number, email);
    }

    @Query("myOrders")
    @Description("The signed-in customer's orders from every channel, newest first.")
    public Uni<@NonNull OrderConnection> myOrders(
            @Description("How many items to return, at most 100 (default 20).") Integer first,
            @Description("The endCursor of the previous page; leave out for the first page.") String after) {
        return orders.myOrders(callers.current(), first, after, selected.contain("edges", "node", "lines"),
                selected.contain("edges", "node", "shipments"));
    }

    @Query("orders")
    @Description("Staff: orders from every channel, newest first, filtered.")
    public Uni<@NonNull OrderConnection> orders(
            @Description("Only orders that match; leave out for all.") OrderInputs.Filter filter,
            @Description("How many items to return, at most 100 (default 20).") Integer first,
            @Description("The endCursor of the previous page; leave out for the first page.") String after) {
        return orders.orders(callers.current(), filter, first, after);
    }

    // ---- nested, resolved for whole lists at once

    @Description("What was ordered, with prices frozen at checkout.")
    @Name("lines")
    @NonNull
    public Uni<List<@NonNull List<@NonNull OrderLine>>> lines(@Source List<Order> parents) {
        return orders.linesOf(parents);
    }

    @Description("The shipments the order was allocated to, one per location it leaves from.")
    @Name("shipments")
    @NonNull
    public Uni<List<@NonNull List<@NonNull Shipment>>> shipments(@Source List<Order> parents) {
        return orders.shipmentsOf(parents);
    }

    @Name("timeline")
    @Description("What happened to the order, oldest first.")
    @NonNull
    public Uni<List<@NonNull List<@NonNull OrderTimelineEvent>>> timeline(@Source List<Order> parents) {
        return orders.timelineOf(parents);
    }

    @Name("pickupSlot")
    @Description("The pickup slot booked for collecting the order; null when none was (and after cancellation).")
    public Uni<List<PickupWindow>> pickupSlot(@Source List<Order> parents) {
        return orders.pickupSlotsOf(parents);
    }

    @Name("variant")
    @Description("The variant as it is in the catalog now (null if it was deleted).")
    public Uni<List<ProductVariant>> variant(@Source List<OrderLine> lines) {
        return orders.variantsOf(lines);
    }

    @Description("The order lines (and units of them) in this shipment.")
    @Name("lines")
    @NonNull
    public Uni<List<@NonNull List<@NonNull ShipmentLine>>> shipmentLines(@Source List<Shipment> parents) {
        return orders.shipmentLinesOf(parents);
    }

    // ---- lifecycle

    @Mutation("orderStatusUpdate")
    @Description("Staff: move an order along its lifecycle (see nextStatuses); its shipments follow.")
    public Uni<@NonNull OrderPayload> orderStatusUpdate(
            @Description("What to do; see the input type's fields.") @NonNull OrderInputs.StatusUpdate input) {
        return lifecycle.updateStatus(callers.current(), input);
    }

    @Mutation("orderCancel")
    @Description("Cancel an order and release its reserved stock: staff until goods leave, the customer until fulfilment starts.")
    public Uni<@NonNull OrderPayload> orderCancel(
            @Description("What to do; see the input type's fields.") @NonNull OrderInputs.Cancel input) {
        return lifecycle.cancel(callers.current(), input);
    }

    @Mutation("shipmentStatusUpdate")
    @Description("Staff: move one shipment (its order follows once all its shipments agree).")
    public Uni<@NonNull ShipmentPayload> shipmentStatusUpdate(
            @Description("What to do; see the input type's fields.") @NonNull OrderInputs.ShipmentStatusUpdate input) {
        return shipments.updateStatus(callers.current(), input);
    }

    @Mutation("shipmentTrackingSet")
    @Description("Staff: set carrier and tracking number of a delivered shipment.")
    public Uni<@NonNull ShipmentPayload> shipmentTrackingSet(
            @Description("What to do; see the input type's fields.") @NonNull OrderInputs.TrackingSet input) {
        return shipments.setTracking(callers.current(), input);
    }

    @Mutation("shipmentSplit")
    @Description("Move units of a shipment into a new shipment from the same location (e.g. collect part now).")
    public Uni<@NonNull ShipmentPayload> shipmentSplit(
            @Description("What to do; see the input type's fields.") @NonNull OrderInputs.Split input) {
        return shipments.split(callers.current(), input);
    }

    @Mutation("shipmentsMerge")
    @Description("Combine unfulfilled shipments of one customer to one destination from the same location into one, "
            + "also across orders and channels.")
    public Uni<@NonNull ShipmentPayload> shipmentsMerge(
            @Description("What to do; see the input type's fields.") @NonNull OrderInputs.Merge input) {
        return shipments.merge(callers.current(), input);
    }

    // ---- live

    @Subscription("orderStatusChanged")
    @Description("The order each time its status changes, through any instance. For its owner and staff.")
    public Multi<Order> orderStatusChanged(
            @Description("The order to follow (Order.id).") @NonNull @Id String orderId) {
        return orders.statusChanges(callers.current(), orderId);
    }
}
