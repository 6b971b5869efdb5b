package com.omnichannel.gateway.credit;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.errors.UserError;

@Description("The answer of giftCardIssue.")
public record GiftCardIssuePayload(
        @Description("The card issued; null with userErrors.") GiftCard giftCard,
        @Description("The card's code, e.g. 7KQ2-MXH4-PD9R-T3VN: shown this once and never again (only its digest is kept); null with userErrors.") String code,
        @Description("Expected failures (invalid input, a rule of the shop); empty on success. When not empty, nothing was changed.") @NonNull List<@NonNull UserError> userErrors) {

    static GiftCardIssuePayload failed(UserError error) {
        return new GiftCardIssuePayload(null, null, List.of(error));
    }
}
