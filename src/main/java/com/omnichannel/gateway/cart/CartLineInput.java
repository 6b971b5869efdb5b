package com.omnichannel.gateway.cart;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A variant and quantity to add.")
@Input("CartLineInput")
public record CartLineInput(
        @Description("The variant (ProductVariant.id).") @NonNull @Id String variantId,
        @Description("Units to add, 1 to 999.") int quantity) {
}
