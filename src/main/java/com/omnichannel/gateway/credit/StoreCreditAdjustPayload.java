package com.omnichannel.gateway.credit;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.errors.UserError;

@Description("The answer of storeCreditAdjust.")
public record StoreCreditAdjustPayload(
        @Description("The store credit after the adjustment; null with userErrors.") StoreCredit storeCredit,
        @Description("The ledger entry the adjustment wrote; null with userErrors.") StoreCreditEntry entry,
        @Description("Expected failures (invalid input, a rule of the shop); empty on success. When not empty, nothing was changed.") @NonNull List<@NonNull UserError> userErrors) {

    static StoreCreditAdjustPayload failed(UserError error) {
        return new StoreCreditAdjustPayload(null, null, List.of(error));
    }
}
