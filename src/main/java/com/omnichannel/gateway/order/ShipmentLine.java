package com.omnichannel.gateway.order;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("Units of one order line in a shipment.")
public record ShipmentLine(
        @NonNull @Description("The number of the order the line belongs to.") String orderNumber,
        @Description("The order line.") @NonNull OrderLine orderLine,
        @Description("Units of the order line in this shipment.") int quantity) {
}
