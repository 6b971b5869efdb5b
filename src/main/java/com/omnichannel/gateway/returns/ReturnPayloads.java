package com.omnichannel.gateway.returns;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import com.omnichannel.gateway.platform.errors.UserError;

/** Payloads of the return mutations. */
public final class ReturnPayloads {

    private ReturnPayloads() {
    }

    @Description("The answer of returnRequest, returnExchange, returnStatusUpdate, returnReceive and returnInspectionResolve.")
    @Type("ReturnPayload")
    public record ReturnPayload(
            @Name("return") @Description("The return after the change; null with userErrors.") Return returnRequest,
            @Description("Expected failures (invalid input, a rule of the shop); empty on success. When not empty, nothing was changed.") @NonNull List<@NonNull UserError> userErrors) {
        static ReturnPayload failed(UserError error) {
            return new ReturnPayload(null, List.of(error));
        }
    }

    @Description("The answer of returnRefund.")
    @Type("ReturnRefundPayload")
    public record RefundPayload(
            @Description("The refund paid (the earlier one, for a repeated idempotency key); null with userErrors.") Refund refund,
            @Name("return") @Description("The return after the refund; null with userErrors.") Return returnRequest,
            @Description("Expected failures (invalid input, a rule of the shop); empty on success. When not empty, nothing was changed.") @NonNull List<@NonNull UserError> userErrors) {
        static RefundPayload failed(UserError error) {
            return new RefundPayload(null, null, List.of(error));
        }
    }
}
