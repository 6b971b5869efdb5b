package com.omnichannel.gateway.cart;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A new quantity for a cart line.")
@Input("CartLineUpdateInput")
public record CartLineUpdateInput(
        @Description("The line (CartLine.id).") @NonNull @Id String lineId,
        @Description("New quantity, 0 to 999; 0 removes the line.") int quantity) {
}
