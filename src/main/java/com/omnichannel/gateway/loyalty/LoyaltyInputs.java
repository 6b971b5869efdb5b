package com.omnichannel.gateway.loyalty;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** The inputs of the loyalty mutations. */
public final class LoyaltyInputs {

    private LoyaltyInputs() {
    }

    @Description("Points to add or take away.")
    @Input("LoyaltyAdjustInput")
    public record Adjust(@NonNull @Id @Description("The customer's id (Customer.id); the bare token subject is still accepted in this release.") String customerId,
            @Description("Points to add (positive) or take away (negative); not 0.") int points,
            @NonNull @Description("Why: recorded in the ledger, 1 to 500 characters.") String reason) {
    }
}
