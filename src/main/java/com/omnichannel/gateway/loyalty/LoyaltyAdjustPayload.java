package com.omnichannel.gateway.loyalty;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.errors.UserError;

public record LoyaltyAdjustPayload(LoyaltyAccount account, LoyaltyLedgerEntry entry, @NonNull List<@NonNull UserError> userErrors) {

    static LoyaltyAdjustPayload failed(UserError error) {
        return new LoyaltyAdjustPayload(null, null, List.of(error));
    }
}
