package com.omnichannel.gateway.integration;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.order.Order;
import com.omnichannel.gateway.platform.errors.UserError;

@Description("The answer of posSaleRecord: the sale's order, or userErrors (then nothing was recorded).")
public record PosSalePayload(
        @Description("The sale as an order (channel POS, status PICKED_UP); null with userErrors.") Order order,
        @Description("Expected failures (unknown store or variant, too little stock, tenders that do not add up); empty on "
                + "success. When not empty, nothing was recorded.") @NonNull List<@NonNull UserError> userErrors) {

    static PosSalePayload failed(UserError error) {
        return new PosSalePayload(null, List.of(error));
    }
}
