package com.omnichannel.gateway.loyalty;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.errors.UserError;

@Description("The answer of loyaltyAdjust.")
public record LoyaltyAdjustPayload(
        @Description("The account after the adjustment; null with userErrors.") LoyaltyAccount account,
        @Description("The ledger entry the adjustment wrote; null with userErrors.") LoyaltyLedgerEntry entry,
        @Description("Expected failures (invalid input, a rule of the shop); empty on success. When not empty, nothing was changed.") @NonNull List<@NonNull UserError> userErrors) {

    static LoyaltyAdjustPayload failed(UserError error) {
        return new LoyaltyAdjustPayload(null, null, List.of(error));
    }
}
