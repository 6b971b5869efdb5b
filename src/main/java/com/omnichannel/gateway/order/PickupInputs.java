package com.omnichannel.gateway.order;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** The inputs of the pickup mutations. */
public final class PickupInputs {

    private PickupInputs() {
    }

    @Input("PickupHandOverInput")
    @Description("A pickup handed over at the counter: the store and the code the customer shows.")
    public record HandOver(@NonNull @Id @Description("The store handing the pickup over.") String storeId,
            @NonNull @Description("The collection code the customer shows (spaces, dashes and case do not matter), or the "
                    + "QR payload scanned from their screen.") String code) {
    }
}
