package com.omnichannel.gateway.order;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import com.omnichannel.gateway.platform.errors.UserError;

/** Payloads of the order mutations. */
public final class OrderPayloads {

    private OrderPayloads() {
    }

    @Description("The answer of orderStatusUpdate and orderCancel.")
    @Type("OrderPayload")
    public record OrderPayload(
            @Description("The order after the change; null with userErrors.") Order order,
            @Description("Expected failures (invalid input, a rule of the shop); empty on success. When not empty, nothing was changed.") @NonNull List<@NonNull UserError> userErrors) {
        static OrderPayload failed(UserError error) {
            return new OrderPayload(null, List.of(error));
        }

        static OrderPayload failed(List<UserError> errors) {
            return new OrderPayload(null, errors);
        }
    }

    @Description("The answer of the shipment mutations.")
    @Type("ShipmentPayload")
    public record ShipmentPayload(
            @Description("The shipment after the change (the new one for shipmentSplit and shipmentsMerge); null with userErrors.") Shipment shipment,
            @Description("Expected failures (invalid input, a rule of the shop); empty on success. When not empty, nothing was changed.") @NonNull List<@NonNull UserError> userErrors) {
        static ShipmentPayload failed(UserError error) {
            return new ShipmentPayload(null, List.of(error));
        }
    }
}
