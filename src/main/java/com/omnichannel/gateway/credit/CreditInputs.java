package com.omnichannel.gateway.credit;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** The inputs of the store credit and gift card mutations. */
public final class CreditInputs {

    private CreditInputs() {
    }

    @Description("Store credit to add or take away, with the reason.")
    @Input("StoreCreditAdjustInput")
    public record Adjust(@NonNull @Id @Description("The customer's id (Customer.id).") String customerId,
            @NonNull @Description("Decimal amount in the shop's currency: positive adds, negative takes away, e.g. \"-5.00\"; not 0.") String amount,
            @NonNull @Description("Why: shown in the customer's ledger, 1 to 500 characters.") String reason) {
    }

    @Description("A gift card to issue.")
    @Input("GiftCardIssueInput")
    public record Issue(@NonNull @Description("Its value: a positive decimal amount in the shop's currency, at most the configured maximum.") String amount,
            @Description("For staff: why or for whom it was issued, at most 500 characters.") String note) {
    }
}
