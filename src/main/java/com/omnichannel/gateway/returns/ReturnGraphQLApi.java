package com.omnichannel.gateway.returns;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import com.omnichannel.gateway.order.Order;
import com.omnichannel.gateway.platform.security.CallerResolver;
import com.omnichannel.gateway.returns.ReturnPayloads.RefundPayload;
import com.omnichannel.gateway.returns.ReturnPayloads.ReturnPayload;

import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

@GraphQLApi
public class ReturnGraphQLApi {

    private final ReturnQueries queries;
    private final ReturnService returns;
    private final ReturnReceipts receipts;
    private final ReturnRefunds refunds;
    private final CallerResolver callers;

    public ReturnGraphQLApi(ReturnQueries queries, ReturnService returns, ReturnReceipts receipts, ReturnRefunds refunds, CallerResolver callers) {
        this.queries = queries;
        this.returns = returns;
        this.receipts = receipts;
        this.refunds = refunds;
        this.callers = callers;
    }

    // ---- reads

    @Query("returnRequest")
    @Description("A return by id: the signed-in customer's own, or any for staff. Null otherwise.")
    public Uni<Return> returnById(@Description("The return's id.") @NonNull @Id String id) {
        return queries.returnById(callers.current(), id);
    }

    @Query("returns")
    @Description("Staff: returns of orders from every channel, newest first, filtered.")
    public Uni<@NonNull ReturnConnection> returns(
            @Description("Only returns that match; leave out for all.") ReturnInputs.Filter filter,
            @Description("How many items to return, at most 100 (default 20).") Integer first,
            @Description("The endCursor of the previous page; leave out for the first page.") String after) {
        return queries.returns(callers.current(), filter, first, after);
    }

    // ---- nested, resolved for whole lists at once

    @Name("returns")
    @Description("The returns of units of this order, oldest first.")
    @NonNull
    public Uni<List<@NonNull List<@NonNull Return>>> orderReturns(@Source List<Order> parents) {
        return queries.returnsOf(parents);
    }

    @Name("lines")
    @Description("The units returned, per order line.")
    @NonNull
    public Uni<List<@NonNull List<@NonNull ReturnLine>>> lines(@Source List<Return> parents) {
        return queries.linesOf(parents);
    }

    @Name("refunds")
    @Description("The refunds paid for this return, oldest first.")
    @NonNull
    public Uni<List<@NonNull List<@NonNull Refund>>> refunds(@Source List<Return> parents) {
        return queries.refundsOf(parents);
    }

    // ---- changes

    @Mutation("returnRequest")
    @Description("Ask to return delivered or picked-up units of an order: the customer (any channel; guests with the order number and "
            + "email) or staff for any order (staff's returns are approved at once).")
    public Uni<@NonNull ReturnPayload> returnRequest(
            @Description("What to return; see the input type's fields.") @NonNull ReturnInputs.Request input) {
        return returns.request(callers.current(), callers.clientAddressKey(), input);
    }

    @Mutation("returnExchange")
    @Description("Return units of a line and take another variant of the same product (e.g. another size) in one operation: the new item is "
            + "reserved at a store to collect or shipped; the price difference is refunded with the return or charged.")
    public Uni<@NonNull ReturnPayload> returnExchange(
            @Description("What to exchange; see the input type's fields.") @NonNull ReturnInputs.Exchange input) {
        return returns.exchange(callers.current(), callers.clientAddressKey(), input);
    }

    @Mutation("returnStatusUpdate")
    @Description("Move a return along its lifecycle (see nextStatuses): staff approve, decline, cancel or close; the customer cancels before receipt.")
    public Uni<@NonNull ReturnPayload> returnStatusUpdate(
            @Description("What to do; see the input type's fields.") @NonNull ReturnInputs.StatusUpdate input) {
        return returns.updateStatus(callers.current(), input);
    }

    @Mutation("returnReceive")
    @Description("Staff: the units of a return arrived at a location (any store or warehouse): restocked there, recorded as damaged, or held for inspection.")
    public Uni<@NonNull ReturnPayload> returnReceive(
            @Description("What arrived; see the input type's fields.") @NonNull ReturnInputs.Receive input) {
        return receipts.receive(callers.current(), input);
    }

    @Mutation("returnInspectionResolve")
    @Description("Staff: decide on units a receipt held for INSPECT: restock them at the location that received the return, or write them off as damaged.")
    public Uni<@NonNull ReturnPayload> returnInspectionResolve(
            @Description("The decisions; see the input type's fields.") @NonNull ReturnInputs.InspectionResolve input) {
        return receipts.resolveInspection(callers.current(), input);
    }

    @Mutation("returnRefund")
    @Description("Staff: pay back money for a received return, to the original payment, store credit or cash; never more than the order was paid.")
    public Uni<@NonNull RefundPayload> returnRefund(
            @Description("What to pay; see the input type's fields.") @NonNull ReturnInputs.RefundRequest input) {
        return refunds.refund(callers.current(), input);
    }

    // ---- live

    @Subscription("returnUpdated")
    @Description("The return each time it changes, through any instance. For its owner and staff.")
    public Multi<Return> returnUpdated(@Description("The return to follow (Return.id).") @NonNull @Id String returnId) {
        return queries.updates(callers.current(), returnId);
    }
}
