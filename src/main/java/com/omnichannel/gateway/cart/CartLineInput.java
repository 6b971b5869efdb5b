package com.omnichannel.gateway.cart;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("CartLineInput")
public record CartLineInput(@NonNull @Id String variantId, int quantity) {
}
