package com.omnichannel.gateway.returns;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.money.Money;

@Description("Units of one order line in a return.")
public record ReturnLine(
        @Description("Opaque id of the return line.") @NonNull @Id String id,
        @Description("The order line the units were bought on (OrderLine.id).") @NonNull @Id String orderLineId,
        @Description("The variant's SKU at checkout.") @NonNull String sku,
        @Description("Units asked to return.") int quantity,
        @Description("Why the customer returns them.") @NonNull String reason,
        @Description("Units received; null until the return is received.") Integer receivedQuantity,
        @Description("What the receiving location did with them; null until received.") ReturnDisposition disposition,
        @Description("Units received for INSPECT that are still held, neither restocked nor written off yet (returnInspectionResolve); "
                + "0 for other dispositions and once all are decided.") int heldQuantity,
        @Description("What these units were paid for (the units asked for until receipt, the units received after).") @NonNull Money refund) {

    public static final String TYPE = "ReturnLine";
}
