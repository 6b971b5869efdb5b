package com.omnichannel.gateway.order;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import com.omnichannel.gateway.platform.errors.UserError;

/** Payloads of the order mutations. */
public final class OrderPayloads {

    private OrderPayloads() {
    }

    @Type("OrderPayload")
    public record OrderPayload(Order order, @NonNull List<@NonNull UserError> userErrors) {
        static OrderPayload failed(UserError error) {
            return new OrderPayload(null, List.of(error));
        }

        static OrderPayload failed(List<UserError> errors) {
            return new OrderPayload(null, errors);
        }
    }

    @Type("ShipmentPayload")
    public record ShipmentPayload(Shipment shipment, @NonNull List<@NonNull UserError> userErrors) {
        static ShipmentPayload failed(UserError error) {
            return new ShipmentPayload(null, List.of(error));
        }
    }
}
