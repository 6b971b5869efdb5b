package com.omnichannel.gateway.returns;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.security.Channel;

/** Inputs of the return mutations and queries. */
public final class ReturnInputs {

    private ReturnInputs() {
    }

    @Description("Units of one order line to return.")
    @Input("ReturnLineInput")
    public record Line(
            @Description("The order line (OrderLine.id).") @NonNull @Id String orderLineId,
            @Description("Units to return, at least 1.") int quantity,
            @Description("Why, in the customer's words (1 to 500 characters).") @NonNull String reason) {
    }

    @Description("A return of units of one order. Signed-in customers and staff give orderId; guests give orderNumber and email.")
    @Input("ReturnRequestInput")
    public record Request(
            @Description("The order (Order.id); give this or orderNumber and email.") @Id String orderId,
            @Description("For guests: the order number from the confirmation.") String orderNumber,
            @Description("For guests: the email the order was placed with.") String email,
            @Description("The units to return, at most one entry per order line.") @NonNull List<@NonNull Line> lines,
            @Description("How the units come back.") @NonNull ReturnMethod method,
            @Description("For DROP_OFF: the store the customer means to bring them to (Location.id); any store may still receive them.") @Id String dropOffStoreId) {
    }

    @Description("Move a return along its lifecycle.")
    @Input("ReturnStatusUpdateInput")
    public record StatusUpdate(
            @Description("The return (Return.id).") @NonNull @Id String returnId,
            @Description("APPROVED, DECLINED, CANCELED or CLOSED (staff); CANCELED (the customer, before receipt). Receipt is returnReceive.") @NonNull ReturnStatus status,
            @Description("A note for the order's timeline (at most 500 characters).") String note) {
    }

    @Description("Units of one return line received.")
    @Input("ReturnReceiveLineInput")
    public record ReceiveLine(
            @Description("The return line (ReturnLine.id).") @NonNull @Id String returnLineId,
            @Description("Units received, 0 up to the units asked for.") int quantity,
            @Description("What the location does with them.") @NonNull ReturnDisposition disposition) {
    }

    @Description("Staff: the units of an approved return arrived at a location (any store or warehouse).")
    @Input("ReturnReceiveInput")
    public record Receive(
            @Description("The return (Return.id).") @NonNull @Id String returnId,
            @Description("The location receiving them (Location.id); leave out at a kiosk to use its store.") @Id String locationId,
            @Description("Each line received; lines left out count as not received.") @NonNull List<@NonNull ReceiveLine> lines) {
    }

    @Description("A decision on units of one return line held for inspection.")
    @Input("ReturnInspectionLineInput")
    public record InspectionLine(
            @Description("The return line (ReturnLine.id) whose held units are decided.") @NonNull @Id String returnLineId,
            @Description("Units decided, 1 up to the line's heldQuantity.") int quantity,
            @Description("RESTOCK (back into on-hand stock of the location that received the return) or DAMAGED (written off); INSPECT is refused.") @NonNull ReturnDisposition disposition) {
    }

    @Description("Staff: decide on units of a received return that were held for inspection.")
    @Input("ReturnInspectionResolveInput")
    public record InspectionResolve(
            @Description("The return (Return.id).") @NonNull @Id String returnId,
            @Description("The decisions, at most one entry per line and disposition.") @NonNull List<@NonNull InspectionLine> lines) {
    }

    @Description("Staff: pay back money for a received return.")
    @Input("ReturnRefundInput")
    public record RefundRequest(
            @Description("The return (Return.id).") @NonNull @Id String returnId,
            @Description("Client-chosen key (8 to 128 characters): the same key and body give the same refund; the same key with another body is refused.") @NonNull String idempotencyKey,
            @Description("Where the money goes.") @NonNull RefundDestination destination,
            @Description("Decimal amount; leave out for what is left of the suggested refund.") String amount) {
    }

    @Description("Return units of one order line and take another variant (e.g. another size) instead, in one operation. "
            + "Signed-in customers (at a kiosk too) and staff give orderId; guests give orderNumber and email.")
    @Input("ReturnExchangeInput")
    public record Exchange(
            @Description("The order (Order.id); give this or orderNumber and email.") @Id String orderId,
            @Description("For guests: the order number from the confirmation.") String orderNumber,
            @Description("For guests: the email the order was placed with.") String email,
            @Description("The order line whose units go back (OrderLine.id).") @NonNull @Id String orderLineId,
            @Description("Units to exchange, at least 1.") int quantity,
            @Description("Why (1 to 500 characters).") @NonNull String reason,
            @Description("The variant to take instead (ProductVariant.id): another variant of the same product.") @NonNull @Id String newVariantId,
            @Description("Collected at a store, or shipped to the order's address.") @NonNull ExchangeFulfilment fulfilment,
            @Description("COLLECT_AT_STORE: the store (Location.id; at a kiosk, leave out for its store). SHIP: the location it ships "
                    + "from; leave out to take the warehouse (or store) with the most units.") @Id String locationId) {
    }

    @Description("Which returns to list; every field narrows the list.")
    @Input("ReturnFilter")
    public record Filter(
            @Description("Only returns in this status.") ReturnStatus status,
            @Description("Only returns of this order (Order.id).") @Id String orderId,
            @Description("Only returns of orders placed through this channel.") Channel purchaseChannel,
            @Description("Only returns received at this location (Location.id).") @Id String receivedAtId) {
    }
}
